/** What every format's importer provides, and the shared reader of MCP client files. */
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import type { ModelBuilder } from './builder.js';
import { importMcpServers, type McpClient, type McpInputs, type McpServerEntry } from './mcp.js';
import { isObject, type FormatId, type ParsedConfig } from './types.js';

export interface Importer {
  readonly format: FormatId;
  /** What the format is, for listings: `VS Code (.vscode/mcp.json)`. */
  readonly title: string;
  /** Whether the file's path names this format. */
  byName(path: string): boolean;
  /** Whether a document found by content (its name says nothing) is of this format. */
  byContent(value: unknown): boolean;
  /** Reads one document into the model; located problems when it misses what the format requires. */
  read(doc: ParsedConfig, builder: ModelBuilder): Diagnostic[];
  /** After every document was read: for formats whose objects refer to each other across files. */
  finish?(builder: ModelBuilder): void;
}

/** A located problem in a configuration document. */
export function problemAt(doc: ParsedConfig, path: DocPath, message: string): Diagnostic {
  return { ...doc.at(path), message };
}

/** The path as a forward-slash string, for name tests that work on every platform. */
export function slashed(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Servers of an MCP file: a map `{ name: {...} }` (most clients) or a list of
 * `{ name, ... }` (Continue). A server needs `command` or a URL.
 */
export function readMcpServers(
  builder: ModelBuilder,
  doc: ParsedConfig,
  client: McpClient,
  listPath: DocPath,
  list: unknown,
  inputs?: McpInputs,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const servers: McpServerEntry[] = [];
  const add = (name: string, path: DocPath, config: unknown) => {
    if (!isObject(config)) {
      problems.push(problemAt(doc, path, `MCP server ${JSON.stringify(name.slice(0, 80))} is not an object`));
      return;
    }
    if (
      typeof config.command !== 'string' &&
      ![config.url, config.serverUrl, config.httpUrl].some((u) => typeof u === 'string')
    ) {
      problems.push(
        problemAt(doc, path, `MCP server ${JSON.stringify(name.slice(0, 80))} has neither \`command\` nor \`url\``),
      );
      return;
    }
    servers.push({ name, path, config });
  };
  if (Array.isArray(list)) {
    list.forEach((item, i) => {
      const name = isObject(item) && typeof item.name === 'string' ? item.name : `server-${i + 1}`;
      add(name, [...listPath, i], item);
    });
  } else if (isObject(list)) {
    for (const [name, config] of Object.entries(list)) add(name, [...listPath, name], config);
  } else {
    return [problemAt(doc, listPath, `\`${String(listPath[listPath.length - 1])}\` must list MCP servers`)];
  }
  importMcpServers(builder, doc, client, listPath, servers, inputs);
  return problems;
}

/** A client file whose servers sit in one top-level key (`mcpServers`, `servers`). */
export function mcpClientImporter(options: {
  format: FormatId;
  title: string;
  client: McpClient;
  key: string;
  byName: (path: string) => boolean;
  byContent?: (value: unknown) => boolean;
}): Importer {
  return {
    format: options.format,
    title: options.title,
    byName: (path) => options.byName(slashed(path)),
    byContent: options.byContent ?? (() => false),
    read(doc, builder) {
      const root = doc.value;
      if (!isObject(root) || root[options.key] === undefined)
        return [
          problemAt(doc, [], `${options.title}: no \`${options.key}\` object, so this is not an MCP configuration`),
        ];
      return readMcpServers(builder, doc, options.client, [options.key], root[options.key]);
    },
  };
}
