/** Claude Desktop: `claude_desktop_config.json`, servers under `mcpServers` with `command`, `args`, `env`. */
import { mcpClientImporter } from './importer.js';
import { isObject } from './types.js';

export const claudeDesktop = mcpClientImporter({
  format: 'claude-desktop',
  title: 'Claude Desktop (claude_desktop_config.json)',
  client: { id: 'claude-desktop', name: 'Claude Desktop' },
  key: 'mcpServers',
  byName: (path) => /(^|\/)claude_desktop_config\.json$/i.test(path),
  // Any other JSON file with an `mcpServers` map is read the same way: the format most clients copied.
  byContent: (value) => isObject(value) && isObject(value.mcpServers),
});
