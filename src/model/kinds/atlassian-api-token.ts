import type { CredentialKindInfo } from '../credential-kinds.js';

export const atlassianApiToken: CredentialKindInfo = {
  id: 'atlassian-api-token',
  title: 'Atlassian account API token (Jira, Confluence)',
  provider: 'Atlassian',
  defaults: { ttl: '365d', issuance: 'static', subject: 'human' },
  maxTtl: '365d',
  notes:
    "An API token authenticates scripts as the Atlassian account that created it (basic auth with the account's email), with everything that person can do. Tokens created after 15 December 2024 expire after one year by default, and an expiry from one day to one year can be chosen. Atlassian documents no fixed prefix for their values.",
  sources: [
    {
      title:
        "Atlassian Support: Manage API tokens for your Atlassian account (used with the account's email in place of its password; new tokens expire in one year by default, with an expiration from one day up to one year)",
      url: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
      backs: ['ttl', 'maxTtl', 'subject', 'issuance', 'capabilities.issuance'],
    },
  ],
  capabilities: { issuance: ['static'] },
};
