import type { CredentialKindInfo } from '../credential-kinds.js';
import { citing, K8S_APISERVER_EXTEND, K8S_PROJECTED_VOLUMES, RFC6750_BEARER } from './sources.js';

export const kubernetesAutomountedServiceAccountToken: CredentialKindInfo = {
  id: 'kubernetes-automounted-service-account-token',
  title: 'Kubernetes service account token mounted by default (kube-api-access volume)',
  provider: 'Kubernetes',
  defaults: { ttl: '365d' },
  notes:
    'The token the ServiceAccount admission mounts into every Pod asks for about an hour, but while --service-account-extend-token-expiration is on (the default) the API server extends it to one year, so a copy stays valid for a year even though the kubelet keeps refreshing the file. Write ttl: 1h only where the flag is off.',
  sources: [
    K8S_APISERVER_EXTEND,
    {
      title:
        'Kubernetes pull request #96273: default service-account-extend-token-expiration to true (the auto-mounted token requests 3607 seconds and is extended)',
      url: 'https://github.com/kubernetes/kubernetes/pull/96273',
      backs: ['ttl'],
    },
    citing(K8S_PROJECTED_VOLUMES, 'capabilities.replacements'),
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    replacements: [
      {
        kind: 'kubernetes-service-account-token',
        takes:
          'automountServiceAccountToken: false and an explicit projected serviceAccountToken volume with expirationSeconds and an audience in the Pod spec',
      },
    ],
  },
};
