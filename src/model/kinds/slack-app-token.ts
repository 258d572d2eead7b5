import type { CredentialKindInfo } from '../credential-kinds.js';
import { SLACK_TOKEN_TYPES } from './sources.js';

export const slackAppToken: CredentialKindInfo = {
  id: 'slack-app-token',
  title: 'Slack app-level token (xapp-...)',
  provider: 'Slack',
  defaults: {},
  notes:
    'An app-level token works with a few APIs for the app across every organization it is installed in, such as opening a Socket Mode connection. Slack publishes no lifetime for it: write ttl.',
  sources: [SLACK_TOKEN_TYPES],
  prefixes: ['xapp-'],
};
