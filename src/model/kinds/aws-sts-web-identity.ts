import type { CredentialKindInfo } from '../credential-kinds.js';
import { AWS_TEMP_CREDENTIALS, AWS_DISABLE_TEMP_PERMS, AWS_REVOKE_SESSIONS } from './sources.js';

export const awsStsWebIdentity: CredentialKindInfo = {
  id: 'aws-sts-web-identity',
  title: 'AWS STS role session from OIDC web identity federation (AssumeRoleWithWebIdentity)',
  provider: 'AWS',
  defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } },
  minTtl: '15m',
  maxTtl: '12h',
  notes:
    "The workload presents an OIDC token from its own identity provider (GitHub Actions, a Kubernetes service account, an IdP) and gets a role session: no long-term AWS key exists to leak. Whoever holds a valid OIDC token for the role's trust policy can assume it, so model that token as the parent (derivedFrom). Revocation works as for aws-sts-session.",
  sources: [
    {
      title:
        'AWS STS API Reference: AssumeRoleWithWebIdentity (credentials for users authenticated by an OpenID Connect provider; DurationSeconds 900 s to the role maximum of up to 12 h, default 3600 s; a new session per call)',
      url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
      backs: ['ttl', 'minTtl', 'maxTtl', 'issuance', 'capabilities.issuance'],
    },
    AWS_REVOKE_SESSIONS,
    AWS_DISABLE_TEMP_PERMS,
    AWS_TEMP_CREDENTIALS,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['per-session', 'per-task'], revocableByApi: true },
};
