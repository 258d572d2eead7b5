import type { CredentialKindInfo } from '../credential-kinds.js';

export const githubActionsToken: CredentialKindInfo = {
  id: 'github-actions-token',
  title: 'GitHub Actions GITHUB_TOKEN',
  provider: 'GitHub',
  defaults: { ttl: '24h', issuance: 'per-task', revocation: { mode: 'on-task-end' } },
  maxTtl: '24h',
  notes:
    'GitHub creates a GITHUB_TOKEN for each job; it expires when the job finishes or after at most 24 hours (6 hours on GitHub-hosted runners, whose jobs cannot run longer). A copy exfiltrated during the job dies with the job. It is an installation token of the Actions app, so its value starts with ghs_ like github-app-installation-token.',
  sources: [
    {
      title:
        'GitHub Docs: GITHUB_TOKEN (created for each job; "expires when a job finishes or after a maximum of 24 hours")',
      url: 'https://docs.github.com/en/actions/concepts/security/github_token',
      backs: ['ttl', 'maxTtl', 'issuance', 'revocation.mode', 'capabilities.issuance'],
    },
  ],
  capabilities: { issuance: ['per-task'] },
};
