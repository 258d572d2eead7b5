/**
 * The command-line shell: parses arguments with yargs and hands each command
 * to its module under ./commands. Exit codes: 0 fine, 1 findings (check),
 * 2 invalid input or usage, 3 a fault in leakradius. Never a stack trace.
 */
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../yaml/diagnostic.js';
import { didYouMean, quote } from '../model/messages.js';
import { safeInline } from '../reports/terminal.js';
import { packageVersion } from './io.js';
import { EXIT, UsageError, reportInvalid, type Shell } from './shell.js';
import { COMMAND_NAMES, commands } from './commands/index.js';

export async function runCli(argv: readonly string[], shell: Shell): Promise<number> {
  if (argv.length === 0) return runFrontDoor(shell);
  const known = COMMAND_NAMES;
  if (!argv[0].startsWith('-') && !known.includes(argv[0])) {
    shell.stderr.write(
      `leakradius: unknown command ${quote(argv[0])}${didYouMean(argv[0], known)}\nRun \`leakradius --help\` for the commands.\n`,
    );
    return EXIT.invalid;
  }
  // The version alone needs no argument parser (yargs takes longer to load than the rest of the start).
  if (argv.length === 1 && argv[0] === '--version') {
    shell.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const { default: yargs } = await import('yargs');
  let usageFailure: string | undefined;
  const parser: Argv = yargs([...argv])
    .scriptName('leakradius')
    .usage(
      '$0 <command> [options]\n\nThreat-model the credentials of AI agents: leaked-token blast radius, revocation lag, recommendations and a CI gate.',
    )
    // yargs cannot type an array of commands with different arguments (yargs#2211).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    .command((await commands(shell, commandsFor(argv))) as CommandModule<object, any>[])
    .demandCommand(1, 'give a command (leakradius --help lists them), or none to open the default model')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, shell.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      usageFailure = message ?? 'invalid usage';
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof InputError) {
      reportInvalid(shell, error);
      return shell.exitCode;
    }
    if (error instanceof UsageError) usageFailure = error.message;
    else {
      shell.stderr.write(
        `leakradius: internal error: ${safeInline(error instanceof Error ? error.message : String(error))}\n`,
      );
      shell.stderr.write(
        'This is a fault in leakradius, not in your input; please report it with the command you ran.\n',
      );
      return EXIT.internal;
    }
  }
  if (usageFailure !== undefined) {
    shell.stderr.write(`leakradius: ${safeInline(usageFailure)}\nRun \`leakradius --help\` for usage.\n`);
    return EXIT.invalid;
  }
  return shell.exitCode;
}

/** The commands yargs must know for these arguments: the one named, else all (for help). */
function commandsFor(argv: readonly string[]): readonly string[] {
  return COMMAND_NAMES.includes(argv[0]) ? [argv[0]] : COMMAND_NAMES;
}

async function runFrontDoor(shell: Shell): Promise<number> {
  const { openTui } = await import('./tui.js');
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
