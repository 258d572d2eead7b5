import { statSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { prepareAnalysis } from '../../analyses/context.js';
import { simulateLeak, type Attacker, type LeakInput } from '../../analyses/simulation/leak.js';
import { simulateUncertain } from '../../analyses/simulation/uncertainty.js';
import { parseDuration, type DurationText } from '../../model/duration.js';
import { didYouMean, quote, someOf } from '../../model/messages.js';
import { locate } from '../../model/load.js';
import {
  looksLikeScenario,
  modelChannels,
  parseScenario,
  scenarioProblems,
  withOverrides,
  type ScenarioDocument,
} from '../../model/scenario.js';
import type { SourceMap } from '../../yaml/source-map.js';
import type { Model } from '../../model/types.js';
import { hijackJson, hijackText, simulationJson, simulationText } from '../../reports/simulation.js';
import { simulateHijack } from '../../analyses/simulation/hijack.js';
import { InputError } from '../../yaml/diagnostic.js';
import { requireModelOrConfigurations } from '../configurations.js';
import { Outputs, displayPath, readSource, scenarioModelFile } from '../io.js';
import { UsageError, emit, styleFor, type Shell } from '../shell.js';
import { jsonReport } from '../../reports/json.js';

interface Args {
  input: string;
  leak?: string;
  hijack?: string;
  at?: string;
  attacker?: Attacker;
  channel?: string;
  hopDelay?: string;
  runs?: number;
  seed?: number;
  format: 'text' | 'json';
  output?: string;
  allowModelOutside: boolean;
}

export function simulateCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'simulate <input>',
    describe:
      'Simulate a leaked credential (blast radius, exposure window, revocation lag) or a hijacked agent (a model with --leak or --hijack, or a scenario file)',
    builder: (y) =>
      y
        .positional('input', {
          type: 'string',
          demandOption: true,
          describe: 'a model file or configurations (a file or folder) with --leak, or a scenario file',
        })
        .option('leak', { type: 'string', describe: 'id of the leaked credential' })
        .option('hijack', {
          type: 'string',
          describe: 'id of an agent steered by injected instructions: its hijacked-agent worst case',
        })
        .option('at', { type: 'string', describe: 'when it leaks, from the moment it was issued (default 0s)' })
        .option('attacker', {
          choices: ['external', 'in-workload'] as const,
          describe: 'who holds the leaked copy (default external)',
        })
        .option('channel', { type: 'string', describe: "leak channel (default: the credential's worst)" })
        .option('hop-delay', { type: 'string', describe: 'time each hop of the attack takes (default 0s)' })
        .option('runs', { type: 'number', describe: 'sample uncertain detection times this many times' })
        .option('seed', { type: 'number', describe: 'seed for --runs (default 1); needs --runs' })
        .option('allow-model-outside', {
          type: 'boolean',
          default: false,
          describe: "let a scenario's model lie outside the scenario's repository",
        })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example('$0 simulate models/coding-agent.yaml --leak gh-pat-dana', 'the worst case of one leak')
        .example(
          '$0 simulate scenarios/coding-agent-pat-in-prompt.yaml',
          'a scenario: which credential, when, how',
        ) as never,
    handler: (args) => {
      const outputs = new Outputs([args.input]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      if (args.hijack !== undefined) return simulateHijackCommand(shell, args, outputs);
      const { model, input, runs, seed } = resolveLeak(args, outputs);
      const ctx = prepareAnalysis(model);
      const result = simulateLeak(ctx, input);
      const uncertainty = runs !== undefined ? simulateUncertain(ctx, input, runs, seed) : undefined;
      const text =
        args.format === 'json'
          ? jsonReport(simulationJson(model, result, uncertainty))
          : simulationText(model, result, styleFor(shell), shell.stdout.columns ?? 80, uncertainty);
      emit(shell, outputs, text, args.output);
    },
  };
}

