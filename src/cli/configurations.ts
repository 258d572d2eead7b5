/**
 * The shell side of importing: finding configuration files in folders and in
 * a user's home, reading them with the same limits as models, and turning
 * them into a model the other commands load like any model file, with
 * findings and errors pointed back at the configuration's own lines.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  importConfigurations,
  importers,
  userConfigLocations,
  type ConfigFile,
  type ImportResult,
} from '../import/index.js';
import { loadModel, loadModelOnly, type LoadedModel, type ModelOnly } from '../model/load.js';
import { modelYaml } from '../reports/model-yaml.js';
import { InputError, type Diagnostic } from '../yaml/diagnostic.js';
import { collectModelFiles, globFilter, type InputFilter } from './inputs.js';
import { describeFsError, displayPath, readSource, requireModel } from './io.js';

/** Folders never worth walking into. */
const SKIP_FOLDERS = new Set([
  '.git',
  'node_modules',
  '.hg',
  '.svn',
  'dist',
  'build',
  'vendor',
  '.venv',
  '__pycache__',
]);
const CANDIDATE = /\.(json|jsonc|ya?ml)$/i;

export interface GatheredConfigurations {
  readonly files: ConfigFile[];
  /** Files named on the command line (not found by a folder walk). */
  readonly explicit: Set<string>;
  readonly diagnostics: Diagnostic[];
  /** Per-user locations looked at, and whether each was there. */
  readonly user: { shown: string; client: string; found: boolean }[];
}

/** Reads the files and folders given, and with `user` the per-user MCP client files of this machine. */
export function gatherConfigurations(
  inputs: readonly string[],
  user?: { platform: string; home: string; env: Readonly<Record<string, string | undefined>> },
  /** Files already known to be models: not read again. */
  models: ReadonlySet<string> = new Set(),
  /** --include and --exclude, for the files found in folders. */
  filter: InputFilter = {},
): GatheredConfigurations {
  const admits = globFilter(filter);
  const files: ConfigFile[] = [];
  const explicit = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const read = (path: string, shown: string, scope: 'repository' | 'user') => {
    if (seen.has(shown) || models.has(shown)) return;
    seen.add(shown);
    const source = readSource(path);
    if (source.ok) files.push({ file: shown, text: source.text, scope });
    else for (const d of source.diagnostics) diagnostics.push({ ...d, file: shown });
  };
  for (const input of inputs) {
    let folder: boolean;
    try {
      folder = statSync(input).isDirectory();
    } catch (error) {
      diagnostics.push({ file: input, line: 0, column: 0, message: describeFsError(error) });
      continue;
    }
    if (!folder) {
      const shown = displayPath(input);
      explicit.add(shown);
      read(input, shown, 'repository');
      continue;
    }
    for (const file of walk(input))
      if (admits(displayPath(file), relative(input, file))) read(file, displayPath(file), 'repository');
  }
  const looked: GatheredConfigurations['user'] = [];
  if (user) {
    for (const location of userConfigLocations(user.platform, user.home, user.env)) {
      const found = isFolderOrFile(location.path);
      if (found === 'folder')
        for (const file of walk(location.path))
          read(file, `${location.shown}/${file.slice(location.path.length + 1).replace(/\\/g, '/')}`, 'user');
      else if (found === 'file') read(location.path, location.shown, 'user');
      looked.push({ shown: location.shown, client: location.client, found: found !== undefined });
    }
  }
  return { files, explicit, diagnostics, user: looked };
}

/** Every JSON and YAML file under a folder, hidden folders included (.github, .vscode, .cursor...), sorted. */
function walk(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (SKIP_FOLDERS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && CANDIDATE.test(entry.name)) out.push(full);
    }
  }
  return out.sort();
}

/** Whether a path names a configuration leakradius imports (for commands that accept them beside models). */
export function isConfigurationName(path: string): boolean {
  return importers().some((i) => i.byName(path));
}

/**
 * Configurations imported in memory as one model, loaded like a model file:
 * its findings and errors point at the configurations' own lines.
 */
export function loadConfigurations(
  gathered: GatheredConfigurations,
  owner?: string,
): { loaded?: LoadedModel; result: ImportResult; diagnostics: Diagnostic[] } {
  const { result, diagnostics } = importGathered(gathered, owner);
  if (result.imported.length === 0 || result.full) return { result, diagnostics };
  const name =
    result.imported.length === 1
      ? result.imported[0].file
      : `${result.imported[0].file} (+${result.imported.length - 1} configuration files)`;
  const loaded = loadModel(name, modelYaml(result.document));
  if (!loaded.ok) {
    for (const d of loaded.diagnostics) {
      const at = d.path === undefined ? undefined : result.origins.locate(pathOf(d.path));
      diagnostics.push(at ? { ...d, ...at } : d);
    }
    return { result, diagnostics };
  }
  return { loaded: { ...loaded.loaded, origins: result.origins }, result, diagnostics };
}

