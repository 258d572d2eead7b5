/**
 * What a command may touch of the outside world, passed in so that commands
 * run the same under tests as on a terminal.
 */
import { InputError } from '../yaml/diagnostic.js';
import { formatDiagnostic } from '../reports/diagnostics.js';
import { colorWanted, createStyle, type Style } from '../reports/terminal.js';
import { isStdout, type Outputs } from './io.js';
import { UsageError } from './usage-error.js';

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

export { UsageError, isStdout };

/** Reports every diagnostic on stderr and sets exit code 2. */
export function reportInvalid(shell: Shell, error: InputError): void {
  for (const d of error.diagnostics) shell.stderr.write(`${formatDiagnostic(d)}\n`);
  shell.exitCode = EXIT.invalid;
}

/** Sends a report to stdout, or to the file `output` names (claimed on `outputs` beforehand). */
export function emit(shell: Shell, outputs: Outputs, text: string, output: string | undefined): void {
  if (isStdout(output)) shell.stdout.write(text);
  else outputs.write(output, text);
}
