import type { CredentialKindInfo } from '../credential-kinds.js';

export const notionApiKey: CredentialKindInfo = {
  id: 'notion-api-key',
  title: 'Notion API token (internal connection or personal) (ntn_..., secret_...)',
  provider: 'Notion',
  defaults: { issuance: 'static' },
  notes:
    "An internal connection's token reaches every page shared with the connection, within its capabilities; a personal access token reaches what its creator can. New tokens start with ntn_ (since September 2024); older ones start with secret_, too generic a beginning to identify a Notion token, and Notion says to treat the format as opaque. Notion publishes no lifetime: write ttl (ttl: never if it has none).",
  sources: [
    {
      title:
        "Notion Developers: Credential security (internal connection tokens, OAuth access tokens and personal access tokens; access limited by capabilities and shared pages or the creator's permissions)",
      url: 'https://developers.notion.com/guides/authorization/credential-security',
      backs: ['issuance'],
    },
    {
      title:
        'Notion Developers changelog, 11 September 2024: newly generated API tokens use the ntn_ prefix instead of secret_; existing secret_ tokens keep working',
      url: 'https://developers.notion.com/page/notion-platform-roadmap',
      backs: ['prefixes'],
    },
  ],
  prefixes: ['ntn_'],
};