/** The gathered files imported as one model document, with every problem (none imported at all is one). */
export function importGathered(
  gathered: GatheredConfigurations,
  owner?: string,
): { result: ImportResult; diagnostics: Diagnostic[] } {
  const result = importConfigurations(gathered.files, { explicit: gathered.explicit, owner });
  const diagnostics = [...gathered.diagnostics, ...result.diagnostics];
  if (result.imported.length === 0 && diagnostics.length === 0)
    diagnostics.push({
      file: gathered.explicit.size > 0 ? [...gathered.explicit][0] : '(inputs)',
      line: 0,
      column: 0,
      message: 'no configuration leakradius imports was found here',
    });
  return { result, diagnostics };
}

/** `credentials[3].grants[0]` back to a document path. */
function pathOf(formatted: string): (string | number)[] {
  return [...formatted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/** Whether a file given to a command that takes models is a configuration to import instead. */
export function isConfigurationFile(file: string, text: string): boolean {
  if (isConfigurationName(file) || /\.jsonc?$/i.test(file)) return true;
  if (/^version:\s*1\b/m.test(text)) return false;
  return (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) || (/^["']?on["']?:/m.test(text) && /^jobs:/m.test(text));
}

/**
 * The inputs of `check` (files and folders, models and configurations mixed):
 * every model file loaded, and every configuration imported together as one
 * more model, located at the configurations' own lines. `skipped`: the YAML
 * files of the folders that are neither a model nor a configuration.
 */
export function loadInputs(
  inputs: readonly string[],
  filter: InputFilter = {},
): { models: ModelOnly[]; skipped: string[]; diagnostics: Diagnostic[] } {
  const models: ModelOnly[] = [];
  const diagnostics: Diagnostic[] = [];
  const configurationInputs: string[] = [];
  // A file named on the command line keeps the text read to tell what it is: a large model is not read twice.
  const modelFiles: { file: string; text?: string }[] = [];
  const otherYaml: string[] = [];
  const emptyFolders: Diagnostic[] = [];
  for (const input of inputs) {
    let folder: boolean;
    try {
      folder = statSync(input).isDirectory();
    } catch (error) {
      diagnostics.push({ file: input, line: 0, column: 0, message: describeFsError(error) });
      continue;
    }
    if (folder) {
      // A folder's models are told apart by recognition (src/model/recognise.ts); the rest may be configurations.
      const found = collectModelFiles([input], filter);
      for (const file of found.files) modelFiles.push({ file });
      for (const file of found.skipped) otherYaml.push(file);
      if (found.files.length === 0) emptyFolders.push(...found.diagnostics);
      configurationInputs.push(input);
    } else {
      const source = readSource(input);
      if (source.ok && isConfigurationFile(input, source.text)) configurationInputs.push(input);
      else modelFiles.push({ file: displayPath(input), text: source.ok ? source.text : undefined });
    }
  }
  for (const { file, text } of modelFiles) {
    const source = text !== undefined ? { ok: true as const, text } : readSource(file);
    const result = source.ok ? loadModelOnly(file, source.text) : source;
    if (result.ok) models.push(result.loaded);
    else for (const d of result.diagnostics) diagnostics.push(d);
  }
  let imported = new Set<string>();
  if (configurationInputs.length > 0) {
    const gathered = gatherConfigurations(
      configurationInputs,
      undefined,
      new Set(modelFiles.map((m) => m.file)),
      filter,
    );
    const { loaded, result, diagnostics: problems } = loadConfigurations(gathered, undefined);
    imported = new Set(result.imported.map((i) => i.file));
    // A folder of models alone has no configuration: that is not an error there.
    const onlyFolders = gathered.explicit.size === 0;
    if (loaded) models.push(loaded);
    if (!(onlyFolders && result.imported.length === 0 && result.diagnostics.length === 0))
      for (const d of problems) diagnostics.push(d);
  }
  // A folder with neither a model nor a configuration is a mistake worth stopping on (a wrong path in CI).
  if (models.length === 0 && imported.size === 0) for (const d of emptyFolders) diagnostics.push(d);
  return { models, skipped: otherYaml.filter((f) => !imported.has(f)), diagnostics };
}

/** A model file, or configuration files and folders imported in memory as one model; else the InputError (exit 2). */
export function requireModelOrConfigurations(input: string): LoadedModel {
  const folder = isFolderOrFile(input) === 'folder';
  const source = folder ? undefined : readSource(input);
  if (!folder && (!source?.ok || !isConfigurationFile(input, source.text))) return requireModel(input);
  const { loaded, diagnostics } = loadConfigurations(gatherConfigurations([input]));
  if (diagnostics.length > 0 || !loaded) throw new InputError(diagnostics);
  return loaded;
}

function isFolderOrFile(path: string): 'folder' | 'file' | undefined {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}
