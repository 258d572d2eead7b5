import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  AWS_ACCESS_KEY_PREFIXES,
  AWS_ACCESS_KEYS,
  AWS_DISABLE_TEMP_PERMS,
  AWS_EVENTUAL_CONSISTENCY,
} from './sources.js';

export const awsIamAccessKey: CredentialKindInfo = {
  id: 'aws-iam-access-key',
  title: 'AWS IAM user access key (AKIA...)',
  provider: 'AWS',
  defaults: { ttl: 'never', issuance: 'static', revocation: { mode: 'manual', propagation: '5m' } },
  notes:
    'A long-term access key never expires: it works until someone deactivates or deletes it, which the IAM API can do. IAM changes are eventually consistent, so deactivation takes a few minutes to reach every endpoint. When AWS learns that a key is public it attaches a quarantine policy that denies some actions (creating users and keys, starting instances); the key itself keeps working until you act.',
  sources: [
    {
      title:
        'AWS IAM User Guide: Programmatic access with AWS security credentials ("long-term access keys that never expire"; alternatives to long-term access keys)',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html',
      backs: ['ttl', 'issuance', 'capabilities.issuance', 'capabilities.replacements'],
    },
    AWS_ACCESS_KEYS,
    AWS_EVENTUAL_CONSISTENCY,
    AWS_DISABLE_TEMP_PERMS,
    AWS_ACCESS_KEY_PREFIXES,
    {
      title:
        "AWS managed policy AWSCompromisedKeyQuarantineV2 (denies certain actions, applied by AWS when an IAM user's credentials are compromised or exposed publicly)",
      url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV2.html',
      backs: ['capabilities.revokedWhenPublic'],
    },
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['static'],
    revocableByApi: true,
    revokedWhenPublic: false,
    replacements: [
      {
        kind: 'aws-sts-web-identity',
        takes:
          "an IAM OIDC identity provider for the workload's issuer, a role that trusts it, and a code or configuration change to assume the role with the workload's token",
      },
      {
        kind: 'aws-sts-session',
        takes:
          'an IAM role attached to the compute the agent runs on (instance profile, ECS task role, EKS pod identity) in place of the key',
      },
    ],
  },
  prefixes: ['AKIA'],
};
