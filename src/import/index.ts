/**
 * `leakradius import`: configuration files in, one model document out. Each
 * file is recognised by its name and then its content, parsed (JSONC or
 * YAML), and read by its format's importer into a shared builder, so that
 * what several files share (an environment variable, a literal secret, a
 * repository scope) becomes one element. Pure: the shell reads the files.
 */
import type { ModelDocument } from '../model/schema.js';
import { compareDiagnostics, type Diagnostic } from '../yaml/diagnostic.js';
import { agentCard } from './agent-card.js';
import { ModelBuilder, TooManyElements, type Origins } from './builder.js';
import { continueDev } from './continue.js';
import { githubWorkflowImporter } from './github-workflow.js';
import type { Importer } from './importer.js';
import { parseJsonConfig } from './json.js';
import { kubernetesImporter } from './kubernetes.js';
import { claudeCode } from './mcp-claude-code.js';
import { claudeDesktop } from './mcp-claude-desktop.js';
import { cursor } from './mcp-cursor.js';
import { vscode } from './mcp-vscode.js';
import { windsurf } from './mcp-windsurf.js';
import { isObject, type ConfigFile, type FormatId, type ParsedConfig, type Skipped } from './types.js';
import { parseYamlConfig } from './yaml-documents.js';

export type { ConfigFile, FormatId, Skipped } from './types.js';
export { FORMATS } from './types.js';
export { Origins } from './builder.js';
export { userConfigLocations, type UserLocation } from './user-locations.js';

export interface ImportOptions {
  /** The repository's owner (from its remote): its own actions are first-party. */
  readonly owner?: string;
}

export interface ImportedFile {
  readonly file: string;
  readonly format: FormatId;
  readonly title: string;
  /** Elements this file added (elements it shares with an earlier file are counted there). */
  readonly added: { agents: number; tools: number; resources: number; credentials: number };
}

export interface ImportResult {
  readonly document: ModelDocument;
  readonly origins: Origins;
  readonly imported: readonly ImportedFile[];
  readonly skipped: readonly Skipped[];
  /** Files that look like a format but cannot be read: each located; the other files are still imported. */
  readonly diagnostics: readonly Diagnostic[];
  /** An import past the limit on elements (`LIMITS.importedElements`): its model is incomplete, never to be used. */
  readonly full: boolean;
}

/** A fresh set of importers: some keep state across the files of one import. */
export function importers(options: ImportOptions = {}): Importer[] {
  return [
    claudeDesktop,
    claudeCode,
    cursor,
    vscode,
    windsurf,
    continueDev,
    githubWorkflowImporter(options),
    kubernetesImporter(),
    agentCard,
  ];
}

export function importConfigurations(
  files: readonly ConfigFile[],
  options: ImportOptions & {
    /** Files named on the command line: one that is no known format is an error, not a skip. */
    readonly explicit?: ReadonlySet<string>;
  } = {},
): ImportResult {
  const builder = new ModelBuilder();
  const all = importers(options);
  const imported: ImportedFile[] = [];
  const skipped: Skipped[] = [];
  const diagnostics: Diagnostic[] = [];
  let full = false;
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const config of sorted) {
    const explicit = options.explicit?.has(config.file) ?? false;
    const outcome = readFile(config, all, builder, explicit);
    if (outcome.kind === 'imported') imported.push(outcome.file);
    else if (outcome.kind === 'skipped') skipped.push({ file: config.file, reason: outcome.reason });
    for (const d of outcome.diagnostics) diagnostics.push(d);
    // The model is full: the files after this one are not read.
    if (outcome.kind === 'invalid' && outcome.full) {
      full = true;
      break;
    }
  }
  for (const importer of all) importer.finish?.(builder);
  const { document, origins } = builder.finish(modelName(imported));
  return { document, origins, imported, skipped, diagnostics: diagnostics.sort(compareDiagnostics), full };
}

type Outcome =
  | { kind: 'imported'; file: ImportedFile; diagnostics: Diagnostic[] }
  | { kind: 'skipped'; reason: string; diagnostics: Diagnostic[] }
  | { kind: 'invalid'; diagnostics: Diagnostic[]; full?: boolean };

function readFile(config: ConfigFile, all: readonly Importer[], builder: ModelBuilder, explicit: boolean): Outcome {
  const named = all.find((i) => i.byName(config.file));
  const json = /\.jsonc?$/i.test(config.file) || (!/\.ya?ml$/i.test(config.file) && /^\s*[{[]/.test(config.text));
  const scope = config.scope ?? 'repository';
  const parsed = json
    ? parseJsonConfig(config.file, config.text, scope)
    : parseYamlConfig(config.file, config.text, scope);
  if (!parsed.ok) {
    if (named || explicit) return { kind: 'invalid', diagnostics: parsed.diagnostics };
    return { kind: 'skipped', reason: `not valid ${json ? 'JSON' : 'YAML'}`, diagnostics: [] };
  }
  const documents = 'documents' in parsed ? parsed.documents : [parsed.document];
  if (documents.length === 0) {
    if (named || explicit)
      return {
        kind: 'invalid',
        diagnostics: [{ file: config.file, line: 1, column: 1, message: 'the file is empty' }],
      };
    return { kind: 'skipped', reason: 'empty', diagnostics: [] };
  }
  const importer = named ?? all.find((i) => i.byContent(documents[0].value));
  if (!importer) {
    const reason = notImported(documents[0]);
    if (explicit)
      return {
        kind: 'invalid',
        diagnostics: [
          {
            file: config.file,
            line: 1,
            column: 1,
            message: `${reason}; leakradius imports MCP client configurations, GitHub Actions workflows, Kubernetes manifests and A2A agent cards`,
          },
        ],
      };
    return { kind: 'skipped', reason, diagnostics: [] };
  }
  const before = counts(builder);
  const diagnostics: Diagnostic[] = [];
  try {
    for (const doc of documents) for (const d of importer.read(doc, builder)) diagnostics.push(d);
  } catch (error) {
    if (!(error instanceof TooManyElements)) throw error;
    return { kind: 'invalid', full: true, diagnostics: [{ ...error.at, message: error.message }] };
  }
  const after = counts(builder);
  const file: ImportedFile = {
    file: config.file,
    format: importer.format,
    title: importer.title,
    added: {
      agents: after.agents - before.agents,
      tools: after.tools - before.tools,
      resources: after.resources - before.resources,
      credentials: after.credentials - before.credentials,
    },
  };
  return { kind: 'imported', file, diagnostics };
}

/** Why a parsed file is not imported, in a few words. */
function notImported(doc: ParsedConfig): string {
  const value = doc.value;
  if (isObject(value) && value.version === 1 && (value.agents !== undefined || value.credentials !== undefined))
    return 'a leakradius model';
  if (isObject(value) && (value.kind === 'policy' || value.kind === 'scenario'))
    return `a leakradius ${value.kind} file`;
  return 'not a configuration format leakradius knows';
}

function counts(builder: ModelBuilder) {
  return {
    agents: builder.count('agents'),
    tools: builder.count('tools'),
    resources: builder.count('resources'),
    credentials: builder.count('credentials'),
  };
}

function modelName(imported: readonly ImportedFile[]): string {
  if (imported.length === 1) return `Imported from ${imported[0].file}`.slice(0, 4096);
  return `Imported from ${imported.length} configuration files`;
}
