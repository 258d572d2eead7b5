import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  citing,
  GITHUB_CREDENTIALS_REVOKE,
  GITHUB_INSTALLATION_TOKEN,
  GITHUB_PAT_LIFETIME_CHANGELOG,
  GITHUB_PAT_MANAGING,
  GITHUB_PAT_POLICY,
  GITHUB_TOKEN_REVOCATION,
  RFC6750_BEARER,
} from './sources.js';

export const githubFineGrainedPat: CredentialKindInfo = {
  id: 'github-fine-grained-pat',
  title: 'GitHub fine-grained personal access token (github_pat_...)',
  provider: 'GitHub',
  defaults: { ttl: '366d', issuance: 'static', subject: 'human' },
  notes:
    'A personal token acts as the user who created it, so an agent holding one acts as a person. The catalogue uses 366 days, the lifetime policy organizations and enterprises apply by default; a token for resources outside an organization, or in one whose administrators relaxed the policy, can be made non-expiring (write ttl: never), and a shorter expiry chosen at creation should be written as ttl. GitHub revokes one pushed to a public repository, and tokens unused for a year; anyone can revoke one through the credential revocation API.',
  sources: [
    GITHUB_PAT_MANAGING,
    GITHUB_PAT_POLICY,
    GITHUB_PAT_LIFETIME_CHANGELOG,
    GITHUB_TOKEN_REVOCATION,
    GITHUB_CREDENTIALS_REVOKE,
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
    ],
  },
  prefixes: ['github_pat_'],
};
