import type { CredentialKindInfo } from '../credential-kinds.js';

export const googleOauthClientSecret: CredentialKindInfo = {
  id: 'google-oauth-client-secret',
  title: 'Google OAuth 2.0 client secret',
  provider: 'Google',
  defaults: { issuance: 'static' },
  notes:
    "The client secret is the app's password at Google's OAuth endpoints: with the client id, it lets whoever holds it redeem authorization codes and refresh tokens issued to the app. Since June 2025 it is shown only once, at creation; it is reset or deleted from the Google Auth Platform's Clients page. Google publishes neither a lifetime nor a prefix: write ttl (ttl: never if it has none).",
  sources: [
    {
      title:
        "Google Cloud Help: Manage OAuth Clients (a client secret acts as the app's password; shown only after the client is created)",
      url: 'https://support.google.com/cloud/answer/15549257',
      backs: ['issuance'],
    },
    {
      title:
        'Google Developers Blog, 28 April 2025: Usability and safety updates to Google Auth Platform (client secrets masked from June 2025)',
      url: 'https://developers.googleblog.com/en/usability-and-safety-updates-to-google-auth-platform',
    },
  ],
};
