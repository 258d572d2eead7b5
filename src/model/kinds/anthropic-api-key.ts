import type { CredentialKindInfo } from '../credential-kinds.js';

export const anthropicApiKey: CredentialKindInfo = {
  id: 'anthropic-api-key',
  title: 'Anthropic (Claude) API key (sk-ant-...)',
  provider: 'Anthropic',
  defaults: { issuance: 'static' },
  notes:
    'A Claude Console key, sent in the x-api-key header, optionally limited to one workspace and given an expiry date at creation; Anthropic publishes no default lifetime, so write ttl (ttl: never if it has none). Admin API keys start with sk-ant-admin.',
  sources: [
    {
      title:
        'Claude API docs: Get an API key (created in the Claude Console, optionally scoped to a workspace and given an expiry date; the key starts with sk-ant- and is shown once)',
      url: 'https://platform.claude.com/docs/en/get-api-key',
      backs: ['prefixes', 'issuance', 'capabilities.issuance'],
    },
  ],
  capabilities: { issuance: ['static'] },
  prefixes: ['sk-ant-'],
};
