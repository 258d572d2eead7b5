import type { CredentialKindInfo } from '../credential-kinds.js';
import { RFC6750_BEARER } from './sources.js';

export const openaiApiKey: CredentialKindInfo = {
  id: 'openai-api-key',
  title: 'OpenAI API key (sk-proj-...)',
  provider: 'OpenAI',
  defaults: { issuance: 'static' },
  notes:
    "A project key, or a service account's key, sent as a bearer token. Keys can be given an expiry and organization or project policies can require one; OpenAI publishes no default, so write ttl (ttl: never if it has none). The Admin API lists, updates and revokes project keys. A service account with workload identity federation authenticates without a stored key.",
  sources: [
    {
      title:
        'OpenAI API docs: API keys and service accounts (project keys, service accounts for workloads, workload identity federation without a long-lived key; expiry per organization and project policy; the Admin API lists, updates and revokes project keys)',
      url: 'https://developers.openai.com/api/docs/guides/api-keys',
      backs: ['issuance', 'capabilities.issuance', 'capabilities.revocableByApi'],
    },
    {
      title:
        "OpenAI's own agent skill for API keys (openai/openai-developers-for-cursor): project keys are called sk-proj keys",
      url: 'https://www.skills.sh/openai/openai-developers-for-cursor/openai-platform-api-key',
      backs: ['prefixes'],
    },
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['static'], revocableByApi: true },
  prefixes: ['sk-proj-'],
};
