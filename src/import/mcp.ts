/**
 * The mapping every MCP client configuration shares: the client is an agent,
 * each server a tool, each credential-bearing value (an env key or header
 * holding a token, a token-looking argument, an editor's password input) a
 * credential the client holds and the server acts with, and what a well-known
 * server reaches a resource. Commands (`headersHelper`, `command`) are never run.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import type { ModelBuilder } from './builder.js';
import { knownServer, type KnownServer } from './mcp-servers.js';
import {
  credentialKindFor,
  isCredentialName,
  isLiteralSecret,
  looksLikeSecret,
  referencesIn,
  type SecretReference,
} from './secrets.js';
import { isObject, type JsonObject, type Location, type ParsedConfig } from './types.js';

export interface McpClient {
  /** The agent id: `claude-desktop`, `vscode`... */
  readonly id: string;
  readonly name: string;
}

export interface McpServerEntry {
  readonly name: string;
  /** Path of the server's object in the document. */
  readonly path: DocPath;
  readonly config: JsonObject;
}

/** How a client names its secret inputs (VS Code's `inputs` with `password: true`). */
export interface McpInputs {
  readonly passwords: ReadonlyMap<string, DocPath>;
}

const LAUNCHERS_THIRD_PARTY = /^(npx|uvx|bunx|pnpx|docker|podman|pipx|deno)$/;

/** The client agent, created on first use with the line that names its servers. */
export function clientAgent(builder: ModelBuilder, client: McpClient, at: Location): string {
  return builder.agent({
    key: `mcp-client:${client.id}`,
    id: client.id,
    at,
    doc: { name: client.name, purpose: 'MCP client', autonomy: 'human-in-the-loop' },
    assumed: ['autonomy'],
  });
}

export function importMcpServers(
  builder: ModelBuilder,
  doc: ParsedConfig,
  client: McpClient,
  listPath: DocPath,
  servers: readonly McpServerEntry[],
  inputs: McpInputs = { passwords: new Map() },
): void {
  const agent = clientAgent(builder, client, doc.at(listPath));
  for (const server of servers) importServer(builder, doc, client, agent, server, inputs);
}

function importServer(
  builder: ModelBuilder,
  doc: ParsedConfig,
  client: McpClient,
  agent: string,
  server: McpServerEntry,
  inputs: McpInputs,
): void {
  const { config } = server;
  const command = str(config.command);
  const args = Array.isArray(config.args) ? config.args.map((a) => (typeof a === 'string' ? a : String(a))) : [];
  const url = str(config.url) ?? str(config.serverUrl) ?? str(config.httpUrl);
  const launcher = command
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(exe|cmd)$/i, '');
  const pkg = launchedPackage(launcher, args);
  const remote = url !== undefined && !isLocalUrl(url);
  const thirdParty = remote || (launcher !== undefined && LAUNCHERS_THIRD_PARTY.test(launcher));
  const transport = str(config.type) ?? (url !== undefined ? 'http' : 'stdio');
  const how =
    url !== undefined ? `at ${hostOf(url)}` : launcher ? `launched with ${launcher}${pkg ? ` ${pkg}` : ''}` : '';
  const tool = builder.tool({
    key: `mcp-server:${client.id}:${server.name}`,
    id: `${client.id}/${server.name}`,
    at: doc.at(server.path),
    doc: {
      name: server.name,
      description: `MCP server (${transport}${how ? `, ${how}` : ''})`,
      kind: 'mcp',
      publisher: thirdParty ? 'third-party' : 'first-party',
    },
  });
  builder.use(agent, tool);

  const credentials: string[] = [];
  const found = (id: string | undefined) => {
    if (id !== undefined && !credentials.includes(id)) credentials.push(id);
  };
  const context = { builder, doc, client, server, agent };
  for (const [key, value] of entries(config.env)) {
    found(credentialFrom(context, key, value, [...server.path, 'env', key], inputs));
  }
  for (const [key, value] of entries(config.headers)) {
    found(credentialFrom(context, key, value, [...server.path, 'headers', key], inputs));
  }
  args.forEach((arg, i) => found(argumentCredential(context, arg, args[i - 1], [...server.path, 'args', i], inputs)));
  if (url !== undefined)
    found(urlCredential(context, url, [...server.path, config.url !== undefined ? 'url' : 'serverUrl']));
  if (typeof config.headersHelper === 'string') found(helperCredential(context, [...server.path, 'headersHelper']));
  if (typeof config.envFile === 'string') found(envFileCredential(context, [...server.path, 'envFile']));

  if (credentials.length > 0) builder.docOf<{ credential?: string }>('tools', tool).credential = credentials[0];
  for (const id of credentials) builder.hold(agent, id);
  grantKnownAccess(builder, doc, server, `${pkg ?? ''} ${url ?? ''} ${server.name}`, args, config, credentials, tool);
}

interface Context {
  readonly builder: ModelBuilder;
  readonly doc: ParsedConfig;
  readonly client: McpClient;
  readonly server: McpServerEntry;
  readonly agent: string;
}

