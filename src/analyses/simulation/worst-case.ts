/**
 * The worst-case leak of every credential, and the model's total risk. The
 * worst case of a credential is its leak at the moment it is issued, by an
 * external attacker, through its latest-detected channel. Rules, the
 * recommendations and the TUI's risk badges all read these summaries.
 *
 * `worstCase` runs one leak simulation. `worstCases` computes them all at once
 * with the shared closure of ./bulk/engine.ts, which gives the same figures
 * (the tests compare them on generated and hand-made models) in a fraction
 * of the time; the few leaks it does not model are simulated one by one.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { HIGH_IMPACT_ACTIONS, isHighOrCritical } from '../../model/weights.js';
import type { AnalysisContext } from '../context.js';
import { bulkWorstCases, type RawWorstCase } from './bulk/engine.js';
import type { PairFacts } from './bulk/fixed-closure.js';
import { windowTable } from './bulk/windows.js';
import { compareText, simulateLeak } from './leak.js';
import { revocationLag } from './lifetime.js';

export interface PairRef {
  readonly resource: string;
  readonly action: string;
}

export interface WorstCase {
  readonly credential: string;
  readonly exposureWindow: Seconds;
  readonly revocationLag: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
  /** Reached deploy, payment, export or delete on a high or critical resource, without approval. */
  readonly highImpact: readonly PairRef[];
}

/** Every credential's worst case, in model order. */
export function worstCases(ctx: AnalysisContext): WorstCase[] {
  const { index } = ctx;
  const windows = windowTable(ctx);
  const facts = pairFacts(ctx);
  const rank = pairRank(ctx);
  const refs = new Map<number, PairRef>();
  const ref = (p: number) => {
    let r = refs.get(p);
    if (!r)
      refs.set(
        p,
        (r = { resource: index.resources[index.pairResource[p]], action: index.actions[index.pairAction[p]] }),
      );
    return r;
  };
  const refLists = new Map<readonly number[], readonly PairRef[]>();
  const out: (WorstCase | undefined)[] = new Array(index.credentials.length);

  if (sumsStayExact(ctx, windows.rootStop, windows.acquired, facts)) {
    const oneByOne = bulkWorstCases({ index, windows, facts, rank }, (c, raw) => {
      let high = refLists.get(raw.high);
      if (!high) refLists.set(raw.high, (high = raw.high.map(ref)));
      out[c] = fromRaw(index.credentials[c], windows.rootStop[c], windows.detected[c], raw, high);
    });
    for (const c of oneByOne) out[c] = worstCase(ctx, index.credentials[c]);
  }
  return Array.from(
    out,
    (c, i) => c ?? nothingReached(ctx, i, windows.rootStop[i], windows.detected[i], windows.bearer[i] === 1),
  );
}

export function worstCase(ctx: AnalysisContext, credential: string): WorstCase {
  const r = simulateLeak(ctx, { credential, paths: false });
  const sensitivity = (id: string) => ctx.relations.resource.get(id)?.sensitivity ?? 'low';
  return {
    credential,
    exposureWindow: r.exposureWindow,
    revocationLag: r.revocationLag,
    score: r.score,
    timeWeightedScore: r.timeWeightedScore,
    highImpact: r.reached
      .filter((p) => HIGH_IMPACT_ACTIONS.has(p.action) && isHighOrCritical(sensitivity(p.resource)))
      .map((p) => ({ resource: p.resource, action: p.action })),
  };
}

function fromRaw(
  credential: string,
  stop: Seconds,
  detected: Seconds,
  raw: RawWorstCase,
  highImpact: readonly PairRef[],
): WorstCase {
  return {
    credential,
    exposureWindow: Math.max(0, stop),
    revocationLag: revocationLag(raw.lastStop, detected),
    score: raw.score,
    timeWeightedScore: raw.unbounded > 0 ? UNBOUNDED : raw.impactSeconds / 3_600,
    highImpact,
  };
}

/**
 * A leak that reaches nothing: the attacker cannot replay the credential, or
 * its window is empty. Only the leaked credential's own timeline counts.
 * Every other leak is either reported by the closure or simulated, so a
 * credential left over here when the closure ran is one of these.
 */
function nothingReached(ctx: AnalysisContext, c: number, stop: Seconds, detected: Seconds, bearer: boolean): WorstCase {
  if (bearer && stop > 0) return worstCase(ctx, ctx.index.credentials[c]);
  return {
    credential: ctx.index.credentials[c],
    exposureWindow: bearer ? Math.max(0, stop) : 0,
    revocationLag: revocationLag(stop, detected),
    score: 0,
    timeWeightedScore: 0,
    highImpact: [],
  };
}

function pairFacts(ctx: AnalysisContext): PairFacts {
  const { index, model } = ctx;
  const P = index.pairImpact.length;
  const high = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    const action = index.actions[index.pairAction[p]];
    high[p] =
      HIGH_IMPACT_ACTIONS.has(action) && isHighOrCritical(model.resources[index.pairResource[p]].sensitivity) ? 1 : 0;
  }
  return { impact: index.pairImpact, high };
}

/** Each pair's position in (resource, action) order: the order reports list pairs in. */
function pairRank(ctx: AnalysisContext): Int32Array {
  const { index } = ctx;
  const textRank = (names: readonly string[]) => {
    const order = names.map((_, i) => i).sort((a, b) => compareText(names[a], names[b]));
    const rank = new Int32Array(names.length);
    order.forEach((n, i) => (rank[n] = i));
    return rank;
  };
  const resourceRank = textRank(index.resources);
  const actionRank = textRank(index.actions);
  const A = index.actions.length;
  const P = index.pairImpact.length;
  const key = new Float64Array(P);
  for (let p = 0; p < P; p++) key[p] = resourceRank[index.pairResource[p]] * A + actionRank[index.pairAction[p]];
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => key[a] - key[b]);
  const rank = new Int32Array(P);
  for (let i = 0; i < P; i++) rank[order[i]] = i;
  return rank;
}

/**
 * Whether impact × seconds stays an exact integer sum (below 2^53) for any
 * leak: then the closure's sums, made in another order, equal the simulation's.
 * Windows of whole seconds are the rule; a model with centuries-long finite
 * windows falls back to simulating each leak.
 */
function sumsStayExact(
  ctx: AnalysisContext,
  rootStop: Float64Array,
  acquired: Float64Array,
  facts: PairFacts,
): boolean {
  let largest = 0;
  for (const values of [rootStop, acquired]) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === UNBOUNDED) continue;
      if (!Number.isInteger(v)) return false;
      largest = Math.max(largest, Math.abs(v));
    }
  }
  let impact = 0;
  for (let p = 0; p < facts.impact.length; p++) impact += facts.impact[p];
  return largest * impact * 2 < 2 ** 53;
}
