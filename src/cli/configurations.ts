/**
 * The shell side of importing: finding configuration files in folders and in
 * a user's home, reading them with the same limits as models, and turning
 * them into a model the other commands load like any model file, with
 * findings and errors pointed back at the configuration's own lines.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  importConfigurations,
  importers,
  userConfigLocations,
  type ConfigFile,
  type ImportResult,
} from '../import/index.js';
import { loadModel, type LoadedModel } from '../model/load.js';
import { modelYaml } from '../reports/model-yaml.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { describeFsError, displayPath, readSource } from './io.js';

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
): GatheredConfigurations {
  const files: ConfigFile[] = [];
  const explicit = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const read = (path: string, shown: string, scope: 'repository' | 'user') => {
    if (seen.has(shown)) return;
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
    for (const file of walk(input)) read(file, displayPath(file), 'repository');
  }
  const looked: GatheredConfigurations['user'] = [];
  if (user) {
    for (const location of userConfigLocations(user.platform, user.home, user.env)) {
      let found = false;
      try {
        const stat = statSync(location.path);
        found = true;
        if (stat.isDirectory()) {
          for (const file of walk(location.path))
            read(file, `${location.shown}/${file.slice(location.path.length + 1).replace(/\\/g, '/')}`, 'user');
        } else read(location.path, location.shown, 'user');
      } catch {
        found = false;
      }
      looked.push({ shown: location.shown, client: location.client, found });
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
  const result = importConfigurations(gathered.files, { explicit: gathered.explicit, owner });
  const diagnostics = [...gathered.diagnostics, ...result.diagnostics];
  if (result.imported.length === 0) {
    if (diagnostics.length === 0)
      diagnostics.push({
        file: gathered.explicit.size > 0 ? [...gathered.explicit][0] : '(inputs)',
        line: 0,
        column: 0,
        message: 'no configuration leakradius imports was found here',
      });
    return { result, diagnostics };
  }
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

/** `credentials[3].grants[0]` back to a document path. */
function pathOf(formatted: string): (string | number)[] {
  return [...formatted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}
