import type { CredentialKindInfo } from '../credential-kinds.js';
import { GCP_ACCESS_CHANGE_PROPAGATION, GCP_GENERATE_ACCESS_TOKEN } from './sources.js';

export const gcpWorkloadIdentityFederation: CredentialKindInfo = {
  id: 'gcp-workload-identity-federation',
  title: 'Google Cloud access token from workload identity federation',
  provider: 'Google Cloud',
  defaults: { ttl: '1h', revocation: { mode: 'manual', propagation: '7m' } },
  maxTtl: '12h',
  notes:
    "The workload exchanges a credential from its own identity provider (AWS, Azure, an OIDC or SAML provider, GitHub Actions) at Google's Security Token Service, then impersonates a service account for a short-lived access token: no service account key exists to leak. Whoever holds a valid external credential for the pool can mint tokens, so model it as the parent (derivedFrom). Revoking is an IAM policy change, as for gcp-service-account-token.",
  sources: [
    {
      title:
        'Google Cloud IAM: Workload Identity Federation (an external credential is exchanged for a federated token, then for a short-lived service account access token, without a service account key)',
      url: 'https://cloud.google.com/iam/docs/workload-identity-federation',
      backs: ['capabilities.issuance'],
    },
    GCP_GENERATE_ACCESS_TOKEN,
    GCP_ACCESS_CHANGE_PROPAGATION,
  ],
  capabilities: { issuance: ['per-session', 'per-task'] },
};
