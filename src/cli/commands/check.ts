import type { CommandModule } from 'yargs';
import { parseBaseline, type Baseline } from '../../analyses/check/baseline.js';
import { runCheck } from '../../analyses/check/engine.js';
import { RULE_IDS } from '../../analyses/rules/index.js';
import { DEFAULT_POLICY, SEVERITIES, loadPolicy, type Policy, type Severity } from '../../model/policy.js';
import { CHECK_FORMATS, renderCheck, type CheckFormat } from '../../reports/check/index.js';
import { createStyle } from '../../reports/terminal.js';
import { InputError } from '../../yaml/diagnostic.js';
import type { LoadedModel } from '../../model/load.js';
import { loadInputs } from '../configurations.js';
import { displayPath, packageVersion, readSource, repositoryRoot, repositoryUri } from '../io.js';
import { EXIT, UsageError, emit, styleFor, type Shell } from '../shell.js';

interface Args {
  inputs: string[];
  policy?: string;
  format: CheckFormat;
  output?: string;
  failOn: Severity;
  baseline?: string;
  strict: boolean;
  today?: string;
}

export function checkCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'check <inputs..>',
    describe:
      'The CI gate: check model files, configurations (MCP, workflows, Kubernetes, agent cards) or folders against the rules; exit 1 on findings at or above --fail-on',
    builder: (y) =>
      y
        .positional('inputs', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'model files, configuration files or folders',
        })
        .option('policy', {
          type: 'string',
          describe: 'policy file (thresholds, rules, accepted risks); default: the built-in policy',
        })
        .option('format', { choices: CHECK_FORMATS, default: 'text' as const, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file instead of stdout' })
        .option('fail-on', {
          choices: SEVERITIES,
          default: 'high' as const,
          describe: 'fail on findings at or above this severity',
        })
        .option('baseline', {
          type: 'string',
          describe: 'an earlier JSON report: fail only on new findings and on credentials whose worst case grew',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe: 'also fail on acceptances that match no finding any more',
        })
        .option('today', {
          type: 'string',
          describe: 'judge acceptance expiry as of this date (YYYY-MM-DD; default: today, UTC)',
        }) as never,
    handler: (args) => {
      const today = args.today ?? new Date().toISOString().slice(0, 10);
      if (!isDate(today))
        throw new UsageError(`--today must be a date such as 2025-06-30, not ${JSON.stringify(args.today)}`);
      const policy = args.policy === undefined ? DEFAULT_POLICY : requirePolicy(args.policy);
      const baseline = args.baseline === undefined ? undefined : requireBaseline(args.baseline);
      const models = requireModels(args.inputs);
      const report = runCheck(models, {
        policy,
        today,
        failOn: args.failOn,
        strict: args.strict,
        baseline,
        risk: args.format === 'json',
      });
      const root = repositoryRoot();
      const uris = new Map<string, string>(); // one per model file, asked once per finding
      const text = renderCheck(report, args.format, {
        style: args.output === undefined || args.output === '-' ? styleFor(shell) : createStyle(false), // never colour in a file
        version: packageVersion(),
        uriFor: (file) => uris.get(file) ?? uris.set(file, repositoryUri(file, root)).get(file)!,
      });
      emit(shell, text, args.output);
      shell.exitCode = report.failed ? EXIT.findings : EXIT.ok;
    },
  };
}

/** Every model (configurations imported as one more), or every diagnostic of every input that is neither (exit 2). */
function requireModels(inputs: readonly string[]): LoadedModel[] {
  const { models, diagnostics } = loadInputs(inputs);
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return models;
}

export function requirePolicy(file: string): Policy {
  const shown = displayPath(file);
  const source = readSource(shown);
  if (!source.ok) throw new InputError(source.diagnostics);
  const result = loadPolicy(shown, source.text, RULE_IDS);
  if (!result.ok) throw new InputError(result.diagnostics);
  return result.policy;
}

function requireBaseline(file: string): Baseline {
  const shown = displayPath(file);
  const source = readSource(shown);
  if (!source.ok) throw new InputError(source.diagnostics);
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (error) {
    throw new InputError([
      {
        file: shown,
        line: 1,
        column: 1,
        message: `baseline: not JSON (${error instanceof Error ? error.message : String(error)})`,
      },
    ]);
  }
  const parsed = parseBaseline(value);
  if (!parsed.ok) throw new InputError([{ file: shown, line: 1, column: 1, message: `baseline: ${parsed.message}` }]);
  return parsed.baseline;
}

function isDate(text: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
