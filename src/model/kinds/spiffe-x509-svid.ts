import type { CredentialKindInfo } from '../credential-kinds.js';
import { SPIRE_SERVER_CONFIG } from './sources.js';

export const spiffeX509Svid: CredentialKindInfo = {
  id: 'spiffe-x509-svid',
  title: 'SPIFFE X.509-SVID issued by SPIRE',
  provider: 'SPIFFE/SPIRE',
  defaults: { ttl: '1h', binding: 'workload-bound' },
  notes:
    'An X.509 certificate used for mutual TLS: a copy of the certificate is useless without its private key, which stays with the workload. SPIRE issues it for 1 hour by default and rotates it before expiry.',
  sources: [
    SPIRE_SERVER_CONFIG,
    {
      title: 'SPIFFE standard: X.509-SVID (the SVID is presented with proof of possession of its private key in TLS)',
      url: 'https://github.com/spiffe/spiffe/blob/main/standards/X509-SVID.md',
      backs: ['binding', 'capabilities.bindings'],
    },
  ],
  capabilities: { bindings: ['workload-bound'] },
};
