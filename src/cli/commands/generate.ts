import type { CommandModule } from 'yargs';
import { MAX_GENERATED_AGENTS, generateModelYaml } from '../../model/generate.js';
import { safeInline } from '../../reports/terminal.js';
import { Outputs, isFile } from '../io.js';
import { UsageError, emit, type Shell } from '../shell.js';

interface Args {
  agents: number;
  seed: number;
  out?: string;
  force: boolean;
}

export function generateCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'generate',
    describe:
      'Write a synthetic organisation model of N agents (for benchmarks and scale tests); the same seed gives the same file',
    builder: (y) =>
      y
        .option('agents', {
          type: 'number',
          demandOption: true,
          describe: 'how many agents (about 5 credentials and 20 grants each)',
        })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the generator' })
        .option('out', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .option('force', { type: 'boolean', default: false, describe: 'overwrite the --out file if it exists' })
        .example('$0 generate --agents 1000 --out org.yaml', 'an organisation of 1,000 agents') as never,
    handler: (args) => {
      if (!Number.isInteger(args.agents) || args.agents < 1 || args.agents > MAX_GENERATED_AGENTS) {
        throw new UsageError(`--agents must be a whole number from 1 to ${MAX_GENERATED_AGENTS}`);
      }
      if (!Number.isInteger(args.seed) || args.seed < 0 || args.seed > 4294967295)
        throw new UsageError('--seed must be a whole number from 0 to 4294967295');
      const outputs = new Outputs([]);
      outputs.claim(args.out, '--out');
      if (args.out !== undefined && !args.force && isFile(args.out))
        throw new UsageError(`${safeInline(args.out)} already exists; pass --force to overwrite it`);
      emit(shell, outputs, generateModelYaml({ agents: args.agents, seed: args.seed }), args.out);
    },
  };
}
