/**
 * No input ends a command with anything but a decided exit code: over random
 * models (valid ones, and ones broken on purpose: a loop of derived
 * credentials, a maxLifetime shorter than the ttl, a bad duration, a dangling
 * reference), every command exits 0, 1 (check's findings) or 2 (invalid input)
 * and never reports a fault of its own (3) nor dies of a signal.
 *
 * Three depths, so that thousands of models stay fast: every model goes
 * through `validate` and `check` (one run over the folder) and through the
 * engine and report of every other command, called in this process with the
 * model loaded once (a throw there is what the command line turns into exit 3);
 * one in 25 goes through the command line in this process; a few through the
 * built command line as a separate process (`npm test` builds dist/ first),
 * where a crash of the runtime itself (an out-of-memory abort, exit 133) shows.
 * LEAKRADIUS_PROPERTY_RUNS raises the number of models (the suite runs 2,000;
 * `npm run test:random` runs 20,000).
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analyses/chokepoints/index.js';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { delegationChains } from '../../src/analyses/delegation/chains.js';
import { exposure } from '../../src/analyses/exposure/index.js';
import { reportData } from '../../src/analyses/organisation/report-data.js';
import { recommend } from '../../src/analyses/recommendations/index.js';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { simulateUncertain } from '../../src/analyses/simulation/uncertainty.js';
import { buildGraph } from '../../src/graph/build.js';
import { toYaml } from '../../src/model/generate.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import type { ModelDocument } from '../../src/model/schema.js';
import { chokepointsJson, chokepointsText } from '../../src/reports/chokepoints.js';
import { delegationJson, delegationText } from '../../src/reports/delegation.js';
import { exposureJson, exposureText } from '../../src/reports/exposure.js';
import { exportGraph, type GraphFormat } from '../../src/reports/graph-export.js';
import { reportHtml } from '../../src/reports/html/report.js';
import { jsonReport } from '../../src/reports/json.js';
import { recommendationsJson, recommendationsPatch, recommendationsText } from '../../src/reports/recommendations.js';
import { simulationJson, simulationText } from '../../src/reports/simulation.js';
import { createStyle } from '../../src/reports/terminal.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { run } from '../helpers/run.js';
import { randomModel } from '../helpers/random-model.js';

const RUNS = Number(process.env.LEAKRADIUS_PROPERTY_RUNS ?? 2_000);
const folder = mkdtempSync(join(tmpdir(), 'leakradius-random-'));
// Removing 20,000 files takes longer than a hook's default 10 s on a busy machine.
afterAll(() => rmSync(folder, { recursive: true, force: true }), 300_000);

type Credentials = NonNullable<ModelDocument['credentials']>;

/** Ways to break a model that the loader must refuse with exit 2. */
const BREAKS: Record<string, (doc: ModelDocument, n: number) => void> = {
  'derivation loop': (doc, n) => {
    const c = doc.credentials as Credentials;
    const a = n % c.length;
    const b = (n + 1) % c.length;
    c[a] = { ...c[a], derivedFrom: c[b].id };
    c[b] = { ...c[b], derivedFrom: c[a].id };
  },
  'maxLifetime shorter than ttl': (doc, n) => {
    const c = doc.credentials as Credentials;
    c[n % c.length] = { ...c[n % c.length], ttl: '2d', maxLifetime: '1h' };
  },
  'duration out of order': (doc) => {
    doc.response = { ...doc.response, manual: '30m1h' };
  },
  'dangling reference': (doc, n) => {
    const c = doc.credentials as Credentials;
    c[n % c.length] = { ...c[n % c.length], derivedFrom: 'nowhere' };
  },
};

/** A few well-formed additions the generator leaves out: token exchange, a tool, a never-detected channel. */
function enrich(doc: ModelDocument, n: number): void {
  const agents = doc.agents ?? [];
  const credentials = doc.credentials as Credentials;
  if (agents.length > 1 && n % 3 === 0) {
    const minted = credentials[n % credentials.length].id;
    agents[0].delegates = [
      ...(agents[0].delegates ?? []).filter((d) => d.to !== agents[1].id),
      { to: agents[1].id, mode: 'exchange', credential: minted },
    ];
  }
  if (n % 5 === 0) doc.detection = { ...doc.detection, channels: { ...doc.detection?.channels, logs: 'never' } };
  if (n % 7 === 0 && agents.length > 0) {
    doc.tools = [{ id: 'tool', kind: 'mcp', credential: credentials[0].id }];
    agents[0].tools = ['tool'];
  }
}

