import type { CredentialKindInfo } from '../credential-kinds.js';

export const azureManagedIdentityToken: CredentialKindInfo = {
  id: 'azure-managed-identity-token',
  title: 'Azure managed identity access token',
  provider: 'Microsoft Entra',
  defaults: { ttl: '24h', revocation: { mode: 'manual', propagation: '24h' } },
  notes:
    "The managed identity back end caches a token per resource for around 24 hours and a refresh cannot be forced, so a change to the identity's roles or groups can take up to about a day to take effect.",
  sources: [
    {
      title:
        'Microsoft Entra: Managed identities for Azure resources FAQ, "Are managed identities tokens cached?" (cache per resource URI for around 24 hours)',
      url: 'https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identities-faq',
      backs: ['ttl', 'revocation.propagation'],
    },
    {
      title:
        'Microsoft Entra: Managed identity best practice recommendations, limitation of using managed identities for authorization (a refresh cannot be forced)',
      url: 'https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations',
      backs: ['revocation.mode', 'revocation.propagation', 'capabilities.revocableByApi'],
    },
  ],
  capabilities: { revocableByApi: false },
};
