/**
 * `leakradius tui [input]` and `leakradius` alone: the TUI on a terminal; a
 * short text summary of the default model when input or output is not a
 * terminal (a pipe, a CI log), where a full-screen view cannot work.
 */
import { formatDiagnostic } from '../reports/diagnostics.js';
import { colorWanted } from '../reports/terminal.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { choosePolicy } from './policy-file.js';
import { defaultModelFile, printSummary } from './front-door.js';
import { displayPath } from './io.js';
import { crashGuard } from './crash-guard.js';
import { runFullScreen } from './full-screen.js';
import { EXIT, type Shell } from './shell.js';
import { fileTuiIo, isFolder } from './tui-io.js';

/** What the TUI opens with: the picker's files, and the model to open at once when one file was given. */
interface Opening {
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly open?: string;
}

function opening(input: string | undefined): Opening {
  const io = fileTuiIo();
  if (input === undefined) return { ...io.modelFiles(), open: undefined };
  if (isFolder(input)) return io.modelFiles(input);
  const file = displayPath(input);
  return { files: [file], diagnostics: [], open: file };
}

export function isInteractive(shell: Shell): boolean {
  return Boolean(shell.stdin.isTTY && shell.stdout.isTTY) && shell.env.TERM !== 'dumb';
}

export async function openTui(shell: Shell, input: string | undefined, policyFile?: string | boolean): Promise<void> {
  const start = opening(input);
  // An invalid policy is reported like an invalid model (exit 2), before the screen changes.
  const policy = choosePolicy(shell, policyFile);
  if (!isInteractive(shell)) {
    summarise(shell, start);
    return;
  }
  const code = await runFullScreen(
    process,
    process,
    async () => {
      // Ink and React load only when the TUI opens: the other commands start faster without them.
      // React's development build checks every render; a terminal user needs none of that.
      process.env.NODE_ENV ??= 'production';
      const { launchTui } = await import('../tui/launch.js');
      return () =>
        launchTui({
          stdin: process.stdin,
          stdout: process.stdout,
          stderr: process.stderr,
          io: fileTuiIo(),
          files: start.files,
          diagnostics: start.diagnostics,
          open: start.open,
          color: shell.color ?? colorWanted(true, shell.env),
          check: { policy, today: new Date().toISOString().slice(0, 10) },
        });
    },
    crashGuard,
  );
  if (code !== 0) shell.exitCode = code;
}

function summarise(shell: Shell, start: Opening): void {
  const file = start.open ?? defaultModelFile(start.files);
  if (file === undefined) {
    for (const d of start.diagnostics) shell.stderr.write(`${formatDiagnostic(d)}\n`);
    shell.stdout.write('No model found. Give one: leakradius tui <model.yaml>, or see leakradius --help\n');
    if (start.diagnostics.length > 0) shell.exitCode = EXIT.invalid;
    return;
  }
  printSummary(shell, file);
  shell.stdout.write(NOT_A_TERMINAL);
}

export const NOT_A_TERMINAL =
  '\nThe interactive view needs a terminal for input and output. In scripts and CI use `leakradius check` (the CI gate) or `leakradius simulate` (one leak).\n';
