/**
 * What a command may touch of the outside world, passed in so that commands
 * run the same under tests as on a terminal.
 */
import { InputError } from '../yaml/diagnostic.js';
import { formatDiagnostic } from '../reports/diagnostics.js';
import { colorWanted, createStyle, type Style } from '../reports/terminal.js';
import { describeFsError, writeFileAtomic } from './io.js';

export const EXIT = {
  ok: 0,
  /** `check`: findings at or above --fail-on. */
  findings: 1,
  /** Invalid model, policy, scenario or usage. */
  invalid: 2,
  /** A fault in leakradius itself. */
  internal: 3,
} as const;

export interface Shell {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number; rows?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly stdin: NodeJS.ReadStream | { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The exit code the command decided on. */
  exitCode: number;
  /** --quiet: no notes on stderr (errors still go there). */
  quiet?: boolean;
  /** --color or --no-color; when not given, the terminal and NO_COLOR/FORCE_COLOR decide. */
  color?: boolean;
}

/** A remark for the person running the command (which policy, what was skipped): stderr, unless --quiet. */
export function note(shell: Shell, text: string): void {
  if (!shell.quiet) shell.stderr.write(`${text}\n`);
}

export function styleFor(shell: Shell): Style {
  return createStyle(shell.color ?? colorWanted(Boolean(shell.stdout.isTTY), shell.env));
}

/** A usage mistake: reported with a hint and exit code 2. */
export class UsageError extends Error {}

/** Reports every diagnostic on stderr and sets exit code 2. */
export function reportInvalid(shell: Shell, error: InputError): void {
  for (const d of error.diagnostics) shell.stderr.write(`${formatDiagnostic(d)}\n`);
  shell.exitCode = EXIT.invalid;
}

/** No --output, `-` or /dev/stdout (written as stdout: when it is a pipe, no file is behind the name). */
export function isStdout(output: string | undefined): output is undefined | '-' | '/dev/stdout' {
  return output === undefined || output === '-' || output === '/dev/stdout';
}

/** Sends a report to --output (atomically) or to stdout. */
export function emit(shell: Shell, text: string, output: string | undefined): void {
  if (isStdout(output)) {
    shell.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(output, text);
  } catch (error) {
    // A folder that does not exist or cannot be written: the user's input, not a fault (exit 2).
    throw new InputError([
      { file: output, line: 1, column: 1, message: `cannot write the output: ${describeFsError(error)}` },
    ]);
  }
}
