import type { CredentialKindInfo } from '../credential-kinds.js';
import { ENTRA_ACCESS_TOKENS, ENTRA_CONFIGURABLE_LIFETIMES } from './sources.js';

export const entraAccessToken: CredentialKindInfo = {
  id: 'entra-access-token',
  title: 'Microsoft Entra ID access token',
  provider: 'Microsoft Entra',
  defaults: { ttl: '90m', revocation: { mode: 'none' } },
  notes:
    'The default lifetime is a random value between 60 and 90 minutes (the catalogue takes the upper end); it cannot be revoked before it expires. For a client and resource that both support continuous access evaluation, use entra-cae-access-token.',
  sources: [ENTRA_ACCESS_TOKENS, ENTRA_CONFIGURABLE_LIFETIMES],
  capabilities: { revocableByApi: false },
};
