import type { CredentialKindInfo } from '../credential-kinds.js';
import { K8S_PROJECTED_VOLUMES, RFC6750_BEARER } from './sources.js';

export const kubernetesServiceAccountToken: CredentialKindInfo = {
  id: 'kubernetes-service-account-token',
  title: 'Kubernetes service account token from an explicit projection or TokenRequest',
  provider: 'Kubernetes',
  defaults: { ttl: '1h' },
  minTtl: '10m',
  notes:
    'A token projected with expirationSeconds (default 1 hour, at least 10 minutes) or requested through the TokenRequest API; the kubelet rotates a projected one. It is bound to its Pod, but only verifiers that ask the API server (TokenReview, or the API server itself) reject it once the Pod is deleted: an external verifier that checks the signature through OIDC discovery accepts it until it expires. The token the ServiceAccount admission mounts by default is kubernetes-automounted-service-account-token.',
  sources: [
    K8S_PROJECTED_VOLUMES,
    {
      title:
        'OpenBao: Kubernetes as an OIDC provider (a verifier that checks service account JWTs with public keys instead of the TokenReview API still accepts tokens Kubernetes revoked, until their expiry)',
      url: 'https://openbao.org/docs/auth/jwt/oidc-providers/kubernetes/',
    },
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'] },
};
