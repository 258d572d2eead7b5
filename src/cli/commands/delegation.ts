import type { CommandModule } from 'yargs';
import { prepareAnalysis } from '../../analyses/context.js';
import { DEFAULT_MAX_DEPTH, delegationChains } from '../../analyses/delegation/chains.js';
import { didYouMean, quote } from '../../model/messages.js';
import { delegationJson, delegationText } from '../../reports/delegation.js';
import { Outputs, requireModel } from '../io.js';
import { UsageError, emit, styleFor, type Shell } from '../shell.js';
import { jsonReport } from '../../reports/json.js';

interface Args {
  model: string;
  from?: string;
  maxDepth: number;
  format: 'text' | 'json';
  output?: string;
}

export function delegationCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'delegation <model>',
    describe:
      'List every delegation chain with the effective permissions at each hop, escalation, depth, loops and loss of attribution',
    builder: (y) =>
      y
        .positional('model', { type: 'string', demandOption: true, describe: 'a model file' })
        .option('from', { type: 'string', describe: 'only chains starting at this agent' })
        .option('max-depth', { type: 'number', default: DEFAULT_MAX_DEPTH, describe: 'deeper chains are flagged' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example('$0 delegation models/orchestrator.yaml --from orchestrator', 'the chains an agent starts') as never,
    handler: (args) => {
      const outputs = new Outputs([args.model]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      const loaded = requireModel(args.model);
      if (args.from !== undefined && !loaded.relations.agent.has(args.from)) {
        throw new UsageError(
          `unknown agent ${quote(args.from)}${didYouMean(args.from, loaded.relations.agent.keys())}`,
        );
      }
      if (!Number.isInteger(args.maxDepth) || args.maxDepth < 1)
        throw new UsageError('--max-depth must be a whole number of at least 1');
      const result = delegationChains(prepareAnalysis(loaded.model, loaded.relations), {
        from: args.from,
        maxDepth: args.maxDepth,
      });
      const text =
        args.format === 'json'
          ? jsonReport(delegationJson(result, args.maxDepth))
          : delegationText(result, args.maxDepth, styleFor(shell));
      emit(shell, outputs, text, args.output);
    },
  };
}
