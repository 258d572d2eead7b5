import type { CredentialKindInfo } from '../credential-kinds.js';

export const linearApiKey: CredentialKindInfo = {
  id: 'linear-api-key',
  title: 'Linear personal API key',
  provider: 'Linear',
  defaults: { issuance: 'static', subject: 'human' },
  notes:
    "A personal API key, created in a member's security settings, acts as that member (optionally limited to some permissions and teams). Linear recommends OAuth2 applications for integrations, which can act as the application itself. Linear documents neither a lifetime nor a prefix: write ttl.",
  sources: [
    {
      title: 'Linear Developers: GraphQL API, authentication with personal API keys or OAuth2',
      url: 'https://linear.app/developers/graphql',
      backs: ['subject', 'issuance'],
    },
    {
      title:
        'Linear Developers: OAuth 2.0 authentication (recommended for applications that integrate with Linear; actor=app makes changes as the application)',
      url: 'https://linear.app/developers/oauth-2-0-authentication',
    },
  ],
};
