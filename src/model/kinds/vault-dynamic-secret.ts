import type { CredentialKindInfo } from '../credential-kinds.js';

export const vaultDynamicSecret: CredentialKindInfo = {
  id: 'vault-dynamic-secret',
  title: 'HashiCorp Vault dynamic secret (leased)',
  provider: 'HashiCorp Vault',
  defaults: { ttl: '768h', revocation: { propagation: '0s' }, revokedWithParent: true },
  notes:
    'Without an explicit TTL Vault leases dynamic secrets for 32 days (768h). Revoking a lease, which the API can do, invalidates the secret immediately, and revoking the Vault token that created it revokes its leases too.',
  sources: [
    {
      title: 'HashiCorp Vault: Tune the lease time-to-live (leases default to a TTL of 32 days, 768h)',
      url: 'https://developer.hashicorp.com/vault/docs/troubleshoot/tune-lease-ttl',
      backs: ['ttl'],
    },
    {
      title:
        'HashiCorp Vault: Lease, renew, and revoke ("When a lease is revoked, it invalidates that secret immediately"; revoking a token revokes its leases; leases are revoked through the API)',
      url: 'https://developer.hashicorp.com/vault/docs/concepts/lease',
      backs: ['revocation.propagation', 'revokedWithParent', 'capabilities.revocableByApi'],
    },
  ],
  capabilities: { revocableByApi: true },
};
