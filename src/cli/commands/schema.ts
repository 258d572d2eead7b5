import type { CommandModule } from 'yargs';
import { modelJsonSchema } from '../../model/schema.js';
import { scenarioJsonSchema } from '../../model/scenario.js';
import { schemaReference } from '../../reports/schema-doc.js';
import type { Shell } from '../shell.js';

interface Args {
  scenario: boolean;
  format: 'json' | 'markdown';
}

export function schemaCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the model format (for editors: # yaml-language-server: $schema=...)',
    builder: (y) =>
      y
        .option('scenario', {
          type: 'boolean',
          default: false,
          describe: 'the scenario format instead of the model format',
        })
        .option('format', {
          choices: ['json', 'markdown'] as const,
          default: 'json' as const,
          describe: 'JSON Schema, or the field reference as a Markdown table',
        })
        .example(
          '$0 schema > model.schema.json',
          'for completion in editors (# yaml-language-server: $schema=model.schema.json)',
        )
        .example('$0 schema --format markdown', 'the field reference') as never,
    handler: (args) => {
      const schema = args.scenario ? scenarioJsonSchema() : modelJsonSchema();
      shell.stdout.write(args.format === 'markdown' ? schemaReference(schema) : `${JSON.stringify(schema, null, 2)}\n`);
    },
  };
}
