/** Windsurf: `~/.codeium/windsurf/mcp_config.json`, servers under `mcpServers`, remote ones by `serverUrl` (or `url`). */
import { mcpClientImporter } from './importer.js';

export const windsurf = mcpClientImporter({
  format: 'windsurf',
  title: 'Windsurf (mcp_config.json)',
  client: { id: 'windsurf', name: 'Windsurf' },
  key: 'mcpServers',
  byName: (path) => /(^|\/)mcp_config\.json$/i.test(path),
});
