/**
 * The file-system side of the shell: reading inputs safely
 * and writing outputs. Everything past this point is pure.
 */
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  linkSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeSource } from '../yaml/decode.js';
import { InputError, type Diagnostic } from '../yaml/diagnostic.js';
import { LIMITS, LIMIT_MESSAGES } from '../yaml/limits.js';
import { loadModel, type LoadResult } from '../model/load.js';
import { quote } from '../model/messages.js';
import { safeInline } from '../reports/terminal.js';
import { UsageError } from './usage-error.js';

export type SourceResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads a text input, refusing what is too large or not text before it
 * reaches the parser. Only regular files are read, and never more than the
 * limit whatever their size claims to be: a device, a pipe or /proc file
 * reports a size of 0 and could be read forever.
 */
export function readSource(file: string, maxBytes: number = LIMITS.sourceBytes): SourceResult {
  const opened = openRegular(file);
  if (!opened.ok) return fail(file, opened.message);
  let bytes: Buffer;
  try {
    bytes = readAtMost(opened.fd, maxBytes + 1, opened.stat.size);
  } catch (error) {
    return fail(file, describeFsError(error));
  } finally {
    closeSync(opened.fd);
  }
  if (bytes.length > maxBytes)
    return fail(file, LIMIT_MESSAGES.tooLarge(Math.max(opened.stat.size, bytes.length), maxBytes));
  const decoded = decodeSource(file, bytes, maxBytes);
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, diagnostics: [decoded.diagnostic] };
}

type Opened = { ok: true; fd: number; stat: Stats } | { ok: false; message: string };

/**
 * Opens a file for reading if it is a regular file. Non-blocking, so that
 * opening a named pipe with no writer returns at once instead of waiting.
 */
function openRegular(file: string): Opened {
  if (leavesRepository(file)) return { ok: false, message: LINK_OUT };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  const stat = fstatSync(fd);
  if (stat.isFile()) return { ok: true, fd, stat };
  closeSync(fd);
  return {
    ok: false,
    message: stat.isDirectory() ? 'is a folder; expected a YAML file' : LIMIT_MESSAGES.notRegular(fileType(stat)),
  };
}

