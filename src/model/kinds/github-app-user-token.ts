import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITHUB_CREDENTIALS_REVOKE, GITHUB_TOKEN_FORMATS, GITHUB_TOKEN_REVOCATION, RFC6750_BEARER } from './sources.js';

export const GITHUB_REFRESHING_USER_TOKENS = {
  title:
    'GitHub Docs: Refreshing user access tokens ("The user access token expires after eight hours, and the refresh token expires after six months"; using a refresh token returns a new user access token and a new refresh token)',
  url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
} as const;

export const githubAppUserToken: CredentialKindInfo = {
  id: 'github-app-user-token',
  title: 'GitHub App user access token (ghu_...)',
  provider: 'GitHub',
  defaults: { ttl: '8h', subject: 'human' },
  notes:
    "A GitHub App acting on behalf of a user gets a token that expires after eight hours (unless the app opted out of expiry), with a refresh token that lasts six months: model the refresh token (github-app-refresh-token) as the parent with derivedFrom. It acts as the user, within the app's permissions. GitHub revokes one pushed to a public repository, and anyone can revoke one through the credential revocation API.",
  sources: [
    { ...GITHUB_REFRESHING_USER_TOKENS, backs: ['ttl'] },
    {
      title:
        "GitHub Docs: Authenticating with a GitHub App on behalf of a user (the app acts as the user, limited by the app's permissions and the user's access)",
      url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-with-a-github-app-on-behalf-of-a-user',
      backs: ['subject'],
    },
    GITHUB_CREDENTIALS_REVOKE,
    GITHUB_TOKEN_REVOCATION,
    GITHUB_TOKEN_FORMATS,
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'], revocableByApi: true, revokedWhenPublic: true },
  prefixes: ['ghu_'],
};
