/**
 * The file-system side of the shell: reading inputs safely
 * and writing outputs. Everything past this point is pure.
 */
import { appendFileSync, existsSync, readFileSync, realpathSync, statSync, writeFileSync, renameSync } from 'node:fs';
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

/** Whether a regular file is there (a device such as /dev/stdout is not one). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Adds text at the end of a file (GitHub's job summary is one file that every step appends to). */
export function appendText(file: string, text: string): void {
  appendFileSync(file, text);
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
 * A model file's path relative to the root of the repository that holds it
 * (what code scanning and annotations expect), with forward slashes; relative
 * to the working directory when no repository holds it.
 */
export function repositoryPath(
  file: string,
  root: string | undefined = repositoryRoot(dirname(resolve(file))),
): string {
  const base = root ?? process.cwd();
  const rel = relative(base, resolve(file));
  const path = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return path.split(sep).join('/');
}

/** `repositoryPath` as a URI reference, percent-encoded per segment. */
export function repositoryUri(file: string, root?: string): string {
  return repositoryPath(file, root ?? repositoryRoot(dirname(resolve(file))))
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}
