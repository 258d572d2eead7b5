/**
 * The file-system side of the shell: finding model files, reading them safely
 * and writing outputs. Everything past this point is pure.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
  renameSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MAX_SOURCE_BYTES, decodeSource, tooLarge } from '../yaml/decode.js';
import { InputError, type Diagnostic } from '../yaml/diagnostic.js';
import { loadModel, type LoadResult } from '../model/load.js';

export type SourceResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/** Reads a text input, refusing what is too large or not text before it reaches the parser. */
export function readSource(file: string, maxBytes = MAX_SOURCE_BYTES): SourceResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fail(file, 'is a folder; expected a YAML file');
    size = stat.size;
  } catch (error) {
    return fail(file, describeFsError(error));
  }
  if (size > maxBytes) return fail(file, tooLarge(size, maxBytes));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return fail(file, describeFsError(error));
  }
  const decoded = decodeSource(file, bytes, maxBytes);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, diagnostics: [decoded.diagnostic] };
}

export function loadModelFile(file: string): LoadResult {
  const source = readSource(file);
  if (!source.ok) return source;
  return loadModel(file, source.text);
}

/** Top-level `kind:` of files that live beside models but are not models. */
const NOT_A_MODEL = /^kind:\s*["']?(scenario|policy)\b/m;

export type InputKind = 'model' | 'scenario' | 'policy';

/**
 * Expands the command line's files and folders into model files: a folder
 * contributes its *.yaml and *.yml files, recursively (hidden folders and
 * node_modules skipped), except scenario and policy files. Sorted, so output
 * order never depends on the file system.
 */
export function collectModelFiles(inputs: readonly string[]): { files: string[]; diagnostics: Diagnostic[] } {
  const { files, diagnostics } = collectInputFiles(inputs);
  return { files: files.filter((f) => f.kind === 'model').map((f) => f.file), diagnostics };
}

/**
 * Like collectModelFiles, but keeps scenario and policy files found in folders,
 * each with the kind it declares.
 */
export function collectInputFiles(inputs: readonly string[]): {
  files: { file: string; kind: InputKind }[];
  diagnostics: Diagnostic[];
} {
  const found = new Map<string, InputKind>();
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch (error) {
      diagnostics.push({ file: input, line: 0, column: 0, message: describeFsError(error) });
      continue;
    }
    if (!isDirectory) {
      found.set(displayPath(input), declaredKind(input));
      continue;
    }
    const yaml = walkYaml(input);
    if (yaml.length === 0)
      diagnostics.push({ file: input, line: 0, column: 0, message: 'the folder holds no YAML files (*.yaml, *.yml)' });
    for (const f of yaml) found.set(displayPath(f), declaredKind(f));
  }
  const files = [...found]
    .map(([file, kind]) => ({ file, kind }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, diagnostics };
}

function walkYaml(folder: string): string[] {
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
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(full);
    }
  }
  return out.sort();
}

/** What a file declares itself to be in its first lines (`kind: scenario`, `kind: policy`); a model otherwise. */
function declaredKind(file: string): InputKind {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4096);
      const n = readSync(fd, head, 0, head.length, 0);
      const match = NOT_A_MODEL.exec(head.subarray(0, n).toString('utf8'));
      return match ? (match[1] as InputKind) : 'model';
    } finally {
      closeSync(fd);
    }
  } catch {
    return 'model';
  }
}

/** Paths as the user sees them: relative to the working directory when inside it, with forward slashes. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  const shown = rel === '' || rel.startsWith('..') || resolve(rel) !== resolve(file) ? file : rel;
  return shown.split(sep).join('/');
}

/**
 * Writes a file atomically (temporary file, then rename), so a crash never
 * leaves half a report. A symbolic link is followed, and what is not a
 * regular file (/dev/null, /dev/stdout, a pipe) is written in place: renaming
 * over it would replace it with a plain file.
 */
export function writeFileAtomic(file: string, text: string): void {
  const target = existingTarget(file);
  if (target !== undefined && !statSync(target).isFile()) {
    writeFileSync(target, text);
    return;
  }
  const path = target ?? file;
  const temporary = join(dirname(path), `.${Date.now()}-${process.pid}.leakradius.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The file a path names once links are followed, or undefined when there is none yet. */
export function existingTarget(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder; expected a file';
    default:
      return `cannot read: ${code ?? String(error)}`;
  }
}

function fail(file: string, message: string): SourceResult {
  return { ok: false, diagnostics: [{ file, line: 1, column: 1, message }] };
}

/** Loads one model or throws the InputError that the shell reports (exit 2). */
export function requireModel(file: string): import('../model/load.js').LoadedModel {
  const result = loadModelFile(displayPath(file));
  if (!result.ok) throw new InputError(result.diagnostics);
  return result.loaded;
}

/** leakradius's own version, from its package.json. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The nearest folder at or above `start` that holds a `.git`, or undefined outside a repository. */
export function repositoryRoot(start: string = process.cwd()): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * A file as a URI relative to the repository root (what code scanning expects),
 * percent-encoded per segment; relative to the working directory outside a repository.
 */
export function repositoryUri(file: string, root: string | undefined = repositoryRoot()): string {
  const base = root ?? process.cwd();
  const rel = relative(base, resolve(file));
  const path = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return path.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}