/** A credential from an env entry or a header: a reference to a secret, or the secret written in the file. */
function credentialFrom(
  context: Context,
  key: string,
  value: unknown,
  path: DocPath,
  inputs: McpInputs,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const references = referencesIn(value).filter(
    (r) => r.scheme !== 'env' || isCredentialName(r.name) || isCredentialName(key) || inputs.passwords.has(r.name),
  );
  const secretReference = references.find(
    (r) => r.scheme !== 'input' || inputs.passwords.has(r.name) || isCredentialName(r.name),
  );
  if (secretReference) return referencedCredential(context, secretReference, key, path, inputs);
  const named = isCredentialName(key);
  if ((named && isLiteralSecret(value)) || (!named && referencesIn(value).length === 0 && looksLikeSecret(value)))
    return literalCredential(context, key, value, path);
  return undefined;
}

function argumentCredential(
  context: Context,
  arg: string,
  previous: string | undefined,
  path: DocPath,
  inputs: McpInputs,
): string | undefined {
  const flag = /^--?([A-Za-z][A-Za-z0-9_-]*)=(.*)$/.exec(arg);
  const name = flag ? flag[1] : previous?.startsWith('-') ? previous.replace(/^-+/, '') : 'argument';
  const value = flag ? flag[2] : arg;
  const reference = referencesIn(value).find(
    (r) => r.scheme !== 'input' || inputs.passwords.has(r.name) || isCredentialName(r.name),
  );
  if (reference && (isCredentialName(name) || isCredentialName(reference.name) || inputs.passwords.has(reference.name)))
    return referencedCredential(context, reference, name, path, inputs);
  if ((isCredentialName(name) && isLiteralSecret(value)) || looksLikeSecret(value) || passwordInUrl(value))
    return literalCredential(context, name, value, path);
  return undefined;
}

function urlCredential(context: Context, url: string, path: DocPath): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.password !== '') return literalCredential(context, 'url-password', parsed.password, path);
  for (const [name, value] of parsed.searchParams) {
    const reference = referencesIn(value)[0];
    if (reference) return referencedCredential(context, reference, name, path, { passwords: new Map() });
    if ((isCredentialName(name) && isLiteralSecret(value)) || looksLikeSecret(value))
      return literalCredential(context, name, value, path);
  }
  return undefined;
}

function passwordInUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]+:[^/@\s]+@/i.test(value) && !/:\/\/[^/@:\s]+:\$\{/.test(value);
}

function referencedCredential(
  context: Context,
  ref: SecretReference,
  key: string,
  path: DocPath,
  inputs: McpInputs,
): string {
  const { builder, doc, client } = context;
  const scope = ref.scheme === 'env' ? 'env' : ref.scheme === 'input' ? `${client.id}-input` : `${client.id}-secret`;
  const { kind } = credentialKindFor(`${context.server.name} ${key} ${ref.name}`, undefined);
  const where =
    ref.scheme === 'env'
      ? `the environment variable ${ref.name}`
      : ref.scheme === 'input'
        ? `the ${client.name} input ${ref.name}${inputs.passwords.has(ref.name) ? ' (a password input, kept in the editor’s secret storage)' : ''}`
        : `the ${client.name} secret ${ref.name}`;
  const at =
    ref.scheme === 'input' && inputs.passwords.has(ref.name) ? doc.at(inputs.passwords.get(ref.name)!) : doc.at(path);
  return builder.credential({
    key: `${scope}:${ref.name}`,
    id: `${scope}:${ref.name}`,
    at,
    doc: { name: ref.name, description: `Read from ${where}.`, kind },
    assumed: ['kind'],
  });
}

function literalCredential(context: Context, key: string, value: string, path: DocPath): string {
  const { builder, doc, client, server } = context;
  const { kind, fromValue } = credentialKindFor(`${server.name} ${key}`, value);
  const id = `${client.id}/${server.name}/${key}`;
  const shared = builder.sharedLiteral(value, id);
  const at = doc.at(path);
  if (shared !== undefined) return shared;
  return builder.credential({
    key: `literal:${id}`,
    id,
    at,
    literal: true,
    doc: {
      name: key,
      description: `Written literally in ${doc.file} (the value is not copied).`,
      kind,
      exposure: [doc.scope === 'user' ? 'config-file' : 'repo-commit'],
    },
    assumed: fromValue ? [] : ['kind'],
  });
}

function helperCredential(context: Context, path: DocPath): string {
  const { builder, doc, client, server } = context;
  return builder.credential({
    key: `helper:${client.id}:${server.name}`,
    id: `${client.id}/${server.name}/headers-helper`,
    at: doc.at(path),
    doc: {
      name: 'headersHelper',
      description: 'Headers produced by a helper command at connection time (leakradius never runs it).',
      kind: 'api-key',
    },
    assumed: ['kind'],
  });
}

function envFileCredential(context: Context, path: DocPath): string {
  const { builder, doc, client, server } = context;
  return builder.credential({
    key: `env-file:${client.id}:${server.name}`,
    id: `${client.id}/${server.name}/env-file`,
    at: doc.at(path),
    doc: {
      name: 'envFile',
      description: 'Variables read from an env file; the import does not read it, so what it holds is unknown.',
      kind: 'api-key',
    },
    assumed: ['kind'],
  });
}

