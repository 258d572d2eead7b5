/**
 * The phases the benchmark times, each run in a child process of its own
 * (`leakradius-bench --child <phase>`), so that one phase's garbage and peak
 * memory never count against another. Setup (reading, parsing, loading what
 * a phase needs) is not timed; the phase itself runs several times.
 */
import { readFileSync } from 'node:fs';
import { load as yamlLoad } from 'js-yaml';
import { prepareAnalysis, type AnalysisContext } from '../analyses/context.js';
import { delegationFacts } from '../analyses/delegation/facts.js';
import { chokepoints } from '../analyses/chokepoints/index.js';
import { recommend } from '../analyses/recommendations/index.js';
import { RULES, type RuleInput } from '../analyses/rules/index.js';
import { DEFAULT_POLICY } from '../model/policy.js';
import { simulateLeak } from '../analyses/simulation/leak.js';
import { worstCases } from '../analyses/simulation/worst-case.js';
import { buildGraph } from '../graph/build.js';
import { buildReachIndex } from '../graph/reach-index.js';
import { loadModel, type LoadedModel } from '../model/load.js';
import { normalizeModel } from '../model/normalize.js';
import { checkReferences } from '../model/references.js';
import { relationsOf, unpermittedSteps } from '../model/relations.js';
import { checkSchema } from '../model/schema-check.js';
import { parseYaml } from '../yaml/parse.js';
import { measure, median, percentile, type Sample } from './measure.js';
import { straightforwardWorstCase } from './straightforward.js';
import { tuiTurns } from './tui.js';

export interface PhaseResult {
  readonly samples: readonly Sample[];
  /** Extra figures of the phase (percentiles, extrapolations, agreement). */
  readonly notes?: Record<string, number | string | boolean>;
}

type Phase = (file: string, runs: number) => PhaseResult | Promise<PhaseResult>;

function repeat<T>(runs: number, setup: () => T, phase: (input: T) => unknown): PhaseResult {
  const input = setup();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(measure(() => phase(input)));
  return { samples };
}

const read = (file: string) => readFileSync(file, 'utf8');

function loaded(file: string): LoadedModel {
  const result = loadModel(file, read(file));
  if (!result.ok) throw new Error(`${file} does not load: ${result.diagnostics[0]?.message}`);
  return result.loaded;
}

function context(file: string): AnalysisContext {
  const { model, relations } = loaded(file);
  return prepareAnalysis(model, relations);
}

/** A fixed pseudo-random sample of `count` credential positions out of `total` (same for every run and machine). */
export function fixedSample(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  const picked = new Set<number>();
  let state = 0x9e3779b9;
  while (picked.size < count) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    picked.add(state % total);
  }
  return [...picked].sort((a, b) => a - b);
}

export const PHASES: Readonly<Record<string, Phase>> = {
  'yaml-load': (file, runs) =>
    repeat(
      runs,
      () => read(file),
      (text) => yamlLoad(text),
    ),
  parse: (file, runs) =>
    repeat(
      runs,
      () => read(file),
      (text) => parseYaml(file, text),
    ),
  validate: (file, runs) =>
    repeat(
      runs,
      () => {
        const parsed = parseYaml(file, read(file));
        if (!parsed.ok) throw new Error('parse failed');
        return parsed.document.value;
      },
      (value) => {
        const schema = checkSchema(value);
        if (!schema.ok) throw new Error('schema failed');
        if (checkReferences(schema.document).length > 0) throw new Error('references failed');
        const { model } = normalizeModel(schema.document, 'bench');
        const relations = relationsOf(model);
        return unpermittedSteps(model, relations);
      },
    ),
  load: (file, runs) =>
    repeat(
      runs,
      () => read(file),
      (text) => loadModel(file, text),
    ),
  graph: (file, runs) =>
    repeat(
      runs,
      () => loaded(file),
      ({ model }) => buildGraph(model),
    ),
  index: (file, runs) =>
    repeat(
      runs,
      () => loaded(file),
      ({ model, relations }) => buildReachIndex(model, relations),
    ),
  'worst-cases': (file, runs) =>
    repeat(
      runs,
      () => context(file),
      (ctx) => worstCases(ctx),
    ),
  // Every rule over the prepared analyses (the worst cases and delegation facts they share are setup, timed above).
  rules: (file, runs) =>
    repeat(
      runs,
      (): RuleInput => {
        const ctx = context(file);
        const cases = new Map(worstCases(ctx).map((w) => [w.credential, w]));
        const facts = delegationFacts(ctx);
        return { ctx, thresholds: DEFAULT_POLICY.thresholds, worstCases: () => cases, delegation: () => facts };
      },
      (input) => RULES.map((rule) => rule.check(input)),
    ),
  recommendations: (file, runs) =>
    repeat(
      runs,
      () => loaded(file),
      (model) => recommend(model),
    ),
  // The defaults of `leakradius chokepoints`: the flow of up to 1,000 leaks, 15 cuts measured, 5 named.
  chokepoints: (file, runs) =>
    repeat(
      runs,
      () => loaded(file),
      (model) => chokepoints(model),
    ),
  leak: (file) => {
    // One leak with every path, for a fixed sample of credentials: the TUI's and `simulate`'s unit of work.
    const ctx = context(file);
    const sample = fixedSample(ctx.model.credentials.length, 1_000);
    for (const c of sample.slice(0, 50)) simulateLeak(ctx, { credential: ctx.index.credentials[c] }); // warm up
    const times = sample.map((c) => {
      const start = performance.now();
      simulateLeak(ctx, { credential: ctx.index.credentials[c] });
      return performance.now() - start;
    });
    const samples = [
      measure(() => sample.slice(0, 200).map((c) => simulateLeak(ctx, { credential: ctx.index.credentials[c] }))),
    ];
    return {
      samples,
      notes: {
        p50: median(times),
        p95: percentile(times, 0.95),
        p99: percentile(times, 0.99),
        max: percentile(times, 1),
        leaks: times.length,
      },
    };
  },
  // The TUI's background work on open and after one what-if change: the longest turn is how long a key can wait.
  tui: (file) => tuiTurns(loaded(file), read(file)),
  straightforward: (file) => {
    // One search per credential over the graphology graph, nothing shared: timed on a fixed sample, extrapolated.
    const ctx = context(file);
    const graph = buildGraph(ctx.model);
    const total = ctx.model.credentials.length;
    const sample = fixedSample(total, Math.min(total, 500));
    const bulk = worstCases(ctx);
    let disagree = 0;
    for (const c of sample.slice(0, 20)) straightforwardWorstCase(graph, ctx, ctx.index.credentials[c]); // warm up
    const results: unknown[] = [];
    const samples = [
      measure(() =>
        sample.forEach((c) => results.push(straightforwardWorstCase(graph, ctx, ctx.index.credentials[c]))),
      ),
    ];
    sample.forEach((c, i) => {
      if (JSON.stringify(results[i]) !== JSON.stringify(bulk[c])) disagree++;
    });
    const perCredential = samples[0].ms / sample.length;
    return {
      samples,
      notes: {
        sampled: sample.length,
        perCredentialMs: perCredential,
        extrapolatedMs: perCredential * total,
        credentials: total,
        disagree,
      },
    };
  },
};