/** `--hijack <agent>`: the hijacked-agent worst case of one agent of a model. */
function simulateHijackCommand(shell: Shell, args: Args, outputs: Outputs): void {
  const agent = args.hijack!;
  const clash = (['leak', 'at', 'attacker', 'channel', 'runs', 'seed'] as const).filter((k) => args[k] !== undefined);
  if (clash.length > 0)
    throw new UsageError(
      `--hijack cannot be combined with ${clash.map((k) => `--${k}`).join(', ')}: a hijack starts when the agent's task does, detected as the prompt-context channel is`,
    );
  const source = isFolder(args.input) ? { ok: true as const, text: '' } : readSource(displayPath(args.input));
  if (!source.ok) throw new InputError(source.diagnostics);
  if (looksLikeScenario(source.text))
    throw new UsageError(
      '--hijack takes a model file, not a scenario: leakradius simulate <model.yaml> --hijack <agent>',
    );
  const loaded = requireModelOrConfigurations(args.input);
  if (!loaded.relations.agent.has(agent))
    throw new UsageError(
      `unknown agent ${quote(agent)}${didYouMean(agent, loaded.relations.agent.keys())}; the model has: ${[...loaded.relations.agent.keys()].join(', ')}`,
    );
  const model = loaded.model;
  const result = simulateHijack(prepareAnalysis(model, loaded.relations), {
    agent,
    hopDelay: duration(args.hopDelay, '--hop-delay'),
  });
  const text =
    args.format === 'json' ? jsonReport(hijackJson(model, result)) : hijackText(model, result, styleFor(shell));
  emit(shell, outputs, text, args.output);
}

/** Combines a scenario (if the input is one) with the command line; flags win. */
function resolveLeak(args: Args, outputs: Outputs): { model: Model; input: LeakInput; runs?: number; seed: number } {
  const source = isFolder(args.input) ? { ok: true as const, text: '' } : readSource(displayPath(args.input));
  if (!source.ok) throw new InputError(source.diagnostics);
  let scenario: { document: ScenarioDocument; sourceMap: SourceMap } | undefined;
  let scenarioFile: string | undefined;
  let modelFile = args.input;
  if (looksLikeScenario(source.text)) {
    scenarioFile = displayPath(args.input);
    const parsed = parseScenario(scenarioFile, source.text);
    if (!parsed.ok) throw new InputError(parsed.diagnostics);
    scenario = { document: parsed.scenario, sourceMap: parsed.sourceMap };
    const named = scenarioModelFile(scenarioFile, parsed.scenario.model, args.allowModelOutside);
    if (!named.ok)
      throw new InputError([
        { file: scenarioFile, ...parsed.sourceMap.locate(['model']), message: named.message, path: 'model' },
      ]);
    modelFile = named.file;
  }
  outputs.addInput(modelFile);
  const loaded = requireModelOrConfigurations(modelFile);
  const model = scenario ? withOverrides(loaded.model, scenario.document) : loaded.model;
  if (scenario && scenarioFile !== undefined) {
    const problems = scenarioProblems(scenario.document, loaded.model);
    if (problems.length > 0) throw new InputError(locate(scenarioFile, scenario.sourceMap, problems));
  }
  const credential = args.leak ?? scenario?.document.leak.credential;
  if (credential === undefined) throw new UsageError('which credential leaks? give --leak <credential-id>');
  if (!loaded.relations.credential.has(credential)) {
    throw new UsageError(
      `unknown credential ${quote(credential)}${didYouMean(credential, loaded.relations.credential.keys())}; the model has: ${someOf([...loaded.relations.credential.keys()])}`,
    );
  }
  const channel = args.channel ?? scenario?.document.leak.channel;
  const channels = modelChannels(model);
  if (args.channel !== undefined && !channels.has(args.channel)) {
    throw new UsageError(
      `unknown leak channel ${quote(args.channel)}${didYouMean(args.channel, channels)}; the model knows: ${someOf([...channels].sort())}`,
    );
  }
  const runs = args.runs ?? scenario?.document.uncertainty?.runs;
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1 || runs > 100_000))
    throw new UsageError('--runs must be a whole number from 1 to 100000');
  if (args.seed !== undefined && runs === undefined)
    throw new UsageError('--seed seeds the sampling of detection times, which only --runs <N> does: give --runs too');
  const seed = args.seed ?? scenario?.document.uncertainty?.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    throw new UsageError('--seed must be a whole number from 0 to 4294967295');
  return {
    model,
    input: {
      credential,
      at: duration(args.at ?? scenario?.document.leak.at, '--at'),
      attacker: args.attacker ?? scenario?.document.attacker ?? 'external',
      channel,
      hopDelay: duration(args.hopDelay ?? scenario?.document.hopDelay, '--hop-delay'),
    },
    runs,
    seed,
  };
}

function duration(text: DurationText | undefined, flag: string): number {
  if (text === undefined) return 0;
  const seconds = parseDuration(text);
  if (seconds === undefined || !Number.isFinite(seconds))
    throw new UsageError(
      `${flag}: bad duration ${quote(String(text))}; expected numbers with units in the order w d h m s, such as 30s, 15m, 1h30m, 7d`,
    );
  return seconds;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
