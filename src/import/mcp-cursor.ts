/** Cursor: `.cursor/mcp.json` (project) or `~/.cursor/mcp.json`, servers under `mcpServers`, `${env:X}` references. */
import { mcpClientImporter } from './importer.js';

export const cursor = mcpClientImporter({
  format: 'cursor',
  title: 'Cursor (.cursor/mcp.json)',
  client: { id: 'cursor', name: 'Cursor' },
  key: 'mcpServers',
  byName: (path) => /(^|\/)\.cursor\/mcp\.json$/i.test(path),
});
