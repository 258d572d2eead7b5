import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITHUB_CREDENTIALS_REVOKE, GITHUB_TOKEN_FORMATS } from './sources.js';
import { GITHUB_REFRESHING_USER_TOKENS } from './github-app-user-token.js';

export const githubAppRefreshToken: CredentialKindInfo = {
  id: 'github-app-refresh-token',
  title: 'GitHub App refresh token (ghr_...)',
  provider: 'GitHub',
  defaults: { ttl: '183d', subject: 'human' },
  notes:
    "A refresh token expires after six months (read here as 183 days). Each use returns a new user access token and a new refresh token, so whoever holds a copy can keep the user's access alive past the six months: give the user tokens it mints derivedFrom this credential. It can be revoked through the credential revocation API.",
  sources: [
    { ...GITHUB_REFRESHING_USER_TOKENS, backs: ['ttl', 'subject'] },
    GITHUB_CREDENTIALS_REVOKE,
    GITHUB_TOKEN_FORMATS,
  ],
  capabilities: { revocableByApi: true },
  prefixes: ['ghr_'],
};