const model = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  broken: fc.constantFrom('none', 'none', 'none', ...Object.keys(BREAKS)),
  pick: fc.nat(),
  hop: fc.constantFrom('0s', '0s', '1s', '30m'),
  inside: fc.boolean(),
});

/** The models, drawn once (the same every run), written to a folder of valid ones and one of broken ones. */
const cases = fc.sample(model, { numRuns: RUNS, seed: 12 }).map((c, i) => {
  const doc = randomModel(c.seed);
  enrich(doc, c.pick);
  if (c.broken !== 'none') BREAKS[c.broken](doc, c.pick);
  const file = join(folder, c.broken === 'none' ? 'valid' : 'broken', `m${i}.yaml`);
  const credentials = doc.credentials as Credentials;
  return { ...c, doc, file, leak: credentials[c.pick % credentials.length].id };
});
for (const sub of ['valid', 'broken']) mkdirSync(join(folder, sub));
for (const c of cases) writeFileSync(c.file, toYaml(c.doc));

const GRAPH_FORMATS: readonly GraphFormat[] = ['json', 'dot', 'mermaid', 'opengraph', 'gexf'];

/** Each command that reads one model, as a user would run it on case `c`. */
function commandsFor(c: (typeof cases)[number]): string[][] {
  const attacker = c.inside ? 'in-workload' : 'external';
  const target = c.doc.resources?.[c.pick % c.doc.resources.length]?.id ?? 'none';
  return [
    ['simulate', c.file, '--leak', c.leak, '--hop-delay', c.hop, '--attacker', attacker, '--format', 'json'],
    ['recommend', c.file, '--format', 'json'],
    ['delegation', c.file],
    ['graph', c.file, '--format', GRAPH_FORMATS[c.pick % GRAPH_FORMATS.length]],
    ['exposure', c.file, target],
    ['chokepoints', c.file, '--format', 'json'],
  ];
}

/**
 * What each command computes and prints for a valid model, called directly:
 * the same engine and report functions its handler calls, text and JSON.
 */
function runEngines(c: (typeof cases)[number], loaded: LoadedModel): string[] {
  const style = createStyle(false);
  const { model, relations, document } = loaded;
  const ctx = prepareAnalysis(model, relations);
  const input = {
    credential: c.leak,
    attacker: c.inside ? 'in-workload' : 'external',
    hopDelay: parseHop(c.hop),
  } as const;
  const leak = simulateLeak(ctx, input);
  const uncertain = c.pick % 10 === 0 ? simulateUncertain(ctx, input, 3, c.seed) : undefined;
  const chains = delegationChains(ctx, { maxDepth: 3 });
  const target = model.resources[c.pick % model.resources.length]?.id;
  const exposed = target === undefined ? undefined : exposure(ctx, { resource: target });
  const cut = chokepoints(loaded, {});
  const advice = recommend(loaded);
  const data = reportData(c.file, loaded, { policy: DEFAULT_POLICY, today: '2026-01-01', recommendations: false });
  return [
    jsonReport(simulationJson(model, leak, uncertain)),
    simulationText(model, leak, style, 80, uncertain),
    jsonReport(delegationJson(chains, 3)),
    delegationText(chains, 3, style),
    exportGraph(buildGraph(model), GRAPH_FORMATS[c.pick % GRAPH_FORMATS.length], model.name),
    ...(exposed === undefined ? [] : [jsonReport(exposureJson(model.name, exposed)), exposureText(exposed, style)]),
    jsonReport(chokepointsJson(cut, document, c.file)),
    chokepointsText(cut, document, c.file, style),
    jsonReport(recommendationsJson(advice, c.file)),
    recommendationsText(advice, c.file, style),
    recommendationsPatch(advice, c.file),
    reportHtml([data], 'test'),
  ];
}

const parseHop = (hop: string): number => ({ '0s': 0, '1s': 1, '30m': 1_800 })[hop] ?? Number.NaN;

