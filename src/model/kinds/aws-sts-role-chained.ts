import type { CredentialKindInfo } from '../credential-kinds.js';
import { AWS_TEMP_CREDENTIALS, AWS_ASSUME_ROLE, AWS_DISABLE_TEMP_PERMS, AWS_REVOKE_SESSIONS } from './sources.js';

export const awsStsRoleChained: CredentialKindInfo = {
  id: 'aws-sts-role-chained',
  title: 'AWS STS role session reached by role chaining',
  provider: 'AWS',
  defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } },
  minTtl: '15m',
  maxTtl: '1h',
  notes:
    "A session assumed with another role session's credentials is capped at one hour; a longer DurationSeconds fails. Whoever holds the first session can keep assuming the second, so model it with derivedFrom. Revocation works as for aws-sts-session: a policy denying every session of the role issued before a point in time.",
  sources: [
    AWS_ASSUME_ROLE,
    {
      title: 'AWS re:Post Knowledge Center: role chaining limits a CLI or API role session to a maximum of 1 hour',
      url: 'https://repost.aws/knowledge-center/iam-role-chaining-limit',
      backs: ['maxTtl'],
    },
    AWS_REVOKE_SESSIONS,
    AWS_DISABLE_TEMP_PERMS,
    AWS_TEMP_CREDENTIALS,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['per-session', 'per-task'], revocableByApi: true },
};
