/** Every command of the command line, one module each. */
import type { CommandModule } from 'yargs';
import type { Shell } from '../shell.js';
import { checkCommand } from './check.js';
import { chokepointsCommand } from './chokepoints.js';
import { delegationCommand } from './delegation.js';
import { exposureCommand } from './exposure.js';
import { generateCommand } from './generate.js';
import { graphCommand } from './graph.js';
import { importCommand } from './import.js';
import { kindsCommand } from './kinds.js';
import { policyCommand } from './policy.js';
import { recommendCommand } from './recommend.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { schemaCommand } from './schema.js';
import { simulateCommand } from './simulate.js';
import { tuiCommand } from './tui.js';
import { validateCommand } from './validate.js';

type AnyCommand = CommandModule<object, never>;

export function commands(shell: Shell): AnyCommand[] {
  return [
    validateCommand(shell),
    schemaCommand(shell),
    graphCommand(shell),
    simulateCommand(shell),
    delegationCommand(shell),
    exposureCommand(shell),
    recommendCommand(shell),
    chokepointsCommand(shell),
    reportCommand(shell),
    kindsCommand(shell),
    checkCommand(shell),
    rulesCommand(shell),
    policyCommand(shell),
    tuiCommand(shell),
    generateCommand(shell),
    importCommand(shell),
  ] as unknown as AnyCommand[];
}
