import type { CredentialKindInfo } from '../credential-kinds.js';
import { STRIPE_API_KEYS } from './sources.js';

export const stripeRestrictedKey: CredentialKindInfo = {
  id: 'stripe-restricted-key',
  title: 'Stripe restricted API key (rk_live_..., rk_test_...)',
  provider: 'Stripe',
  defaults: { issuance: 'static' },
  notes:
    'A restricted key allows only the resources and access levels chosen when it is created. It is rolled or deleted from the Dashboard; Stripe publishes no default lifetime, so write ttl (ttl: never if it has none).',
  sources: [STRIPE_API_KEYS],
  capabilities: { issuance: ['static'] },
  prefixes: ['rk_live_', 'rk_test_'],
};
