/**
 * Claude Code: a project's `.mcp.json` (`mcpServers`), and `~/.claude.json`,
 * whose top-level `mcpServers` are the user's and whose `projects` each hold
 * a project's own. `${VAR}` and `${VAR:-default}` are read as references;
 * `headersHelper` is a command, recorded and never run.
 */
import type { Diagnostic } from '../yaml/diagnostic.js';
import { problemAt, readMcpServers, slashed, type Importer } from './importer.js';
import { isObject } from './types.js';

const CLIENT = { id: 'claude-code', name: 'Claude Code' };

export const claudeCode: Importer = {
  format: 'claude-code',
  title: 'Claude Code (.mcp.json, ~/.claude.json)',
  byName: (path) => /(^|\/)\.(mcp|claude)\.json$/i.test(slashed(path)),
  byContent: () => false,
  read(doc, builder) {
    const root = doc.value;
    const problems: Diagnostic[] = [];
    const user = /(^|[\\/])\.claude\.json$/i.test(doc.file);
    if (!isObject(root) || (root.mcpServers === undefined && !(user && isObject(root.projects))))
      return [problemAt(doc, [], 'Claude Code: no `mcpServers` object, so this is not an MCP configuration')];
    if (root.mcpServers !== undefined)
      problems.push(...readMcpServers(builder, doc, CLIENT, ['mcpServers'], root.mcpServers));
    if (user && isObject(root.projects)) {
      for (const [project, settings] of Object.entries(root.projects)) {
        if (isObject(settings) && isObject(settings.mcpServers) && Object.keys(settings.mcpServers).length > 0)
          problems.push(
            ...readMcpServers(builder, doc, CLIENT, ['projects', project, 'mcpServers'], settings.mcpServers),
          );
      }
    }
    return problems;
  },
};
