/**
 * Continue: `config.yaml` with an `mcpServers` list (`${{ secrets.X }}`
 * references to the Hub's secrets), and block files in `.continue/mcpServers/`:
 * YAML blocks with the same list, or JSON files in the Claude Desktop format.
 */
import { problemAt, readMcpServers, slashed, type Importer } from './importer.js';
import { isObject } from './types.js';

const CLIENT = { id: 'continue', name: 'Continue' };

export const continueDev: Importer = {
  format: 'continue',
  title: 'Continue (config.yaml, .continue/mcpServers/)',
  byName: (path) => /(^|\/)\.continue\/(config\.ya?ml|mcpServers\/[^/]+\.(ya?ml|json))$/i.test(slashed(path)),
  byContent: (value) =>
    isObject(value) && Array.isArray(value.mcpServers) && typeof value.name === 'string' && value.version !== undefined,
  read(doc, builder) {
    const root = doc.value;
    if (!isObject(root))
      return [problemAt(doc, [], 'Continue: expected a mapping with `name`, `version` and `mcpServers`')];
    if (root.mcpServers === undefined) {
      // A config.yaml without MCP servers is valid and has nothing to import; a block file must have them.
      return /config\.ya?ml$/i.test(doc.file) && typeof root.name === 'string'
        ? []
        : [problemAt(doc, [], 'Continue: no `mcpServers`, so this is not an MCP configuration block')];
    }
    return readMcpServers(builder, doc, CLIENT, ['mcpServers'], root.mcpServers);
  },
};
