import type { CredentialKindInfo } from '../credential-kinds.js';
import { STRIPE_API_KEYS } from './sources.js';

export const stripeSecretKey: CredentialKindInfo = {
  id: 'stripe-secret-key',
  title: 'Stripe secret API key (sk_live_..., sk_test_...)',
  provider: 'Stripe',
  defaults: { issuance: 'static' },
  notes:
    'A secret key can do anything the account can through the API: charges, refunds, payouts, customer data. It is rolled or deleted from the Dashboard; Stripe publishes no default lifetime, so write ttl (ttl: never if it has none). Test-mode keys (sk_test_) reach only test data.',
  sources: [STRIPE_API_KEYS],
  capabilities: {
    issuance: ['static'],
    replacements: [
      {
        kind: 'stripe-restricted-key',
        takes:
          "a restricted key created in the Dashboard with only the resources and permissions the agent's workflows use",
      },
    ],
  },
  prefixes: ['sk_live_', 'sk_test_'],
};
