/**
 * The command-line shell: parses arguments with yargs and hands each command
 * to its module under ./commands. Exit codes: 0 fine, 1 findings (check),
 * 2 invalid input or usage, 3 a fault in leakradius. Never a stack trace.
 *
 * Order matters: yargs parses and validates every argument (unknown options,
 * choices, missing values) before a command's handler runs, so a usage
 * mistake never leaves a written file behind. A failed validation throws out
 * of yargs; it never returns to run the handler.
 */
import yargs, { type Argv, type CommandModule } from 'yargs';
import { InputError } from '../yaml/diagnostic.js';
import { didYouMean, quote } from '../model/messages.js';
import { safeInline, safeText } from '../reports/terminal.js';
import { EXIT, UsageError, reportInvalid, type Shell } from './shell.js';
import { commands } from './commands/index.js';
import { openTui } from './tui.js';

const DESCRIPTION =
  'Threat-model the credentials of AI agents: leaked-token blast radius, revocation lag, recommendations and a CI gate.';

/** A usage mistake found by yargs itself (unknown option, bad choice, missing value). */
class ArgumentError extends UsageError {}

export async function runCli(argv: readonly string[], shell: Shell): Promise<number> {
  if (argv.length === 0) return runFrontDoor(shell);
  const unknown = unknownCommand(argv[0], shell);
  if (unknown !== undefined) {
    shell.stderr.write(`leakradius: ${unknown}\nRun \`leakradius --help\` for the commands.\n`);
    return EXIT.invalid;
  }
  try {
    await parser(argv, shell).parseAsync();
  } catch (error) {
    return reportFailure(shell, error);
  }
  return shell.exitCode;
}

/** The message for a first word that is neither an option nor a command, or undefined. */
function unknownCommand(word: string, shell: Shell): string | undefined {
  if (word.startsWith('-')) return undefined;
  const known = commands(shell).map((c) => String(c.command).split(' ')[0]);
  return known.includes(word) ? undefined : `unknown command ${quote(word)}${didYouMean(word, known)}`;
}

/** yargs, strict: every command, global option and the help. Validation failures throw an ArgumentError. */
function parser(argv: readonly string[], shell: Shell): Argv {
  return (
    yargs([...argv])
      .scriptName('leakradius')
      .usage(`$0 <command> [options]\n\n${DESCRIPTION}`)
      // yargs cannot type an array of commands with different arguments (yargs#2211).
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .command(commands(shell) as CommandModule<object, any>[])
      .demandCommand(1, 'give a command (leakradius --help lists them), or none to open the default model')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(100, shell.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((message, error) => {
        // A handler's own error comes through here too: pass it on unchanged.
        if (error) throw error;
        throw new ArgumentError(message ?? 'invalid usage');
      })
  );
}

/** Reports what ended a command early and returns its exit code. */
function reportFailure(shell: Shell, error: unknown): number {
  if (error instanceof InputError) {
    reportInvalid(shell, error);
    return shell.exitCode;
  }
  if (error instanceof UsageError) {
    // yargs's own messages span lines ("Invalid values:\n  Argument: ..."): keep the lines, escape the rest.
    const message = error instanceof ArgumentError ? safeText(error.message) : safeInline(error.message);
    shell.stderr.write(`leakradius: ${message}\nRun \`leakradius --help\` for usage.\n`);
    return EXIT.invalid;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Cut: a fault's message may carry a value from the input, of any length.
  const cut = message.length > 500 ? `${message.slice(0, 500)}…` : message;
  shell.stderr.write(`leakradius: internal error: ${safeInline(cut)}\n`);
  shell.stderr.write('This is a fault in leakradius, not in your input; please report it with the command you ran.\n');
  return EXIT.internal;
}

async function runFrontDoor(shell: Shell): Promise<number> {
  try {
    await openTui(shell, undefined);
  } catch (error) {
    if (error instanceof InputError) reportInvalid(shell, error);
    else throw error;
  }
  return shell.exitCode;
}

export async function main(argv: readonly string[]): Promise<void> {
  const shell: Shell = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    exitCode: EXIT.ok,
  };
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(shell.exitCode); // the reader went away (| head): not an error
  });
  const code = await runCli(argv, shell);
  process.exitCode = code;
}
