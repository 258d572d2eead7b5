import type { CredentialKindInfo } from '../credential-kinds.js';
import { GCP_ACCESS_CHANGE_PROPAGATION, GCP_GENERATE_ACCESS_TOKEN } from './sources.js';

export const gcpServiceAccountToken: CredentialKindInfo = {
  id: 'gcp-service-account-token',
  title: 'Google Cloud service account access token',
  provider: 'Google Cloud',
  defaults: { ttl: '1h', revocation: { mode: 'manual', propagation: '7m' } },
  maxTtl: '12h',
  notes:
    "Tokens last 1 hour unless an organization policy allows up to 12 hours, and a new one can be generated for each task. Taking the service account's roles away is an IAM policy change: Google says typically 2 minutes, potentially 7 minutes or longer, an estimate rather than a maximum; the catalogue uses 7m and it may take longer.",
  sources: [GCP_GENERATE_ACCESS_TOKEN, GCP_ACCESS_CHANGE_PROPAGATION],
  capabilities: { issuance: ['per-session', 'per-task'] },
};
