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
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../yaml/diagnostic.js';
import { didYouMean, quote } from '../model/messages.js';
import { safeInline, safeText } from '../reports/terminal.js';
import { EXIT, UsageError, reportInvalid, type Shell } from './shell.js';
import { COMMAND_NAMES, commands, type AnyCommand } from './commands/index.js';
import { packageVersion } from './version.js';

const DESCRIPTION =
  'Threat-model the credentials of AI agents: leaked-token blast radius, revocation lag, recommendations and a CI gate.';

/** A usage mistake found by yargs itself (unknown option, bad choice, missing value). */
class ArgumentError extends UsageError {}

export async function runCli(argv: readonly string[], shell: Shell): Promise<number> {
  if (argv.length === 0) return runFrontDoor(shell);
  const unknown = unknownCommand(argv[0]);
  if (unknown !== undefined) {
    shell.stderr.write(`leakradius: ${unknown}\nRun \`leakradius --help\` for the commands.\n`);
    return EXIT.invalid;
  }
  // The version alone needs no argument parser (yargs takes longer to load than the rest of the start).
  if (argv.length === 1 && argv[0] === '--version') {
    shell.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  try {
    // With a callback, yargs hands its own output (help, version, completions) here instead of to the console.
    await (
      await parser(argv, shell)
    ).parseAsync([...argv], {}, (_error, _args, output) => {
      if (output) shell.stdout.write(`${output}\n`);
    });
  } catch (error) {
    return reportFailure(shell, error);
  }
  return shell.exitCode;
}

/** The message for a first word that is neither an option nor a command, or undefined. */
function unknownCommand(word: string): string | undefined {
  if (word.startsWith('-')) return undefined;
  const known = [...COMMAND_NAMES, 'completion'];
  return known.includes(word) ? undefined : `unknown command ${quote(word)}${didYouMean(word, known)}`;
}

/** yargs, strict: every command, global option and the help. Validation failures throw an ArgumentError. */
async function parser(argv: readonly string[], shell: Shell): Promise<Argv> {
  // Imported only now, with the one command named (every command for the help or completions).
  const { default: yargs } = await import('yargs');
  const named = await commands(shell, COMMAND_NAMES.includes(argv[0]) ? [argv[0]] : COMMAND_NAMES);
  const y: Argv = yargs([...argv])
    .scriptName('leakradius')
    .usage(`$0 <command> [options]\n\n${DESCRIPTION}`)
    // yargs cannot type an array of commands with different arguments (yargs#2211).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    .command([...named, completionCommand(() => y)].map(withoutVersion) as CommandModule<object, any>[])
    .option('color', {
      type: 'boolean',
      global: true,
      describe: 'colour the output (--no-color: never); default: on a terminal, unless NO_COLOR is set',
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      global: true,
      describe: 'no notes on stderr (which policy was used, which files were skipped); errors still show',
    })
    .middleware((args) => {
      if (typeof args.color === 'boolean') shell.color = args.color;
      if (args.quiet === true) shell.quiet = true;
    })
    .group(['color', 'quiet', 'help'], 'Global options:')
    .demandCommand(1, 'give a command (leakradius --help lists them), or none to open the default model')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(100, shell.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // A handler's own error comes through here too: pass it on unchanged.
      if (error) throw error;
      throw new ArgumentError(message ?? 'invalid usage');
    });
  return y;
}

/** `leakradius completion`: yargs's completion script for bash or zsh (from $SHELL), answered by this parser. */
function completionCommand(parser: () => Argv): AnyCommand {
  const command: CommandModule = {
    command: 'completion',
    describe: 'Print a shell completion script (bash or zsh, from $SHELL) to add to your shell profile',
    builder: (y) =>
      y
        .example('$0 completion >> ~/.bashrc', 'complete commands and options in bash')
        .example('SHELL=zsh $0 completion >> ~/.zshrc', 'in zsh'),
    handler: () => {
      // The types lag behind yargs: showCompletionScript takes the program name and the command.
      (parser().showCompletionScript as (name: string, command: string) => unknown)('leakradius', 'completion');
    },
  };
  return command as unknown as AnyCommand;
}

/** `--version` belongs to leakradius, not to each command: kept out of the commands' help. */
function withoutVersion(command: AnyCommand): AnyCommand {
  const builder = command.builder;
  const hidden = (y: Argv) => (typeof builder === 'function' ? (builder(y) as Argv) : y).hide('version');
  return { ...command, builder: hidden as AnyCommand['builder'] };
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
    const { openTui } = await import('./tui.js');
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
