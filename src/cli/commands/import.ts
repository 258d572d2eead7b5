import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { ImportResult } from '../../import/index.js';
import { planMerge, type MergePlan } from '../../import/merge.js';
import { loadModel } from '../../model/load.js';
import { importHeader, importReportJson, importReportText } from '../../reports/import.js';
import { changedModelText, modelYaml } from '../../reports/model-yaml.js';
import { InputError } from '../../yaml/diagnostic.js';
import { gatherConfigurations, importGathered } from '../configurations.js';
import { jsonReport } from '../../reports/json.js';
import { safeInline } from '../../reports/terminal.js';
import { Outputs, displayPath, readSource, repositoryRoot } from '../io.js';
import { EXIT, UsageError, emit, type Shell } from '../shell.js';

interface Args {
  inputs: string[];
  out?: string;
  merge?: string;
  user: boolean;
  owner?: string;
  format: 'text' | 'json';
}

export function importCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'import [inputs..]',
    describe:
      'Write a model from MCP client configurations, GitHub Actions workflows, Kubernetes manifests and A2A agent cards (files or repository folders)',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, default: [], describe: 'configuration files or folders' })
        .option('out', { alias: 'o', type: 'string', describe: 'write the model to this file (default: stdout)' })
        .option('merge', {
          type: 'string',
          describe:
            'update this model in place: imported elements updated, new ones added, hand work and comments kept',
        })
        .option('user', {
          type: 'boolean',
          default: false,
          describe: "also read this machine's per-user MCP client configurations",
        })
        .option('owner', {
          type: 'string',
          describe: "the repository's owner, whose actions are first-party (default: from the folder's git remote)",
        })
        .option('format', {
          choices: ['text', 'json'] as const,
          default: 'text' as const,
          describe: 'format of the report on stderr',
        })
        .example('$0 import . --out agents.yaml', "a model from the repository's configurations")
        .example('$0 import --user', "this machine's MCP clients") as never,
    handler: (args) => {
      if (args.inputs.length === 0 && !args.user)
        throw new UsageError('give configuration files or folders, or --user');
      if (args.out !== undefined && args.merge !== undefined)
        throw new UsageError('--merge writes the model it names; give --out or --merge, not both');
      // --merge replaces the model it names, which it reads; --out never replaces an input.
      const outputs = new Outputs([...args.inputs, ...(args.merge === undefined ? [] : [args.merge])]);
      outputs.claim(args.merge, '--merge', { replaceInput: true });
      outputs.claim(args.out, '--out', { what: 'the model' });
      const gathered = gatherConfigurations(
        args.inputs,
        args.user
          ? { platform: process.platform, home: shell.env.HOME ?? shell.env.USERPROFILE ?? homedir(), env: shell.env }
          : undefined,
      );
      const owner = args.owner ?? remoteOwner(args.inputs);
      const { result, diagnostics } = importGathered(gathered, owner);
      // Past the limit on elements the model is incomplete: nothing is written.
      if (result.full) throw new InputError(diagnostics);
      const merge = args.merge === undefined ? undefined : mergeInto(args.merge, result);
      const text = merge?.text ?? `${modelYaml(result.document, [], importHeader(result))}`;
      const check = loadModel(displayPath(args.merge ?? args.out ?? 'imported.yaml'), text);
      if (!check.ok)
        throw new Error(`the imported model does not validate: ${check.diagnostics.map((d) => d.message).join('; ')}`);
      const target = args.merge ?? args.out;
      emit(shell, outputs, text, target);
      const report =
        args.format === 'json'
          ? jsonReport(importReportJson(result, diagnostics, gathered.user, merge?.plan))
          : importReportText(result, diagnostics, gathered.user, merge?.plan);
      shell.stderr.write(report);
      if (target !== undefined && target !== '-' && args.format === 'text')
        shell.stderr.write(
          `wrote ${safeInline(displayPath(target))}${merge && !merge.commentsKept ? ' (written afresh: comments other than the leading block are not kept)' : ''}\n`,
        );
      shell.exitCode = diagnostics.length > 0 ? EXIT.invalid : EXIT.ok;
    },
  };
}

/** The existing model with the import merged in, as a patch of its own text when that can be done soundly. */
function mergeInto(file: string, result: ImportResult): { text: string; plan: MergePlan; commentsKept: boolean } {
  const shown = displayPath(file);
  const source = readSource(shown);
  if (!source.ok) throw new InputError(source.diagnostics);
  const loaded = loadModel(shown, source.text);
  if (!loaded.ok) throw new InputError(loaded.diagnostics);
  const files = new Set(result.imported.map((f) => f.file));
  const plan = planMerge(loaded.loaded.document, result.document, files);
  if (plan.operations.length === 0) return { text: source.text, plan, commentsKept: true };
  const note = [
    `Re-imported by \`leakradius import --merge\`: ${plan.added.length} added, ${plan.updated.length} updated.`,
  ];
  return { ...changedModelText(source.text, plan.document, plan.operations, note), plan };
}

/** The owner in the git remote of the repository holding the first folder given (`git@github.com:acme/x`). */
function remoteOwner(inputs: readonly string[]): string | undefined {
  const start = inputs[0] === undefined ? undefined : resolve(inputs[0]);
  const root =
    start === undefined
      ? undefined
      : repositoryRoot(start.endsWith('.json') || /\.ya?ml$/.test(start) ? dirname(start) : start);
  if (root === undefined) return undefined;
  try {
    const config = readFileSync(join(root, '.git', 'config'), 'utf8');
    const url = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
    return url === undefined ? undefined : /github\.com[:/]([A-Za-z0-9-]+)\//.exec(url)?.[1];
  } catch {
    return undefined;
  }
}
