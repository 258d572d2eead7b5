import type { CredentialKindInfo } from '../credential-kinds.js';

export const gcpServiceAccountKey: CredentialKindInfo = {
  id: 'gcp-service-account-key',
  title: 'Google Cloud user-managed service account key (JSON key file)',
  provider: 'Google Cloud',
  defaults: { ttl: 'never', issuance: 'static' },
  notes:
    'User-managed keys do not expire by default (an organization policy can set an expiry for new keys). Whoever holds the key file can mint access tokens until the key is disabled or deleted, which the IAM API can do. Google disables a key it detects as exposed, typically in a public repository (disable reason SERVICE_ACCOUNT_KEY_DISABLE_REASON_EXPOSED).',
  sources: [
    {
      title:
        'Google Cloud blog: Introducing time-bound key authentication for service accounts ("service account keys by default do not expire")',
      url: 'https://cloud.google.com/blog/products/identity-security/introducing-time-bound-key-authentication-for-service-accounts',
      backs: ['ttl', 'issuance', 'capabilities.issuance'],
    },
    {
      title:
        'Google Cloud IAM API: projects.serviceAccounts.keys.disable (disable a service account key through the API)',
      url: 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts.keys/disable',
      backs: ['capabilities.revocableByApi'],
    },
    {
      title:
        'Google Cloud IAM API: projects.serviceAccounts.keys resource (disableReason SERVICE_ACCOUNT_KEY_DISABLE_REASON_EXPOSED: "Google detected this Service Account external key\'s private key data as exposed, typically in a public repository on GitHub")',
      url: 'https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts.keys',
      backs: ['capabilities.revokedWhenPublic'],
    },
    {
      title:
        'Google Cloud IAM: Best practices for managing service account keys (choose a more secure alternative such as workload identity federation or an attached service account whenever possible)',
      url: 'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
      backs: ['capabilities.replacements'],
    },
  ],
  capabilities: {
    issuance: ['static'],
    revocableByApi: true,
    revokedWhenPublic: true,
    replacements: [
      {
        kind: 'gcp-workload-identity-federation',
        takes:
          "a workload identity pool and provider that trust the workload's own identity, and a credential configuration file in place of the key",
      },
      {
        kind: 'gcp-service-account-token',
        takes:
          'the service account attached to the compute the agent runs on (Compute Engine, GKE, Cloud Run), so the client library fetches short-lived tokens instead of reading a key',
      },
    ],
  },
};
