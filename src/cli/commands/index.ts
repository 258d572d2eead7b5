/**
 * Every command of the command line, one module each. A module is imported
 * only when its command runs (or for the full `--help`), so that starting
 * leakradius costs what the command uses, not what every command uses.
 */
import type { CommandModule } from 'yargs';
import type { Shell } from '../shell.js';

export type AnyCommand = CommandModule<object, never>;
type CommandFactory = (shell: Shell) => unknown;

const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  validate: async () => (await import('./validate.js')).validateCommand,
  schema: async () => (await import('./schema.js')).schemaCommand,
  graph: async () => (await import('./graph.js')).graphCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  delegation: async () => (await import('./delegation.js')).delegationCommand,
  exposure: async () => (await import('./exposure.js')).exposureCommand,
  recommend: async () => (await import('./recommend.js')).recommendCommand,
  chokepoints: async () => (await import('./chokepoints.js')).chokepointsCommand,
  report: async () => (await import('./report.js')).reportCommand,
  kinds: async () => (await import('./kinds.js')).kindsCommand,
  check: async () => (await import('./check.js')).checkCommand,
  rules: async () => (await import('./rules.js')).rulesCommand,
  policy: async () => (await import('./policy.js')).policyCommand,
  tui: async () => (await import('./tui.js')).tuiCommand,
  generate: async () => (await import('./generate.js')).generateCommand,
  import: async () => (await import('./import.js')).importCommand,
};

/** The command names, in the order `--help` lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** The named commands (every one when `names` is omitted), in `--help` order. */
export async function commands(shell: Shell, names: readonly string[] = COMMAND_NAMES): Promise<AnyCommand[]> {
  const wanted = COMMAND_NAMES.filter((name) => names.includes(name));
  const factories = await Promise.all(wanted.map((name) => COMMANDS[name]()));
  return factories.map((factory) => factory(shell)) as AnyCommand[];
}
