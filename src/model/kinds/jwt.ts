import type { CredentialKindInfo } from '../credential-kinds.js';
import { RFC7009_SELF_CONTAINED } from './sources.js';

export const jwt: CredentialKindInfo = {
  id: 'jwt',
  title: 'Self-contained JWT access token (validated without introspection)',
  provider: 'generic',
  defaults: { revocation: { mode: 'none' }, revokedWithParent: false },
  notes:
    'A resource server that checks only the signature and expiry never asks the issuer, so the token stays valid until it expires whatever is revoked upstream. Write its ttl.',
  sources: [RFC7009_SELF_CONTAINED],
  capabilities: { revocableByApi: false },
};
