import type { CommandModule } from 'yargs';
import { recommend } from '../../analyses/recommendations/index.js';
import { loadModel } from '../../model/load.js';
import {
  recommendationsJson,
  recommendationsPatch,
  recommendationsText,
  writtenModel,
} from '../../reports/recommendations.js';
import { safeInline } from '../../reports/terminal.js';
import { InputError } from '../../yaml/diagnostic.js';
import { Outputs, displayPath, readSource } from '../io.js';
import { UsageError, emit, styleFor, type Shell } from '../shell.js';
import { jsonReport } from '../../reports/json.js';

interface Args {
  model: string;
  format: 'text' | 'json' | 'yaml-patch';
  write?: string;
  force: boolean;
  output?: string;
}

export function recommendCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'recommend <model>',
    describe:
      'Recommend TTL, scope, binding, revocation, segmentation, delegation, approval and harvest-path changes, each measured by re-running the simulation',
    builder: (y) =>
      y
        .positional('model', { type: 'string', demandOption: true, describe: 'a model file' })
        .option('format', {
          choices: ['text', 'json', 'yaml-patch'] as const,
          default: 'text' as const,
          describe: 'yaml-patch: the combined change as RFC 6902 operations on the file',
        })
        .option('write', { type: 'string', describe: 'write the model with all recommendations applied to this file' })
        .option('force', { type: 'boolean', default: false, describe: 'allow --write to overwrite the input model' })
        .option('output', {
          alias: 'o',
          type: 'string',
          describe: 'write the report to this file instead of stdout',
        })
        .example('$0 recommend models/coding-agent.yaml', 'what to change, each change measured')
        .example(
          '$0 recommend models/coding-agent.yaml --write hardened.yaml',
          'write the model with them all applied',
        ) as never,
    handler: (args) => {
      const file = displayPath(args.model);
      if (args.write === '' || args.write === '-') throw new UsageError('--write needs a file name');
      const outputs = new Outputs([file]);
      outputs.claim(args.write, '--write', { replaceInput: args.force, what: 'the changed model', force: '--force' });
      outputs.claim(args.output, '--output', { what: 'the report' });
      const source = readSource(file);
      if (!source.ok) throw new InputError(source.diagnostics);
      const loaded = loadModel(file, source.text);
      if (!loaded.ok) throw new InputError(loaded.diagnostics);

      const result = recommend(loaded.loaded);
      if (args.write !== undefined) {
        const { text, commentsKept } = writtenModel(source.text, result);
        // The written model must load exactly as `leakradius validate` would load it.
        const check = loadModel(displayPath(args.write), text);
        if (!check.ok)
          throw new Error(`the changed model does not validate: ${check.diagnostics.map((d) => d.message).join('; ')}`);
        outputs.write(args.write, text, { modeFrom: file });
        const kept = commentsKept
          ? 'comments and layout kept'
          : 'written afresh: comments other than the leading block are not kept';
        shell.stderr.write(
          `leakradius: wrote ${safeInline(displayPath(args.write))} with ${result.combined.applied.length} recommendation(s) applied (${kept})\n`,
        );
      }
      const report =
        args.format === 'json'
          ? jsonReport(recommendationsJson(result, file))
          : args.format === 'yaml-patch'
            ? recommendationsPatch(result, file)
            : recommendationsText(result, file, styleFor(shell), shell.stdout.columns ?? 80);
      emit(shell, outputs, report, args.output);
    },
  };
}
