import type { CredentialKindInfo } from '../credential-kinds.js';

export const oauthRefreshToken: CredentialKindInfo = {
  id: 'oauth-refresh-token',
  title: 'OAuth 2.0 refresh token',
  provider: 'generic',
  defaults: {},
  notes:
    'A refresh token, or anything else that can mint new tokens, extends a leak to its own lifetime: model the tokens it mints with derivedFrom, or give the access token a maxLifetime. Lifetimes differ by issuer, so write ttl; issuers with published lifetimes have kinds of their own: entra-refresh-token (90 days, 24 hours for single-page apps), github-app-refresh-token (six months), slack-refresh-token (with 12-hour access tokens).',
  sources: [
    {
      title: 'RFC 6749 The OAuth 2.0 Authorization Framework, section 1.5 Refresh Token',
      url: 'https://www.rfc-editor.org/rfc/rfc6749#section-1.5',
    },
    {
      title: 'RFC 7009 OAuth 2.0 Token Revocation (servers must support revoking refresh tokens)',
      url: 'https://www.rfc-editor.org/rfc/rfc7009',
      backs: ['capabilities.revocableByApi'],
    },
  ],
  capabilities: { revocableByApi: true },
};
