/**
 * The (resource, action) pairs a search reached, each with its window and the
 * path that explains it, and the pairs held back by a human approval.
 */
import type { Seconds } from '../../model/duration.js';
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