/** What a well-known server reaches, granted to each of its credentials (or to the local user it runs as). */
function grantKnownAccess(
  builder: ModelBuilder,
  doc: ParsedConfig,
  server: McpServerEntry,
  signature: string,
  args: readonly string[],
  config: JsonObject,
  credentials: readonly string[],
  tool: string,
): void {
  const known = knownServer(signature);
  if (!known) return;
  const readOnly = known.readOnly !== undefined && isReadOnly(known.readOnly, args, config);
  const actions = readOnly ? ['read'] : [...known.actions];
  const at = doc.at(server.path);
  // A server that acts with nothing the model knows of reaches nothing in it (a filesystem server acts as the local user).
  if (credentials.length === 0 && !known.pathArguments) return;
  const resources = known.pathArguments
    ? pathResources(builder, doc, server, known, args)
    : [knownResource(builder, known, at)];
  let holders = credentials;
  if (holders.length === 0 && known.pathArguments) holders = [localUser(builder, doc, server, tool)];
  for (const credential of holders)
    for (const resource of resources)
      builder.grant(credential, { resource, actions }, { at: doc.at([...server.path, 'args']), assumed: true });
}

function knownResource(builder: ModelBuilder, known: KnownServer, at: Location): string {
  const { id, name, kind, sensitivity } = known.resource;
  return builder.resource({
    key: `resource:${id}`,
    id,
    at,
    doc: { name, kind, sensitivity },
    assumed: ['sensitivity'],
  });
}

function pathResources(
  builder: ModelBuilder,
  doc: ParsedConfig,
  server: McpServerEntry,
  known: KnownServer,
  args: readonly string[],
): string[] {
  const out: string[] = [];
  const start = args.findIndex((a) => known.pattern.test(a));
  // In a container the host folders are the mounts' sources; elsewhere the arguments after the package.
  const mounts = args.flatMap((arg, i) => {
    const previous = args[i - 1];
    if (previous === '--mount') {
      const source = /(?:^|,)(?:src|source)=([^,]+)/.exec(arg)?.[1];
      return source ? [{ path: source, i }] : [];
    }
    if (previous === '-v' || previous === '--volume') return [{ path: arg.split(':')[0], i }];
    return [];
  });
  const paths =
    mounts.length > 0
      ? mounts
      : args.flatMap((arg, i) =>
          i > start && !arg.startsWith('-') && !looksLikeSecret(arg) ? [{ path: arg, i }] : [],
        );
  paths.forEach(({ path, i }) => {
    out.push(
      builder.resource({
        key: `path:${path}`,
        id: `path:${path}`,
        at: doc.at([...server.path, 'args', i]),
        doc: { name: path, kind: known.resource.kind, sensitivity: known.resource.sensitivity },
        assumed: ['sensitivity'],
      }),
    );
  });
  return out.length > 0 ? out : [knownResource(builder, known, doc.at(server.path))];
}

/** A server with no credential of its own acts as the person who runs the client. */
function localUser(builder: ModelBuilder, doc: ParsedConfig, server: McpServerEntry, tool: string): string {
  const id = builder.credential({
    key: `local-user:${tool}`,
    id: `${tool}/local-user`,
    at: doc.at(server.path),
    doc: {
      name: 'local user',
      description: 'The server runs as the person who starts the client, with their file permissions.',
      subject: 'human',
      ttl: 'never',
    },
    assumed: ['ttl', 'subject'],
  });
  builder.docOf<{ credential?: string }>('tools', tool).credential = id;
  return id;
}

function isReadOnly(pattern: RegExp, args: readonly string[], config: JsonObject): boolean {
  if (args.some((a) => pattern.test(a))) return true;
  for (const [key, value] of [...entries(config.env), ...entries(config.headers)])
    if (pattern.test(key) && typeof value === 'string' && /^(1|true|yes)$/i.test(value)) return true;
  return false;
}

/** The package or image a launcher runs: `npx -y @scope/pkg` → `@scope/pkg`. */
function launchedPackage(launcher: string | undefined, args: readonly string[]): string | undefined {
  if (launcher === undefined) return undefined;
  const rest = /^(docker|podman)$/.test(launcher) ? args.slice(args.indexOf('run') + 1) : args;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('-')) {
      if (/^(-e|--env|-v|--volume|--mount|--from|-p|--name|--network)$/.test(a)) i++;
      continue;
    }
    return looksLikeSecret(a) || a.includes('=') ? undefined : a.slice(0, 120);
  }
  return undefined;
}

function isLocalUrl(url: string): boolean {
  return /^[a-z]+:\/\/(localhost|127\.[0-9.]+|\[::1\]|0\.0\.0\.0)([:/]|$)/i.test(url);
}

/** The host of a URL (never its path or query, which may carry a token). */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'a remote address';
  } catch {
    return 'a remote address';
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}
