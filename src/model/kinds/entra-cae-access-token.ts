import type { CredentialKindInfo } from '../credential-kinds.js';
import { ENTRA_CAE, ENTRA_REVOKE_SESSIONS } from './sources.js';

export const entraCaeAccessToken: CredentialKindInfo = {
  id: 'entra-cae-access-token',
  title: 'Microsoft Entra ID access token in a continuous access evaluation (CAE) session',
  provider: 'Microsoft Entra',
  defaults: { ttl: '28h', revocation: { mode: 'manual', propagation: '15m' } },
  notes:
    "CAE-aware sessions get long-lived tokens, up to 28 hours, that the resource rejects after critical events such as account disable, password reset or revoked sessions; revoking a user's sessions is a Graph API call, so it can be automated. Propagation is near real time but up to 15 minutes can be observed.",
  sources: [ENTRA_CAE, ENTRA_REVOKE_SESSIONS],
  capabilities: { revocableByApi: true },
};