function fileType(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** Up to `limit` bytes from `fd`, in as many reads as it takes; `hint` sizes the first buffer. */
function readAtMost(fd: number, limit: number, hint: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(limit, Math.max(hint + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const grown = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

export function loadModelFile(file: string): LoadResult {
  const source = readSource(file);
  if (!source.ok) return source;
  return loadModel(file, source.text);
}

/** Where leakradius is installed: its bundled models and scenarios live here. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type ScenarioModel = { ok: true; file: string } | { ok: false; message: string };

/**
 * The model file a scenario names, resolved against the scenario's folder.
 * It must lie inside the scenario's repository (the nearest folder above it
 * holding .git): otherwise a scenario in a pull request could make
 * leakradius read any file of the machine (`model: ../../.npmrc`). Outside
 * any repository it must lie inside the working folder, or the scenario's
 * own folder when the scenario is elsewhere; the bundled scenarios use the
 * bundled models. `anywhere` is the user's own choice to lift the rule.
 */
export function scenarioModelFile(scenario: string, model: string, anywhere = false): ScenarioModel {
  const file = displayPath(resolve(dirname(scenario), model));
  if (anywhere) return { ok: true, file };
  const { root, what } = scenarioRoot(scenario);
  if (isInside(realPathOf(resolve(file)), realPathOf(root))) return { ok: true, file };
  return {
    ok: false,
    message: `model: ${quote(model)} is outside ${what} (${safeInline(displayPath(root))}); a scenario reads only a model inside it (pass --allow-model-outside to read it anyway)`,
  };
}

function scenarioRoot(scenario: string): { root: string; what: string } {
  const folder = dirname(resolve(scenario));
  const repository = repositoryRoot(folder);
  if (repository !== undefined) return { root: repository, what: "the scenario's repository" };
  const real = realPathOf(folder);
  if (isInside(real, realPathOf(PACKAGE_ROOT))) return { root: PACKAGE_ROOT, what: 'the bundled examples' };
  if (isInside(real, realPathOf(process.cwd()))) return { root: process.cwd(), what: 'the working folder' };
  return { root: folder, what: "the scenario's folder" };
}

/** The first 4 KB of a regular file as text ('' for anything else): enough to tell what it is. */
export function readHead(file: string): string {
  const opened = openRegular(file);
  if (!opened.ok) return '';
  try {
    return readAtMost(opened.fd, 4096, 4096).toString('utf8');
  } catch {
    return '';
  } finally {
    closeSync(opened.fd);
  }
}

/** Paths as the user sees them: relative to the working directory when inside it, with forward slashes. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  const shown = rel === '' || rel.startsWith('..') || resolve(rel) !== resolve(file) ? file : rel;
  return shown.split(sep).join('/');
}

/** A file that `createOnly` found in place. */
export class AlreadyExists extends UsageError {
  constructor(file: string) {
    super(`${safeInline(file)} already exists`);
  }
}

/** No --output, `-` or /dev/stdout (written as stdout: when it is a pipe, no file is behind the name). */
export function isStdout(target: string | undefined): target is undefined | '-' | '/dev/stdout' {
  return target === undefined || target === '-' || target === '/dev/stdout';
}

export interface WriteOptions {
  /** Create the file only if nothing is there yet (`policy init` without --force, the TUI's saved copies). */
  readonly createOnly?: boolean;
  /** A new file takes this file's permission bits: a model written from a model keeps its mode. */
  readonly modeFrom?: string;
}

/**
 * Every file a command writes, in one place, so that no output can bypass
 * the rules: an output never replaces one of the command's inputs (unless the
 * command allows it, as `recommend --write --force` does), and no two outputs
 * of one run name the same file. Targets are claimed before anything is
 * written, then written atomically.
 */
export class Outputs {
  private readonly inputs = new Map<string, string>();
  /** Folders the command reads: files of the kinds it reads inside them are inputs too. */
  private readonly folders: { real: string; shown: string }[] = [];
  private readonly claims = new Map<string, { flag: string; target: string; seen?: string }>();
  private readonly mayReplace = new Set<string>();

  /** `inputs`: every file the command reads, and every folder it reads files in. */
  constructor(inputs: Iterable<string>) {
    for (const input of inputs) {
      if (isFolderPath(input)) this.folders.push({ real: realPathOf(resolve(input)), shown: input });
      else this.inputs.set(identity(input), input);
    }
  }

  /** Adds an input found while the command runs (a scenario's model): refused if an output already claimed it. */
  addInput(input: string): void {
    const key = identity(input);
    const claim = this.claims.get(key);
    if (claim !== undefined && !this.mayReplace.has(key))
      throw new UsageError(
        `${claim.flag} ${safeInline(claim.target)} would overwrite ${safeInline(input)}, which this command reads; write it elsewhere`,
      );
    this.inputs.set(key, input);
  }

  /**
   * Reserves `target` for `flag` (stdout needs no claim). Refuses, as a usage
   * mistake, an input of the command or a file another output already claimed.
   */
  claim(
    target: string | undefined,
    flag: string,
    options: { replaceInput?: boolean; what?: string; force?: string } = {},
  ): void {
    if (isStdout(target)) return;
    if (target === '') throw new UsageError(`${flag} needs a file name`);
    const key = identity(target!);
    const other = this.claims.get(key);
    if (other !== undefined) {
      throw new UsageError(
        `${other.flag} ${safeInline(other.target)} and ${flag} ${safeInline(target!)} name the same file; give each output a file of its own`,
      );
    }
    const input = this.inputs.get(key) ?? this.inFolder(target!);
    if (input !== undefined && !options.replaceInput) {
      throw new UsageError(
        `${flag} ${safeInline(target!)} would overwrite ${safeInline(input)}, which this command reads; write ${options.what ?? 'it'} elsewhere${options.force === undefined ? '' : `, or add ${options.force} to replace it`}`,
      );
    }
    if (input !== undefined) this.mayReplace.add(key);
    this.claims.set(key, { flag, target: target!, seen: fingerprint(target!) });
  }

  /** The folder input an existing model, scenario, policy or configuration file lies in, if any. */
  private inFolder(target: string): string | undefined {
    if (this.folders.length === 0 || !READ_IN_FOLDERS.test(target) || fingerprint(target) === undefined)
      return undefined;
    const real = realPathOf(resolve(target));
    const folder = this.folders.find((f) => isInside(real, f.real));
    return folder === undefined ? undefined : `${safeInline(displayPath(target))} in ${folder.shown}`;
  }

  /** Writes a claimed file (atomically); a failure is the user's to fix (exit 2), never a fault. */
  write(target: string, text: string, options: WriteOptions = {}): void {
    const key = identity(target);
    const claim = this.claims.get(key);
    if (claim === undefined) throw new Error(`output ${target} was written without being claimed first`);
    if (this.inputs.has(key) && !this.mayReplace.has(key)) throw new Error(`output ${target} is an input`);
    try {
      writeAtomically(target, text, options, claim.seen);
    } catch (error) {
      if (error instanceof UsageError || error instanceof InputError) throw error;
      // A folder that does not exist or cannot be written: the user's to fix (exit 2), not a fault.
      throw new InputError([
        { file: target, line: 1, column: 1, message: `cannot write the output: ${describeFsError(error, 'write')}` },
      ]);
    }
  }
}

/** The files a folder walk reads: YAML models, scenarios and policies; JSON and YAML configurations. */
const READ_IN_FOLDERS = /\.(ya?ml|jsonc?)$/i;

function isFolderPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The same key for every name of one file: its device and inode when it exists, else its resolved path. */
function identity(file: string): string {
  try {
    const stat = statSync(file);
    return `inode:${stat.dev}:${stat.ino}`;
  } catch {
    try {
      return `path:${join(realpathSync(dirname(resolve(file))), basename(file))}`;
    } catch {
      return `path:${resolve(file)}`;
    }
  }
}

/**
 * Writes a file through a temporary file with a random name, created
 * exclusively beside the target (a link planted there cannot redirect it),
 * then renamed over the target, so a crash never leaves half a file. A link
 * is followed, and what is not a regular file (/dev/null, /dev/stdout, a pipe)
 * is written in place: renaming over it would replace it with a plain file.
 * A replaced file keeps its permission bits.
 */
function writeAtomically(file: string, text: string, options: WriteOptions, seen: string | undefined): void {
  const target = existingTarget(file);
  const current = target === undefined ? undefined : statSync(target);
  if (target !== undefined && options.createOnly) throw new AlreadyExists(file);
  if (current !== undefined && !current.isFile()) {
    const fd = openSync(target!, constants.O_WRONLY);
    try {
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (leavesRepository(file)) throw new UsageError(`${safeInline(file)} ${LINK_OUT}`);
  const path = target ?? file;
  const mode = current !== undefined ? current.mode & 0o7777 : modeOf(options.modeFrom);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.leakradius.tmp`);
  // A mode to keep is set once the file is ours alone; otherwise the default (umask) applies.
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
    mode === undefined ? 0o666 : 0o600,
  );
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    if (seen !== undefined && fingerprint(path) !== seen) {
      throw new UsageError(
        `${safeInline(file)} changed on disk while leakradius ran; it was not replaced (the change is kept): run the command again`,
      );
    }
    if (options.createOnly) linkExclusively(temporary, path, file);
    else renameSync(temporary, path);
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** Permission bits of `file`, or undefined (the default mode) when there is none. */
function modeOf(file: string | undefined): number | undefined {
  if (file === undefined) return undefined;
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * What changes when anyone writes a regular file (in place or by replacing
 * it), or undefined when there is none: compared before a file is replaced,
 * so that an edit made while leakradius ran is never lost.
 */
function fingerprint(file: string): string | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    return stat.isFile() ? `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the finished temporary file at `path` only if nothing is there (a link fails if the name exists). */
function linkExclusively(temporary: string, path: string, shown: string): void {
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExists(shown);
    throw error;
  }
}

const LINK_OUT =
  'is reached through a symbolic link that leaves the repository; leakradius does not follow such links (a pull request can plant them)';

/**
 * Whether `file`, named inside the working directory's repository, is
 * really outside it once links are followed: a link to /etc/shadow or to the
 * runner's home committed beside the models. A path named outside the
 * repository (/dev/stdout, /tmp/report.sarif) is what the user chose.
 */
function leavesRepository(file: string): boolean {
  const root = repositoryRoot();
  if (root === undefined) return false;
  const named = resolve(file);
  if (!isInside(named, root)) return false;
  return !isInside(realPathOf(named), realPathOf(root));
}

/** `file` with every link followed; for a file not there yet, its nearest existing folder's. */
function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = dirname(file);
    return parent === file ? file : join(realPathOf(parent), basename(file));
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
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

export function describeFsError(error: unknown, verb: 'read' | 'write' = 'read'): string {
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
      return `cannot ${verb}: ${code ?? String(error)}`;
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
