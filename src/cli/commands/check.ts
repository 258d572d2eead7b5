import type { CommandModule } from 'yargs';
import { parseBaseline, type Baseline } from '../../analyses/check/baseline.js';
import { acceptancesOfUnknownRules, modelAcceptances, policyAcceptances } from '../../analyses/check/acceptance.js';
import { runCheck } from '../../analyses/check/engine.js';
import { RULE_IDS } from '../../analyses/rules/index.js';
import { SEVERITIES, type Severity } from '../../model/policy.js';
import { CHECK_FORMATS, renderCheck, type CheckFormat } from '../../reports/check/index.js';
import { checkMarkdown } from '../../reports/check/markdown.js';
import { safeInline } from '../../reports/terminal.js';
import { createStyle } from '../../reports/terminal.js';
import { InputError } from '../../yaml/diagnostic.js';
import type { ModelOnly } from '../../model/load.js';
import { FILTER_OPTIONS, noteSkipped, type InputFilter } from '../inputs.js';
import { loadInputs } from '../configurations.js';
import { Outputs, appendText, describeFsError, displayPath, readSource, repositoryPath, repositoryUri } from '../io.js';
import { POLICY_OPTION, choosePolicy } from '../policy-file.js';
import { packageVersion } from '../version.js';
import { EXIT, UsageError, emit, isStdout, styleFor, type Shell } from '../shell.js';

interface Args {
  inputs: string[];
  policy?: string | boolean;
  include?: string[];
  exclude?: string[];
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
          default: undefined,
          describe: 'model files, configuration files or folders (one or more)',
        })
        .option('policy', POLICY_OPTION)
        .options(FILTER_OPTIONS)
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
        })
        .example('$0 check models/', 'the gate: exit 1 on findings at or above high')
        .example('$0 check models/ --format github', 'in GitHub Actions: annotations on the pull request')
        .example(
          "$0 check . --exclude 'k8s/**' --fail-on critical",
          'a repository, its manifests left out, failing on critical only',
        ) as never,
    handler: (args) => {
      const today = args.today ?? new Date().toISOString().slice(0, 10);
      if (!isDate(today))
        throw new UsageError(`--today must be a date such as 2025-06-30, not ${JSON.stringify(args.today)}`);
      // Folders count as inputs whole: the report never replaces a file the command may read in them.
      const named = [args.policy, args.baseline].filter((f): f is string => typeof f === 'string');
      const outputs = new Outputs([...args.inputs, ...named]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      const policy = choosePolicy(shell, args.policy);
      if (policy.file !== undefined) outputs.addInput(policy.file);
      const baseline = args.baseline === undefined ? undefined : requireBaseline(args.baseline);
      const models = requireModels(shell, args.inputs, args);
      const accepted = [...policyAcceptances(policy), ...models.flatMap(modelAcceptances)];
      const unknownRules = acceptancesOfUnknownRules(accepted, RULE_IDS);
      if (unknownRules.length > 0) throw new InputError(unknownRules);
      const report = runCheck(models, {
        policy,
        today,
        failOn: args.failOn,
        strict: args.strict,
        baseline,
        risk: args.format === 'json',
      });
      const text = renderCheck(report, args.format, {
        style: isStdout(args.output) ? styleFor(shell) : createStyle(false), // never colour in a file
        version: packageVersion(),
        uriFor: oncePerFile(repositoryUri),
        pathFor: oncePerFile(repositoryPath),
      });
      emit(shell, outputs, text, args.output);
      const summary = shell.env.GITHUB_STEP_SUMMARY;
      if (args.format === 'github' && summary) writeJobSummary(shell, summary, checkMarkdown(report));
      shell.exitCode = report.failed ? EXIT.findings : EXIT.ok;
    },
  };
}

/** Asked once per finding, answered once per model file. */
function oncePerFile(answer: (file: string) => string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let value = known.get(file);
    if (value === undefined) known.set(file, (value = answer(file)));
    return value;
  };
}

/** GitHub's job summary: a failure to write it is reported, and the gate's verdict stands. */
function writeJobSummary(shell: Shell, file: string, markdown: string): void {
  try {
    appendText(file, `${markdown}\n`);
  } catch (error) {
    shell.stderr.write(
      `leakradius: cannot write the job summary to $GITHUB_STEP_SUMMARY (${safeInline(describeFsError(error))})\n`,
    );
  }
}

/** Every model (configurations imported as one more), or every diagnostic of every input that is neither (exit 2). */
function requireModels(shell: Shell, inputs: readonly string[], filter: InputFilter): ModelOnly[] {
  const { models, skipped, diagnostics } = loadInputs(inputs, filter);
  noteSkipped(shell, skipped, 'leakradius models or configurations it imports');
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return models;
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
