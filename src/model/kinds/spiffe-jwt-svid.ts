import type { CredentialKindInfo } from '../credential-kinds.js';
import { RFC7009_SELF_CONTAINED, SPIRE_SERVER_CONFIG } from './sources.js';

export const spiffeJwtSvid: CredentialKindInfo = {
  id: 'spiffe-jwt-svid',
  title: 'SPIFFE JWT-SVID issued by SPIRE',
  provider: 'SPIFFE/SPIRE',
  defaults: { ttl: '5m', binding: 'bearer', revocation: { mode: 'none' } },
  notes:
    'A signed JWT validated against the trust bundle: a copy can be replayed to any service that accepts its audience until it expires, 5 minutes by default in SPIRE.',
  sources: [
    SPIRE_SERVER_CONFIG,
    {
      title: 'SPIFFE standard: JWT-SVID, section 7.1 Replay Protection (a JWT-SVID is a bearer token)',
      url: 'https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md',
      backs: ['binding', 'capabilities.bindings'],
    },
    RFC7009_SELF_CONTAINED,
  ],
  capabilities: { bindings: ['bearer'], revocableByApi: false },
};
