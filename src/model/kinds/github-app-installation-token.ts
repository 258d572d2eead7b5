import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITHUB_INSTALLATION_TOKEN, GITHUB_TOKEN_FORMATS, GITHUB_TOKEN_REVOCATION, RFC6750_BEARER } from './sources.js';

export const githubAppInstallationToken: CredentialKindInfo = {
  id: 'github-app-installation-token',
  title: 'GitHub App installation access token (ghs_...)',
  provider: 'GitHub',
  defaults: { ttl: '1h', subject: 'workload' },
  notes:
    "An installation token expires after one hour, can be minted for each task and narrowed to the repositories and permissions that task needs, and can be revoked at once through the API (DELETE /installation/token). Whoever holds the app's private key can mint new ones, so model the key as the parent (derivedFrom). GitHub revokes one pushed to a public repository. The GITHUB_TOKEN of Actions also starts with ghs_: see github-actions-token.",
  sources: [
    GITHUB_INSTALLATION_TOKEN,
    {
      title:
        'GitHub REST API: Revoke an installation access token (DELETE /installation/token: "the token is invalidated and cannot be used")',
      url: 'https://docs.github.com/en/rest/apps/installations#revoke-an-installation-access-token',
      backs: ['capabilities.revocableByApi'],
    },
    {
      title:
        'GitHub Docs: Authenticating as a GitHub App installation ("API requests made by an app installation are attributed to the app")',
      url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation',
      backs: ['subject'],
    },
    GITHUB_TOKEN_REVOCATION,
    GITHUB_TOKEN_FORMATS,
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['per-session', 'per-task'],
    revocableByApi: true,
    revokedWhenPublic: true,
  },
  prefixes: ['ghs_'],
};
