import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  citing,
  GITHUB_CREDENTIALS_REVOKE,
  GITHUB_INSTALLATION_TOKEN,
  GITHUB_PAT_LIFETIME_CHANGELOG,
  GITHUB_PAT_MANAGING,
  GITHUB_PAT_POLICY,
  GITHUB_TOKEN_FORMATS,
  GITHUB_TOKEN_REVOCATION,
  RFC6750_BEARER,
} from './sources.js';

export const githubClassicPat: CredentialKindInfo = {
  id: 'github-classic-pat',
  title: 'GitHub personal access token (classic) (ghp_...)',
  provider: 'GitHub',
  defaults: { ttl: 'never', issuance: 'static', subject: 'human' },
  notes:
    'Classic tokens may be created with no expiration (unless an organization sets a maximum lifetime); they act as the user across every repository the user can reach and cannot be narrowed to repositories or bound to a workload. GitHub revokes one pushed to a public repository, and tokens unused for a year; anyone can revoke one through the credential revocation API.',
  sources: [
    GITHUB_PAT_MANAGING,
    GITHUB_PAT_POLICY,
    GITHUB_PAT_LIFETIME_CHANGELOG,
    GITHUB_TOKEN_REVOCATION,
    GITHUB_CREDENTIALS_REVOKE,
    GITHUB_TOKEN_FORMATS,
    citing(GITHUB_INSTALLATION_TOKEN, 'capabilities.replacements'),
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['static'],
    revocableByApi: true,
    revokedWhenPublic: true,
    replacements: [
      {
        kind: 'github-app-installation-token',
        takes:
          "a GitHub App installed on the repositories the agent works on, its private key in the agent's secret store, and a code change to mint a 1-hour token per task",
      },
      {
        kind: 'github-fine-grained-pat',
        takes:
          "a new token in the owner's developer settings limited to the repositories and permissions the workflows use, with an expiry, in place of the classic one",
      },
    ],
  },
  prefixes: ['ghp_'],
};
