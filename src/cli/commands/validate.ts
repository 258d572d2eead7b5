import type { CommandModule } from 'yargs';
import { locate } from '../../model/load.js';
import { loadPolicy } from '../../model/policy.js';
import { acceptancesOfUnknownRules, modelAcceptances, policyAcceptances } from '../../analyses/check/acceptance.js';
import { RULE_IDS } from '../../analyses/rules/index.js';
import { parseScenario, scenarioProblems } from '../../model/scenario.js';
import { diagnosticsJson, formatDiagnostic } from '../../reports/diagnostics.js';
import { safeInline, type Style } from '../../reports/terminal.js';
import type { Diagnostic } from '../../yaml/diagnostic.js';
import { FILTER_OPTIONS, collectInputFiles, noteSkipped, type InputKind } from '../inputs.js';
import { loadModelFile, readSource, scenarioModelFile } from '../io.js';
import { EXIT, styleFor, type Shell } from '../shell.js';
import { jsonReport } from '../../reports/json.js';

interface Args {
  inputs: string[];
  include?: string[];
  exclude?: string[];
  format: 'text' | 'json';
  allowModelOutside: boolean;
}

interface Checked {
  readonly file: string;
  readonly kind: InputKind;
  readonly diagnostics: Diagnostic[];
  /** One line on what the file holds, when it is valid. */
  readonly summary: string;
}

export function validateCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'validate <inputs..>',
    describe: 'Parse and validate model, scenario and policy files (or folders of them); exit 0 when all are valid',
    builder: (y) =>
      y
        .positional('inputs', {
          type: 'string',
          array: true,
          demandOption: true,
          default: undefined,
          describe: 'model, scenario or policy files, or folders of them (one or more)',
        })
        .option('format', {
          choices: ['text', 'json'] as const,
          default: 'text' as const,
          describe: 'output format',
        })
        .option('allow-model-outside', {
          type: 'boolean',
          default: false,
          describe: "let a scenario's model lie outside the scenario's repository",
        })
        .options(FILTER_OPTIONS)
        .example('$0 validate models/', 'every model, scenario and policy under models/')
        .example("$0 validate models/ --exclude 'drafts/**'", 'leave a folder out') as never,
    handler: (args) => {
      const found = collectInputFiles(args.inputs, args);
      const { files, skipped } = found;
      const missing = [...found.diagnostics, ...found.empty];
      if (args.format === 'text') noteSkipped(shell, skipped);
      const checked = files.map(({ file, kind }) => checkFile(file, kind, args.allowModelOutside));
      const failed = checked.filter((c) => c.diagnostics.length > 0);
      if (args.format === 'json') {
        const report = {
          valid: failed.length === 0 && missing.length === 0,
          files: checked.map((c) => ({
            file: c.file,
            kind: c.kind,
            valid: c.diagnostics.length === 0,
            diagnostics: diagnosticsJson(c.diagnostics),
          })),
          errors: diagnosticsJson(missing),
          skipped,
        };
        shell.stdout.write(jsonReport(report));
      } else {
        printText(shell, styleFor(shell), checked, missing);
      }
      shell.exitCode = failed.length === 0 && missing.length === 0 ? EXIT.ok : EXIT.invalid;
    },
  };
}

function printText(shell: Shell, style: Style, checked: readonly Checked[], missing: readonly Diagnostic[]): void {
  for (const d of missing) shell.stderr.write(`${formatDiagnostic(d)}\n`);
  for (const c of checked) {
    if (c.diagnostics.length === 0) shell.stdout.write(`${safeInline(c.file)}: ${style.green('valid')} ${c.summary}\n`);
    for (const d of c.diagnostics) shell.stderr.write(`${formatDiagnostic(d)}\n`);
  }
  const errors = missing.length + checked.reduce((n, c) => n + c.diagnostics.length, 0);
  const valid = checked.filter((c) => c.diagnostics.length === 0).length;
  const invalid = checked.length - valid;
  shell.stdout.write(
    errors === 0
      ? `${valid} file(s) valid\n`
      : `${style.red(`${errors} error(s)`)}: ${invalid} file(s) invalid, ${valid} valid\n`,
  );
}

function checkFile(file: string, kind: InputKind, anywhere: boolean): Checked {
  if (kind === 'scenario') return checkScenario(file, anywhere);
  if (kind === 'policy') return checkPolicy(file);
  const result = loadModelFile(file);
  if (!result.ok) return { file, kind, diagnostics: result.diagnostics, summary: '' };
  const unknownRules = acceptancesOfUnknownRules(modelAcceptances(result.loaded), RULE_IDS);
  if (unknownRules.length > 0) return { file, kind, diagnostics: unknownRules, summary: '' };
  const m = result.loaded.model;
  return {
    file,
    kind,
    diagnostics: [],
    summary: `(${m.agents.length} agents, ${m.tools.length} tools, ${m.resources.length} resources, ${m.credentials.length} credentials, ${m.workflows.length} workflows)`,
  };
}

function checkPolicy(file: string): Checked {
  const source = readSource(file);
  if (!source.ok) return { file, kind: 'policy', diagnostics: source.diagnostics, summary: '' };
  const result = loadPolicy(file, source.text, RULE_IDS);
  if (!result.ok) return { file, kind: 'policy', diagnostics: result.diagnostics, summary: '' };
  const unknownRules = acceptancesOfUnknownRules(policyAcceptances(result.policy), RULE_IDS);
  return { file, kind: 'policy', diagnostics: unknownRules, summary: unknownRules.length > 0 ? '' : '(policy)' };
}

/** A scenario is valid when it parses, its model is valid, and it names what the model has. */
function checkScenario(file: string, anywhere: boolean): Checked {
  const fail = (diagnostics: Diagnostic[]): Checked => ({ file, kind: 'scenario', diagnostics, summary: '' });
  const source = readSource(file);
  if (!source.ok) return fail(source.diagnostics);
  const parsed = parseScenario(file, source.text);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const named = scenarioModelFile(file, parsed.scenario.model, anywhere);
  if (!named.ok) return fail([{ file, ...parsed.sourceMap.locate(['model']), message: named.message, path: 'model' }]);
  const modelFile = named.file;
  const model = loadModelFile(modelFile);
  if (!model.ok) {
    const where = parsed.sourceMap.locate(['model']);
    return fail([
      {
        file,
        ...where,
        message: `its model ${modelFile} is invalid (run leakradius validate ${modelFile})`,
        path: 'model',
      },
    ]);
  }
  const problems = scenarioProblems(parsed.scenario, model.loaded.model);
  if (problems.length > 0) return fail(locate(file, parsed.sourceMap, problems));
  return {
    file,
    kind: 'scenario',
    diagnostics: [],
    summary: `(scenario: leak of ${parsed.scenario.leak.credential} in ${modelFile})`,
  };
}
