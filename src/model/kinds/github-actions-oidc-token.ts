import type { CredentialKindInfo } from '../credential-kinds.js';
import { RFC6750_BEARER, RFC7009_SELF_CONTAINED } from './sources.js';

export const githubActionsOidcToken: CredentialKindInfo = {
  id: 'github-actions-oidc-token',
  title: 'GitHub Actions OIDC ID token',
  provider: 'GitHub',
  defaults: { ttl: '5m', issuance: 'per-task', revocation: { mode: 'none' } },
  notes:
    "A signed JWT, unique to each job, that the cloud provider validates against GitHub's published keys; nothing can revoke it. GitHub does not state its lifetime in prose: its documented example token has exp 300 seconds after iat, and the cloud credentials it is exchanged for have their own kind.",
  sources: [
    {
      title:
        'GitHub Docs: About security hardening with OpenID Connect (a token unique to each job; example token: iat 1632493567, exp 1632493867)',
      url: 'https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
      backs: ['ttl', 'issuance', 'capabilities.issuance'],
    },
    RFC7009_SELF_CONTAINED,
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['per-task'], revocableByApi: false },
};
