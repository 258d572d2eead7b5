import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  AWS_ACCESS_KEY_PREFIXES,
  AWS_TEMP_CREDENTIALS,
  AWS_ASSUME_ROLE,
  AWS_DISABLE_TEMP_PERMS,
  AWS_METHODS_TO_ASSUME,
  AWS_REVOKE_SESSIONS,
} from './sources.js';

export const awsStsSession: CredentialKindInfo = {
  id: 'aws-sts-session',
  title: 'AWS STS role session (AssumeRole) (ASIA...)',
  provider: 'AWS',
  defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } },
  minTtl: '15m',
  maxTtl: '12h',
  notes:
    "A role session cannot be revoked on its own: revoking means attaching, through the IAM API or console, a policy that denies every session of the role issued before a point in time, so automation can do it but takes the role's other sessions with it. The policy change takes effect after a few minutes (AWS gives no exact figure; the catalogue reads it as 5m). Its access key id starts with ASIA, as do those of every temporary credential (role chaining, web identity).",
  sources: [
    AWS_ASSUME_ROLE,
    AWS_METHODS_TO_ASSUME,
    AWS_REVOKE_SESSIONS,
    AWS_DISABLE_TEMP_PERMS,
    AWS_TEMP_CREDENTIALS,
    AWS_ACCESS_KEY_PREFIXES,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['per-session', 'per-task'], revocableByApi: true },
  prefixes: ['ASIA'],
};
