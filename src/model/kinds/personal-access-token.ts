import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITHUB_PAT_MANAGING } from './sources.js';

export const personalAccessToken: CredentialKindInfo = {
  id: 'personal-access-token',
  title: 'Personal access token (any service)',
  provider: 'generic',
  defaults: { issuance: 'static', subject: 'human' },
  notes:
    'A token issued to a person and used on their behalf. Lifetimes differ by service, so write ttl; the catalogue has kinds of its own for GitHub (github-fine-grained-pat, github-classic-pat), GitLab (gitlab-personal-access-token) and Atlassian (atlassian-api-token).',
  sources: [GITHUB_PAT_MANAGING],
};
