import type { CommandModule } from 'yargs';
import { chokepoints } from '../../analyses/chokepoints/index.js';
import { chokepointsJson, chokepointsText } from '../../reports/chokepoints.js';
import { jsonReport } from '../../reports/json.js';
import { Outputs, displayPath, requireModel } from '../io.js';
import { UsageError, emit, styleFor, type Shell } from '../shell.js';

interface Args {
  model: string;
  format: 'text' | 'json';
  limit: number;
  candidates?: number;
  sample: number;
  output?: string;
}

export function chokepointsCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'chokepoints <model>',
    describe:
      'Where to cut: the elements through which the most risk flows, each cut measured by re-running the simulation',
    builder: (y) =>
      y
        .positional('model', { type: 'string', demandOption: true, describe: 'a model file' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .option('limit', { type: 'number', default: 5, describe: 'how many chokepoints to name' })
        .option('candidates', { type: 'number', describe: 'how many cuts to measure (default 3 × --limit)' })
        .option('sample', {
          type: 'number',
          default: 1000,
          describe: 'read the flow off the worst-case leaks of this many riskiest credentials',
        })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example('$0 chokepoints models/coding-agent.yaml', 'the elements most of the risk flows through') as never,
    handler: (args) => {
      for (const [flag, value] of [
        ['--limit', args.limit],
        ['--candidates', args.candidates],
        ['--sample', args.sample],
      ] as const)
        if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 1_000_000))
          throw new UsageError(`${flag} must be a whole number from 1 to 1000000`);
      const file = displayPath(args.model);
      const outputs = new Outputs([args.model]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      const loaded = requireModel(args.model);
      const result = chokepoints(loaded, { limit: args.limit, candidates: args.candidates, sample: args.sample });
      const text =
        args.format === 'json'
          ? jsonReport(chokepointsJson(result, loaded.document, file))
          : chokepointsText(result, loaded.document, file, styleFor(shell));
      emit(shell, outputs, text, args.output);
    },
  };
}
