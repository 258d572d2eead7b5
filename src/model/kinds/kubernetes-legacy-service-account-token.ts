import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  citing,
  K8S_MANAGING_SERVICE_ACCOUNTS,
  K8S_PROJECTED_VOLUMES,
  K8S_SECRET_SA_TOKEN,
  RFC6750_BEARER,
} from './sources.js';

export const kubernetesLegacyServiceAccountToken: CredentialKindInfo = {
  id: 'kubernetes-legacy-service-account-token',
  title: 'Kubernetes Secret-based (legacy) service account token',
  provider: 'Kubernetes',
  defaults: { ttl: 'never', issuance: 'static' },
  notes:
    "A token stored in a kubernetes.io/service-account-token Secret never expires; anyone who can read the Secret obtains it, so list the Secret's store in a resource's holds. Deleting the Secret through the API revokes it.",
  sources: [
    K8S_SECRET_SA_TOKEN,
    K8S_MANAGING_SERVICE_ACCOUNTS,
    citing(K8S_PROJECTED_VOLUMES, 'capabilities.replacements'),
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['static'],
    revocableByApi: true,
    replacements: [
      {
        kind: 'kubernetes-service-account-token',
        takes:
          'a projected serviceAccountToken volume (or a TokenRequest call) with expirationSeconds in the Pod spec, and the token Secret deleted',
      },
    ],
  },
};
