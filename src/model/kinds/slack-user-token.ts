import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  citing,
  RFC6750_BEARER,
  SLACK_AUTH_REVOKE,
  SLACK_PUBLIC_TOKENS,
  SLACK_TOKEN_ROTATION,
  SLACK_TOKEN_TYPES,
} from './sources.js';

export const slackUserToken: CredentialKindInfo = {
  id: 'slack-user-token',
  title: 'Slack user token (xoxp-...)',
  provider: 'Slack',
  defaults: { ttl: 'never', issuance: 'static', subject: 'human' },
  notes:
    'A user token acts as the person who authorized the app, with their access to channels and messages, and never expires unless the app turns on token rotation. auth.revoke revokes one through the API, and Slack revokes tokens it finds on public code-sharing sites.',
  sources: [
    SLACK_TOKEN_TYPES,
    citing(SLACK_TOKEN_ROTATION, 'ttl', 'issuance', 'capabilities.issuance', 'capabilities.replacements'),
    SLACK_AUTH_REVOKE,
    SLACK_PUBLIC_TOKENS,
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['static'],
    revocableByApi: true,
    revokedWhenPublic: true,
    replacements: [
      {
        kind: 'slack-bot-token',
        takes:
          "bot scopes in the app's settings and the bot token in place of the person's, so the agent acts as the app",
      },
      {
        kind: 'slack-rotating-token',
        takes:
          "token rotation turned on in the app's OAuth settings, and a code change to refresh the user token before each 12-hour expiry",
      },
    ],
  },
  prefixes: ['xoxp-'],
};
