import type { CommandModule } from 'yargs';
import { modelJsonSchema } from '../../model/schema.js';
import { scenarioJsonSchema } from '../../model/scenario.js';
import type { Shell } from '../shell.js';

interface Args {
  scenario: boolean;
}

export function schemaCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the model format (for editors: # yaml-language-server: $schema=...)',
    builder: (y) => y.option('scenario', { type: 'boolean', default: false, describe: 'print the scenario format instead' }) as never,
    handler: (args) => {
      shell.stdout.write(`${JSON.stringify(args.scenario ? scenarioJsonSchema() : modelJsonSchema(), null, 2)}\n`);
    },
  };
}
