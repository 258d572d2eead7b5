import type { CredentialKindInfo } from '../credential-kinds.js';

export const apiKey: CredentialKindInfo = {
  id: 'api-key',
  title: 'Static API key (any service)',
  provider: 'generic',
  defaults: {},
  notes:
    'A key issued once and used until someone rotates it; many services never expire keys. Lifetimes differ by service, so write ttl (ttl: never if it has none). The catalogue has kinds of their own for OpenAI, Anthropic, Stripe, Notion, Linear and Supabase keys.',
  sources: [],
};
