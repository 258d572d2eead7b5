/**
 * The (resource, action) pairs a search reached, each with the time the
 * attacker has it and the path that explains it; the pairs and the agent
 * invocations held back by a human approval.
 *
 * A pair is reached through every node that grants it (a credential the
 * attacker holds, an agent it tasks acting with its credentials). Its access
 * is the union of those nodes' spans: `from` is the earliest start, `until`
 * the latest end, `held` the length of the union (less than until − from
 * where the spans leave gaps). The path shown is the one that holds longest:
 * the latest end, then the earliest start, then the fewest hops.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { AnalysisContext } from '../context.js';
import type { AcquiredCredential, Sighting, TaskedAgent } from './attack.js';
import type { Assumption } from '../../model/types.js';
import { NO_PATH, type PathBuilder, type PathHop } from './paths.js';
import { compareText } from './scores.js';
import type { SearchState, Span } from './search-state.js';

export interface ReachedPair {
  readonly resource: string;
  readonly action: string;
  readonly impact: number;
  readonly from: Seconds;
  readonly until: Seconds;
  /** How long the attacker has it in all: the length of the union of its spans (UNBOUNDED when one never ends). */
  readonly held: Seconds;
  readonly path: readonly PathHop[];
}

export interface GatedPair {
  readonly resource: string;
  readonly action: string;
  readonly path: readonly PathHop[];
}

/** An agent the attacker could task only with a human's approval at each invocation (and cannot task otherwise). */
export interface GatedInvocation {
  readonly agent: string;
  readonly path: readonly PathHop[];
}

/** What an attacker reaches, as both a leaked copy and a hijacked agent report it. */
export interface ReachFigures {
  readonly reached: readonly ReachedPair[];
  readonly gated: readonly GatedPair[];
  /** Agents the attacker could task only with a human's approval at each invocation. */
  readonly gatedInvocations: readonly GatedInvocation[];
  readonly acquired: readonly AcquiredCredential[];
  readonly tasked: readonly TaskedAgent[];
  readonly score: number;
  readonly timeWeightedScore: Seconds;
  /** Figures behind this result that came from defaults rather than the model. */
  readonly assumptions: readonly Assumption[];
}

interface PairAccess {
  /** Spans of every node that grants the pair: the first node's own list until a second one adds to it. */
  spans: readonly Span[];
  shared: boolean;
  /** The node, credential acting and span that explain the pair. */
  node: number;
  deputy: number;
  best: Span;
}

export function collectPairs(
  ctx: AnalysisContext,
  state: SearchState,
  visited: readonly number[],
  paths: PathBuilder,
  gatedInvokes: ReadonlyMap<number, Sighting>,
): { reached: ReachedPair[]; gated: GatedPair[]; gatedInvocations: GatedInvocation[] } {
  const { index } = ctx;
  const C = index.credentials.length;
  const access = new Map<number, PairAccess>();
  const gatedAt = new Map<number, { node: number; deputy: number }>();
  const grantsOf = (node: number, credential: number, deputy: number) => {
    const spans = state.spans(node);
    const last = spans[spans.length - 1];
    const { offsets, targets } = index.grants;
    for (let k = offsets[credential]; k < offsets[credential + 1]; k++) {
      const p = targets[k];
      if (index.grantGated[k]) {
        if (!gatedAt.has(p)) gatedAt.set(p, { node, deputy });
        continue;
      }
      const current = access.get(p);
      if (!current) {
        access.set(p, { spans, shared: true, node, deputy, best: last });
        continue;
      }
      if (current.shared) {
        current.spans = current.spans.slice();
        current.shared = false;
      }
      for (const s of spans) (current.spans as Span[]).push(s);
      if (holdsLonger(last, current.best)) {
        current.node = node;
        current.deputy = deputy;
        current.best = last;
      }
    }
  };
  for (const v of visited) {
    if (v < C) grantsOf(v, v, NO_PATH);
    else {
      const { offsets, targets } = index.deputies;
      for (let k = offsets[v - C]; k < offsets[v - C + 1]; k++) grantsOf(v, targets[k], targets[k]);
    }
  }
  const resourceOf = (p: number) => index.resources[index.pairResource[p]];
  const actionOf = (p: number) => index.actions[index.pairAction[p]];
  const reached: ReachedPair[] = [];
  for (const [p, a] of access) {
    const { from, until, held } = unionOf(a.spans, a.shared);
    const path = paths.through(a.best.trail, a.deputy, p);
    reached.push({
      resource: resourceOf(p),
      action: actionOf(p),
      impact: index.pairImpact[p],
      from,
      until,
      held,
      path,
    });
  }
  const gated: GatedPair[] = [];
  for (const [p, g] of gatedAt) {
    if (access.has(p)) continue; // reachable without approval through another path
    gated.push({
      resource: resourceOf(p),
      action: actionOf(p),
      path: paths.through(state.lastSpan(g.node).trail, g.deputy, p),
    });
  }
  const gatedInvocations: GatedInvocation[] = [];
  for (const [agent, seen] of gatedInvokes) {
    if (state.has(C + agent)) continue; // tasked without approval through another path
    gatedInvocations.push({ agent: index.agents[agent], path: paths.invoking(seen.trail, seen.deputy, agent) });
  }
  const byPair = (a: GatedPair, b: GatedPair) => compareText(a.resource, b.resource) || compareText(a.action, b.action);
  return {
    reached: reached.sort(byPair),
    gated: gated.sort(byPair),
    gatedInvocations: gatedInvocations.sort((a, b) => compareText(a.agent, b.agent)),
  };
}

/** Whether span `a` explains a pair better than `b`: later end, then earlier start, then fewer hops. */
function holdsLonger(a: Span, b: Span): boolean {
  if (a.end !== b.end) return a.end > b.end;
  if (a.start !== b.start) return a.start < b.start;
  return a.trail.depth < b.trail.depth;
}

/** From, until and the length of the union of spans (sorted by start when from one node, as a node keeps them). */
function unionOf(spans: readonly Span[], shared: boolean): { from: Seconds; until: Seconds; held: Seconds } {
  if (spans.length === 1) {
    const only = spans[0];
    return { from: only.start, until: only.end, held: only.end === UNBOUNDED ? UNBOUNDED : only.end - only.start };
  }
  if (!shared) (spans as Span[]).sort((a, b) => a.start - b.start);
  let held = 0;
  let from = spans[0].start;
  let runStart = from;
  let runEnd = spans[0].end;
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i];
    if (s.start > runEnd) {
      held += runEnd - runStart;
      runStart = s.start;
      runEnd = s.end;
    } else if (s.end > runEnd) runEnd = s.end;
  }
  held += runEnd - runStart;
  from = Math.min(from, runStart);
  return { from, until: runEnd, held: runEnd === UNBOUNDED ? UNBOUNDED : held };
}
