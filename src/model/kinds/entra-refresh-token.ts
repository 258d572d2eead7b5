import type { CredentialKindInfo } from '../credential-kinds.js';
import { ENTRA_REVOKE_SESSIONS } from './sources.js';

export const entraRefreshToken: CredentialKindInfo = {
  id: 'entra-refresh-token',
  title: 'Microsoft Entra ID refresh token',
  provider: 'Microsoft Entra',
  defaults: { ttl: '90d', subject: 'human' },
  notes:
    "A refresh token lasts 90 days (24 hours when issued to a single-page app: write ttl: 24h) and replaces itself on every use, so whoever holds it keeps a user's delegated access alive; model the access tokens it mints with derivedFrom. Its lifetime cannot be configured. Revoking the user's sign-in sessions through Microsoft Graph invalidates it.",
  sources: [
    {
      title:
        "Microsoft identity platform: Refresh tokens (default lifetime 24 hours for single page apps and 90 days for all other scenarios; bound to a user and client; revoked when an administrator revokes the user's refresh tokens)",
      url: 'https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens',
      backs: ['ttl', 'subject'],
    },
    ENTRA_REVOKE_SESSIONS,
  ],
  capabilities: { revocableByApi: true },
};
