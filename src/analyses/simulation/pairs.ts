/**
 * The (resource, action) pairs a search reached, each with its window and the
 * path that explains it, and the pairs held back by a human approval.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { AnalysisContext } from '../context.js';
import type { SearchState } from './attack.js';
import { NO_PATH, type PathBuilder, type PathHop } from './paths.js';
import { compareText } from './scores.js';

export interface ReachedPair {
  readonly resource: string;
  readonly action: string;
  readonly impact: number;
  readonly from: Seconds;
  readonly until: Seconds;
  readonly path: readonly PathHop[];
}

export interface GatedPair {
  readonly resource: string;
  readonly action: string;
  readonly path: readonly PathHop[];
}

interface Best {
  from: Seconds;
  until: Seconds;
  node: number;
  deputy: number;
  hops: number;
}

/**
 * Every pair the visited nodes grant: a credential its own grants, a tasked
 * agent those of the credentials it acts with. A pair keeps the path that
 * gives the latest `until` (ties: earliest `from`, then fewest hops).
 */
export function collectPairs(
  ctx: AnalysisContext,
  state: SearchState,
  visited: readonly number[],
  paths: PathBuilder,
): { reached: ReachedPair[]; gated: GatedPair[] } {
  const { index } = ctx;
  const C = index.credentials.length;
  const best = new Map<number, Best>();
  const gatedAt = new Map<number, { node: number; deputy: number }>();
  const consider = (node: number, credential: number, deputy: number) => {
    const from = state.gain[node];
    const until = state.stop[node];
    const hops = state.trail[node]!.depth;
    const { offsets, targets } = index.grants;
    for (let k = offsets[credential]; k < offsets[credential + 1]; k++) {
      const p = targets[k];
      if (index.grantGated[k]) {
        if (!gatedAt.has(p)) gatedAt.set(p, { node, deputy });
        continue;
      }
      const current = best.get(p);
      if (!current || holdsLonger(from, until, hops, current)) best.set(p, { from, until, node, deputy, hops });
    }
  };
  for (const v of visited) {
    if (state.gain[v] >= state.stop[v]) continue;
    if (v < C) {
      consider(v, v, NO_PATH);
    } else {
      const { offsets, targets } = index.deputies;
      for (let k = offsets[v - C]; k < offsets[v - C + 1]; k++) consider(v, targets[k], targets[k]);
    }
  }
  const pairName = (p: number) => ({
    resource: index.resources[index.pairResource[p]],
    action: index.actions[index.pairAction[p]],
  });
  const reached: ReachedPair[] = [];
  for (const [p, b] of best) {
    reached.push({
      ...pairName(p),
      impact: index.pairImpact[p],
      from: b.from,
      until: b.until,
      path: paths.through(state.trail[b.node]!, b.deputy, p),
    });
  }
  const gated: GatedPair[] = [];
  for (const [p, g] of gatedAt) {
    if (best.has(p)) continue; // reachable without approval through another path
    gated.push({ ...pairName(p), path: paths.through(state.trail[g.node]!, g.deputy, p) });
  }
  const byPair = (a: GatedPair, b: GatedPair) => compareText(a.resource, b.resource) || compareText(a.action, b.action);
  return { reached: reached.sort(byPair), gated: gated.sort(byPair) };
}

/** Whether a window ending at `until` explains a pair better than `current`: later end, then earlier start, then fewer hops. */
function holdsLonger(from: Seconds, until: Seconds, hops: number, current: Best): boolean {
  if (until !== current.until) return until > current.until;
  if (from !== current.from) return from < current.from;
  return hops < current.hops;
}

/** The scores of a search's pairs without the pairs themselves: what a total needs. */
export interface PairScores {
  readonly score: number;
  readonly timeWeightedScore: number;
}

/**
 * The scores `collectPairs`' pairs would give, summed as `timeWeightedScore`
 * sums them (impact × seconds, an exact integer, divided once): each pair
 * with its latest `until` and, among those, its earliest `from`.
 */
export function pairScores(ctx: AnalysisContext, state: SearchState, visited: readonly number[]): PairScores {
  const { index } = ctx;
  const C = index.credentials.length;
  const { until, from } = scratchFor(index.pairImpact.length, index);
  const seen: number[] = [];
  const consider = (node: number, credential: number) => {
    const f = state.gain[node];
    const u = state.stop[node];
    const { offsets, targets } = index.grants;
    for (let k = offsets[credential]; k < offsets[credential + 1]; k++) {
      if (index.grantGated[k]) continue;
      const p = targets[k];
      if (until[p] === Number.NEGATIVE_INFINITY) seen.push(p);
      if (u > until[p] || (u === until[p] && f < from[p])) {
        until[p] = u;
        from[p] = f;
      }
    }
  };
  for (const v of visited) {
    if (state.gain[v] >= state.stop[v]) continue;
    if (v < C) consider(v, v);
    else {
      const { offsets, targets } = index.deputies;
      for (let k = offsets[v - C]; k < offsets[v - C + 1]; k++) consider(v, targets[k]);
    }
  }
  let score = 0;
  let impactSeconds = 0;
  let unbounded = false;
  for (const p of seen) {
    score += index.pairImpact[p];
    if (until[p] === UNBOUNDED) unbounded = true;
    else impactSeconds += index.pairImpact[p] * (until[p] - from[p]);
    until[p] = Number.NEGATIVE_INFINITY;
    from[p] = Number.POSITIVE_INFINITY;
  }
  return { score, timeWeightedScore: unbounded ? UNBOUNDED : impactSeconds / 3_600 };
}

/** Per pair, the best window so far; left at -∞/+∞ between uses, so one search touches only its own pairs. */
const scratch = new WeakMap<object, { until: Float64Array; from: Float64Array }>();
function scratchFor(pairs: number, key: object): { until: Float64Array; from: Float64Array } {
  let s = scratch.get(key);
  if (!s)
    scratch.set(
      key,
      (s = {
        until: new Float64Array(pairs).fill(Number.NEGATIVE_INFINITY),
        from: new Float64Array(pairs).fill(Number.POSITIVE_INFINITY),
      }),
    );
  return s;
}