/** A broken model is refused by every command; a valid one passes (check may find findings). */
function expectDecided(
  c: (typeof cases)[number] | undefined,
  command: string,
  result: { code: number | null; stderr: string },
): void {
  const expected = c?.broken !== 'none' && c !== undefined ? [2] : command === 'check' ? [0, 1] : [0];
  const decided = result.code !== null && expected.includes(result.code);
  expect({ model: c && { seed: c.seed, broken: c.broken, pick: c.pick }, command, code: result.code }).toEqual({
    model: c && { seed: c.seed, broken: c.broken, pick: c.pick },
    command,
    code: decided ? result.code : `one of ${expected.join(', ')}; stderr: ${result.stderr.slice(0, 2_000)}`,
  });
  expect(result.stderr).not.toContain('internal error');
}

describe(`every command decides its exit code on ${RUNS} random models`, () => {
  const valid = cases.filter((c) => c.broken === 'none');
  const broken = cases.filter((c) => c.broken !== 'none');

  it(
    'validate and check: each valid model passes, each broken one is refused at its own file',
    async () => {
      for (const [sub, list] of [
        ['valid', valid],
        ['broken', broken],
      ] as const) {
        const validated = await run(['validate', join(folder, sub), '--format', 'json']);
        const report = JSON.parse(validated.stdout) as { files: { file: string; valid: boolean }[] };
        expect(report.files.map((f) => f.valid)).toEqual(list.map(() => sub === 'valid'));
        expectDecided(list[0], 'validate', validated);
        expectDecided(list[0], 'check', await run(['check', join(folder, sub), '--format', 'json']));
      }
    },
    120_000 + RUNS * 100,
  );

  it(
    "every command's engine and report, text and JSON, on each valid model: no fault, no NaN or Infinity printed",
    () => {
      for (const c of valid) {
        const loaded = loadModel(c.file, toYaml(c.doc));
        if (!loaded.ok) throw new Error(`${c.file} does not load: ${loaded.diagnostics[0]?.message}`);
        let outputs: string[] = [];
        try {
          outputs = runEngines(c, loaded.loaded);
        } catch (error) {
          expect({ seed: c.seed, pick: c.pick, fault: String((error as Error).stack) }).toBeUndefined();
        }
        // The report's own script may say Infinity; what it prints may not.
        const printed = outputs.map((o) => o.replace(/<script[\s\S]*?<\/script>/g, ''));
        const bad = printed.flatMap((o) => o.match(/\bNaN\b|Infinity/g) ?? []);
        expect({ seed: c.seed, pick: c.pick, bad }).toEqual({ seed: c.seed, pick: c.pick, bad: [] });
      }
    },
    120_000 + RUNS * 200,
  );

  it(
    'the command line, in this process, on one model in 25',
    async () => {
      for (const c of cases.filter((_, i) => i % 25 === 0))
        for (const args of commandsFor(c)) expectDecided(c, args[0], await run(args));
    },
    120_000 + RUNS * 50,
  );

  it(
    'the built command line, as a separate process, on a sample of valid and broken models',
    () => {
      // Valid models (two in the suite, one per 1,000 models beyond) and a loop of derived credentials (which used
      // to abort the runtime): every command on each.
      const loop = broken.find((c) => c.broken === 'derivation loop');
      const sample = [...valid.slice(0, Math.max(2, Math.floor(RUNS / 1_000))), ...(loop === undefined ? [] : [loop])];
      const sampled = join(folder, 'sample');
      mkdirSync(sampled);
      for (const c of sample)
        writeFileSync(join(sampled, `${c.broken === 'none' ? 'ok' : 'bad'}-${c.seed}.yaml`), toYaml(c.doc));
      const spawned = (c: (typeof cases)[number] | undefined, args: string[]): CliResult => {
        const result = cli(args);
        expect([0, 1, 2, 3]).toContain(result.code);
        expectDecided(c, args[0], result);
        return result;
      };
      for (const c of sample) for (const args of commandsFor(c)) spawned(c, args);
      // Over the whole sample, broken models included: refused (2) by the commands that read many files.
      for (const command of ['validate', 'check', 'report']) spawned(sample[sample.length - 1], [command, sampled]);
      // ... and accepted on a valid one alone, with its recommendations.
      spawned(sample[0], ['report', sample[0].file, '--recommendations', 'on']);
    },
    120_000 + RUNS * 10,
  );
});
