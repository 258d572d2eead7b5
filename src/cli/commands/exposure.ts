import type { CommandModule } from 'yargs';
import { prepareAnalysis } from '../../analyses/context.js';
import { exposure, grantedActions } from '../../analyses/exposure/index.js';
import { didYouMean, quote, someOf } from '../../model/messages.js';
import { exposureJson, exposureText } from '../../reports/exposure.js';
import { jsonReport } from '../../reports/json.js';
import { Outputs, requireModel } from '../io.js';
import { UsageError, emit, styleFor, type Shell } from '../shell.js';

interface Args {
  model: string;
  target: string;
  format: 'text' | 'json';
  limit?: number;
  output?: string;
}

export function exposureCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'exposure <model> <target>',
    describe: 'Who reaches a resource: every credential, agent and tool whose worst-case leak reaches it, ranked',
    builder: (y) =>
      y
        .positional('model', { type: 'string', demandOption: true, describe: 'a model file' })
        .positional('target', {
          type: 'string',
          demandOption: true,
          describe: 'a resource id, or resource:action (e.g. prod-cluster:admin)',
        })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .option('limit', { type: 'number', describe: 'text: show at most this many sources (default all)' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example(
          '$0 exposure models/coding-agent.yaml prod-cluster:admin',
          'who reaches admin on the production cluster',
        ) as never,
    handler: (args) => {
      if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1))
        throw new UsageError('--limit must be a whole number of at least 1');
      const outputs = new Outputs([args.model]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      const loaded = requireModel(args.model);
      const ctx = prepareAnalysis(loaded.model, loaded.relations);
      const { resource, action } = parseTarget(
        args.target,
        loaded.model.resources.map((r) => r.id),
      );
      const actions = grantedActions(ctx, resource);
      if (action !== undefined && !actions.includes(action))
        throw new UsageError(
          `no credential grants ${quote(action)} on ${quote(resource)}${didYouMean(action, actions)}; granted: ${someOf(actions) || 'nothing'}`,
        );
      const result = exposure(ctx, { resource, action });
      const text =
        args.format === 'json'
          ? jsonReport(exposureJson(loaded.model.name, result))
          : exposureText(result, styleFor(shell), args.limit);
      emit(shell, outputs, text, args.output);
    },
  };
}

/** `resource` or `resource:action`; a resource id may itself hold a colon, so the longest known id wins. */
function parseTarget(target: string, resources: readonly string[]): { resource: string; action?: string } {
  if (resources.includes(target)) return { resource: target };
  const colon = target.lastIndexOf(':');
  if (colon > 0 && resources.includes(target.slice(0, colon)))
    return { resource: target.slice(0, colon), action: target.slice(colon + 1) };
  const name = colon > 0 ? target.slice(0, colon) : target;
  throw new UsageError(`unknown resource ${quote(name)}${didYouMean(name, resources)}`);
}
