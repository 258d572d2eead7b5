import type { CredentialKindInfo } from '../credential-kinds.js';
import { citing, SLACK_TOKEN_ROTATION } from './sources.js';

export const slackRefreshToken: CredentialKindInfo = {
  id: 'slack-refresh-token',
  title: 'Slack refresh token for token rotation (xoxe-...)',
  provider: 'Slack',
  defaults: {},
  notes:
    'Exchanges for a new 12-hour access token and a new refresh token, after which it is revoked. Slack publishes no lifetime for it (its SDKs call it long-lived): write ttl. Whoever copies it before it is used can keep minting access tokens.',
  sources: [
    citing(SLACK_TOKEN_ROTATION),
    {
      title: 'Slack Web API: tooling.tokens.rotate (refresh_token "xoxe-..."; example "xoxe-1-abcdefg")',
      url: 'https://api.slack.com/methods/tooling.tokens.rotate',
      backs: ['prefixes'],
    },
  ],
  prefixes: ['xoxe-'],
};
