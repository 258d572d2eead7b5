/**
 * The files a command line names: a file is taken as given; a folder
 * contributes the YAML files under it (hidden folders and node_modules
 * skipped) that --include and --exclude let through and that are recognised
 * as leakradius's (a model, a scenario, a policy). Other YAML beside the
 * models (CI workflows, manifests) is skipped and listed, so a folder of
 * agents can be checked as it is. Sorted, so output never depends on the file
 * system's order.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import picomatch from 'picomatch';
import { recogniseDocument, type DocumentKind } from '../model/recognise.js';
import { safeInline } from '../reports/terminal.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { describeFsError, displayPath } from './io.js';
import { note, type Shell } from './shell.js';

export type InputKind = Exclude<DocumentKind, 'other'>;

export interface InputFilter {
  /** Globs a file found in a folder must match (any of them); all files when empty. */
  readonly include?: readonly string[];
  /** Globs that leave out a file found in a folder. */
  readonly exclude?: readonly string[];
}

export interface FoundInputs {
  readonly files: readonly { readonly file: string; readonly kind: InputKind }[];
  /** YAML files in the folders that are none of leakradius's, as shown to the user. */
  readonly skipped: readonly string[];
  /** Inputs that are missing or cannot be read, and named files of a kind not wanted. */
  readonly diagnostics: readonly Diagnostic[];
  /** Folders that hold none of the wanted files: an error, unless the caller finds something else there. */
  readonly empty: readonly Diagnostic[];
}

/**
 * Every input file with its kind: a named file is what it declares (a model
 * unless it says otherwise); a folder gives the files of the wanted kinds.
 */
export function collectInputFiles(
  inputs: readonly string[],
  filter: InputFilter = {},
  wanted: ReadonlySet<InputKind> = ALL_KINDS,
): FoundInputs {
  const found = new Map<string, InputKind>();
  const skipped = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const empty: Diagnostic[] = [];
  const admits = globFilter(filter);
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch (error) {
      diagnostics.push({ file: input, line: 0, column: 0, message: describeFsError(error) });
      continue;
    }
    if (!isDirectory) {
      const recognised = recognise(input);
      const kind = recognised === 'other' ? 'model' : recognised; // named: loading it says why it is not one
      if (wanted.has(kind)) found.set(displayPath(input), kind);
      else
        diagnostics.push({ file: displayPath(input), line: 1, column: 1, message: `is a ${kind} file, not a model` });
      continue;
    }
    const yaml = walkYaml(input).filter((f) => admits(displayPath(f), relative(input, f)));
    let kept = 0;
    for (const f of yaml) {
      const kind = recognise(f);
      // Files another tool wrote (a workflow, a manifest) are skipped; an importer would take them here.
      if (kind === 'other') skipped.add(displayPath(f));
      else if (wanted.has(kind)) {
        found.set(displayPath(f), kind);
        kept++;
      }
    }
    if (kept === 0) empty.push(nothingFound(input, yaml.length, filter, wanted));
  }
  const files = [...found].map(([file, kind]) => ({ file, kind })).sort((a, b) => compare(a.file, b.file));
  return { files, skipped: [...skipped].sort(compare), diagnostics, empty };
}

const ALL_KINDS: ReadonlySet<InputKind> = new Set(['model', 'scenario', 'policy']);
const MODELS: ReadonlySet<InputKind> = new Set(['model']);

/**
 * The models among the inputs: scenario and policy files in folders are left
 * out; named, they are errors. A folder without a model is an error too.
 */
export function collectModelFiles(inputs: readonly string[], filter: InputFilter = {}): FoundModels {
  const found = collectInputFiles(inputs, filter, MODELS);
  return {
    files: found.files.map((f) => f.file),
    skipped: found.skipped,
    diagnostics: [...found.diagnostics, ...found.empty],
  };
}

export interface FoundModels {
  readonly files: string[];
  readonly skipped: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/** --include and --exclude, for the commands that take folders. */
export const FILTER_OPTIONS = {
  include: {
    type: 'string',
    array: true,
    describe: 'in folders, only the YAML files matching one of these globs (without a /, a glob matches the file name)',
  },
  exclude: { type: 'string', array: true, describe: 'in folders, leave out the YAML files matching these globs' },
} as const;

/** Lists, on stderr, the YAML files of the folders that were none of `what` (models, by default). */
export function noteSkipped(shell: Shell, skipped: readonly string[], what = 'leakradius models'): void {
  if (skipped.length === 0) return;
  const list = skipped.map((f) => `  ${safeInline(f)}`).join('\n');
  note(
    shell,
    `leakradius: skipped ${skipped.length} YAML file(s) that are not ${what} (--exclude leaves them out):\n${list}`,
  );
}

/**
 * What a file holds, from its first 64 KB (a model's version and first
 * sections come early; a large model is read in full once, by its loader). A
 * file that is not a plain file, or cannot be read, is taken for a model,
 * whose loading says what is wrong with it.
 */
function recognise(file: string): DocumentKind {
  let fd: number | undefined;
  try {
    if (!statSync(file).isFile()) return 'model';
    fd = openSync(file, 'r');
    const head = Buffer.alloc(RECOGNITION_BYTES);
    return recogniseDocument(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8'));
  } catch {
    return 'model';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const RECOGNITION_BYTES = 64 * 1024;

/**
 * Whether --include and --exclude let a file found in a folder through. A glob
 * matches the path as shown (relative to the current folder) or the path inside
 * the folder given; one without a slash matches the file name.
 */
export function globFilter(filter: InputFilter): (shown: string, inFolder: string) => boolean {
  const include = (filter.include ?? []).map(globMatcher);
  const exclude = (filter.exclude ?? []).map(globMatcher);
  return (shown, inFolder) => {
    const inside = inFolder.split('\\').join('/');
    const matches = (m: (p: string) => boolean) => m(shown) || m(inside);
    return (include.length === 0 || include.some(matches)) && !exclude.some(matches);
  };
}

function globMatcher(glob: string): (path: string) => boolean {
  const match = picomatch(glob, { dot: true });
  return glob.includes('/') ? match : (path) => match(path.slice(path.lastIndexOf('/') + 1));
}

function nothingFound(folder: string, yaml: number, filter: InputFilter, wanted: ReadonlySet<InputKind>): Diagnostic {
  const what = wanted.size === 1 ? 'leakradius model' : 'leakradius model, scenario or policy';
  const filtered = (filter.include?.length ?? 0) + (filter.exclude?.length ?? 0) > 0;
  const message =
    yaml > 0
      ? `the folder holds no ${what} (${yaml} YAML file(s), none of them one)`
      : filtered
        ? 'no YAML file in the folder passes --include and --exclude'
        : 'the folder holds no YAML files (*.yaml, *.yml)';
  return { file: folder, line: 0, column: 0, message };
}

function walkYaml(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(full);
    }
  }
  return out.sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
