/**
 * VS Code: `.vscode/mcp.json` or the user profile's `mcp.json`, JSONC with a
 * top-level `servers` map (`type` stdio, http or sse; `envFile`) and `inputs`,
 * whose `password: true` entries are secrets referenced as `${input:id}`.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import { problemAt, readMcpServers, slashed, type Importer } from './importer.js';
import { isObject } from './types.js';

export const vscode: Importer = {
  format: 'vscode',
  title: 'VS Code (.vscode/mcp.json)',
  byName: (path) => /(^|\/)(\.vscode|Code\/User|Code - Insiders\/User)\/mcp\.json$/i.test(slashed(path)),
  byContent: (value) => isObject(value) && isObject(value.servers) && value.mcpServers === undefined,
  read(doc, builder) {
    const root = doc.value;
    if (!isObject(root) || root.servers === undefined)
      return [problemAt(doc, [], 'VS Code: no `servers` object, so this is not an MCP configuration')];
    const passwords = new Map<string, DocPath>();
    if (Array.isArray(root.inputs))
      root.inputs.forEach((input, i) => {
        if (isObject(input) && typeof input.id === 'string' && input.password === true)
          passwords.set(input.id, ['inputs', i]);
      });
    return readMcpServers(builder, doc, { id: 'vscode', name: 'VS Code' }, ['servers'], root.servers, { passwords });
  },
};
