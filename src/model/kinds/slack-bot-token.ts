import type { CredentialKindInfo } from '../credential-kinds.js';
import {
  citing,
  RFC6750_BEARER,
  SLACK_AUTH_REVOKE,
  SLACK_PUBLIC_TOKENS,
  SLACK_TOKEN_ROTATION,
  SLACK_TOKEN_TYPES,
} from './sources.js';

export const slackBotToken: CredentialKindInfo = {
  id: 'slack-bot-token',
  title: 'Slack bot token (xoxb-...)',
  provider: 'Slack',
  defaults: { ttl: 'never', issuance: 'static' },
  notes:
    "A bot token represents the app's bot in one workspace and never expires unless the app turns on token rotation (then use slack-rotating-token). Slack cannot issue bot tokens per task. auth.revoke revokes one through the API, and Slack revokes tokens it finds on public code-sharing sites.",
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
        kind: 'slack-rotating-token',
        takes:
          "token rotation turned on in the app's OAuth settings (it cannot be turned off again), and a code change to exchange the refresh token for a new access token before each 12-hour expiry",
      },
    ],
  },
  prefixes: ['xoxb-'],
};
