import type { CommandModule } from 'yargs';
import { reportData } from '../../analyses/organisation/report-data.js';
import { reportHtml } from '../../reports/html/report.js';
import { InputError } from '../../yaml/diagnostic.js';
import { FILTER_OPTIONS, collectModelFiles, noteSkipped } from '../inputs.js';
import { Outputs, loadModelFile } from '../io.js';
import { packageVersion } from '../version.js';
import { POLICY_OPTION, choosePolicy } from '../policy-file.js';
import { safeInline } from '../../reports/terminal.js';
import { UsageError, emit, type Shell } from '../shell.js';
import { MAX_RECOMMENDED_CREDENTIALS } from '../../tui/recommender.js';

// The limit the interactive view uses too: above it, each candidate re-running the whole model takes minutes.
const RECOMMEND_AUTO_LIMIT = MAX_RECOMMENDED_CREDENTIALS;

interface Args {
  inputs: string[];
  out?: string;
  recommendations: 'auto' | 'on' | 'off';
  policy?: string | boolean;
  include?: string[];
  exclude?: string[];
  today?: string;
}

export function reportCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'report <inputs..>',
    describe:
      'Write one self-contained HTML report (no network needed): summary and risk, the graph with each credential’s blast radius, timelines, findings, recommendations',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'model files or folders' })
        .option('out', { alias: ['output', 'o'], type: 'string', describe: 'the HTML file to write (default stdout)' })
        .option('recommendations', {
          choices: ['auto', 'on', 'off'] as const,
          default: 'auto' as const,
          describe: `auto: only for models of at most ${RECOMMEND_AUTO_LIMIT} credentials (they grow about quadratically)`,
        })
        .option('policy', POLICY_OPTION)
        .options(FILTER_OPTIONS)
        .option('today', {
          type: 'string',
          describe: 'judge acceptance expiry as of this date (YYYY-MM-DD; default: today, UTC)',
        })
        .example(
          '$0 report models/ --out report.html',
          'one page to open in a browser, or to attach to a review',
        ) as never,
    handler: (args) => {
      const today = args.today ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
        throw new UsageError(`--today must be a date such as 2025-06-30, not ${JSON.stringify(args.today)}`);
      const outputs = new Outputs([...args.inputs, ...(typeof args.policy === 'string' ? [args.policy] : [])]);
      outputs.claim(args.out, '--out', { what: 'the report' });
      const policy = choosePolicy(shell, args.policy);
      if (policy.file !== undefined) outputs.addInput(policy.file);
      const { files, skipped, diagnostics } = collectModelFiles(args.inputs, args);
      noteSkipped(shell, skipped);
      if (diagnostics.length > 0) throw new InputError(diagnostics);
      if (files.length === 0) throw new UsageError('no model file found in the inputs');
      const models = files.map((file) => {
        const loaded = loadModelFile(file);
        if (!loaded.ok) throw new InputError(loaded.diagnostics);
        const credentials = loaded.loaded.model.credentials.length;
        const on =
          args.recommendations === 'on' || (args.recommendations === 'auto' && credentials <= RECOMMEND_AUTO_LIMIT);
        const skippedBecause =
          args.recommendations === 'off'
            ? 'turned off (--recommendations off)'
            : `the model has ${credentials} credentials, more than the ${RECOMMEND_AUTO_LIMIT} at which the report computes them on its own (every candidate change re-runs the whole model); --recommendations on computes them`;
        return reportData(file, loaded.loaded, { policy, today, recommendations: on, skippedBecause });
      });
      emit(shell, outputs, reportHtml(models, packageVersion()), args.out);
      if (args.out !== undefined && args.out !== '-')
        shell.stderr.write(
          `leakradius: wrote ${safeInline(args.out)} (${models.length} model${models.length === 1 ? '' : 's'})\n`,
        );
    },
  };
}
