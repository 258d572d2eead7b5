import type { CredentialKindInfo } from '../credential-kinds.js';
import { citing, RFC6750_BEARER, SLACK_AUTH_REVOKE, SLACK_TOKEN_ROTATION } from './sources.js';

export const slackRotatingToken: CredentialKindInfo = {
  id: 'slack-rotating-token',
  title: 'Slack access token with token rotation (xoxe.xoxb-..., xoxe.xoxp-...)',
  provider: 'Slack',
  defaults: { ttl: '12h', issuance: 'per-session' },
  notes:
    'With token rotation on, a bot or user access token expires every 12 hours and a refresh token obtains the next one; whoever holds the refresh token can keep minting, so model it (slack-refresh-token) as the parent with derivedFrom. App configuration tokens also start with xoxe.xoxp-.',
  sources: [
    citing(SLACK_TOKEN_ROTATION, 'ttl', 'issuance', 'capabilities.issuance', 'prefixes'),
    SLACK_AUTH_REVOKE,
    {
      title:
        'Slack Web API: tooling.tokens.rotate (rotated configuration tokens: token "xoxe.xoxp-...", refresh_token "xoxe-...", expiring 12 hours after they are generated)',
      url: 'https://api.slack.com/methods/tooling.tokens.rotate',
      backs: ['prefixes'],
    },
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['per-session'], revocableByApi: true },
  prefixes: ['xoxe.xoxb-', 'xoxe.xoxp-'],
};
