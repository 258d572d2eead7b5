import type { CredentialKindInfo } from '../credential-kinds.js';

export const supabaseServiceRoleKey: CredentialKindInfo = {
  id: 'supabase-service-role-key',
  title: 'Supabase legacy service_role key (a JWT)',
  provider: 'Supabase',
  defaults: { ttl: '3650d', issuance: 'static' },
  notes:
    "The legacy service_role key is a JWT signed with the project's JWT secret, expiring about ten years after it was issued (read here as 3650 days); it bypasses Row Level Security. It cannot be revoked on its own: rotating the JWT secret invalidates every key signed with it. Supabase deprecates it in favour of secret keys by the end of 2026.",
  sources: [
    {
      title:
        'Supabase Docs: Understanding API keys (the anon and service_role keys are long-lived JWTs with an expiry date about 10 years in the future; service_role bypasses Row Level Security)',
      url: 'https://supabase.com/docs/guides/api/api-keys',
      backs: ['ttl', 'issuance'],
    },
    {
      title:
        'Supabase Docs: Migrating to publishable and secret API keys (legacy anon and service_role keys deprecated by the end of 2026; both key types work side by side during the move)',
      url: 'https://supabase.com/docs/guides/getting-started/migrating-to-new-api-keys',
      backs: ['capabilities.replacements', 'capabilities.issuance'],
    },
  ],
  capabilities: {
    issuance: ['static'],
    replacements: [
      {
        kind: 'supabase-secret-key',
        takes:
          "a secret key created in the project's API Keys settings in place of the service_role key (both work side by side while clients move), then the legacy keys deactivated",
      },
    ],
  },
};
