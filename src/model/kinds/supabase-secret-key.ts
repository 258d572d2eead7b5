import type { CredentialKindInfo } from '../credential-kinds.js';
import { SUPABASE_API_KEYS } from './sources.js';

export const supabaseSecretKey: CredentialKindInfo = {
  id: 'supabase-secret-key',
  title: 'Supabase secret API key (sb_secret_...)',
  provider: 'Supabase',
  defaults: { issuance: 'static' },
  notes:
    "A secret key bypasses Row Level Security: whoever holds it reads and writes the project's whole database through the API. Each secret key can be created and deleted on its own in the project's API Keys settings. Supabase publishes no lifetime: write ttl (ttl: never if it has none).",
  sources: [SUPABASE_API_KEYS],
  capabilities: { issuance: ['static'] },
  prefixes: ['sb_secret_'],
};
