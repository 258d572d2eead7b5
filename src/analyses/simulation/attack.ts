/**
 * What an attacker reaches from what it starts with: the search behind every
 * leak simulation, by the rules of docs/simulation.md, "Blast radius". It
 * starts from credentials the attacker holds (a leaked one, or every one of a
 * workload it runs in) and spreads through grants, harvests, mints, invokes
 * and delegations on the compact reach index.
 *
 * For every credential it holds and every agent it can task, the search keeps
 * the moments the attacker has it: disjoint spans of time. A way on from a
 * node (a store it reads, an agent it invokes...) opens a hop delay after the
 * node is first gained and is used from then on, whenever the node is held.
 * Each span of the source gives the target a span that starts where the
 * source's does (or when the way opens) and ends where the source's ends, or,
 * for a credential read from a store or minted, where a copy taken at that
 * last moment stops. The result is the least fixed point of those rules: it
 * does not depend on the order nodes are expanded in.
 *
 * A loop of harvests (x's store holds y, y's holds x) refreshes the copies at
 * each turn. When a span grows through a loop back to itself, the search
 * takes the loop's limit at once: the loop's shortest-lived link, by the
 * composition of the loop's ends (./windows' `min(end + shift, cap)` form).
 * Ends are whole seconds and bounded, so the search ends, and exactly.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { BINDING_BEARER, type ReachIndex } from '../../graph/reach-index.js';
import type { AnalysisContext } from '../context.js';
import { copyShift, stopTime } from './lifetime.js';
import { MaxHeap } from './max-heap.js';
import { collectPairs, type GatedInvocation, type GatedPair, type ReachedPair } from './pairs.js';
import {
  HOW_DELEGATED,
  HOW_HARVESTED,
  HOW_HIJACKED,
  HOW_INVOKED,
  HOW_LEAKED,
  HOW_MINTED,
  HOW_WORKLOAD,
  NO_PATH,
  PathBuilder,
  credentialHow,
  type CredentialHow,
  type PathHop,
  type Trail,
} from './paths.js';
import { blastRadiusScore, compareText, timeWeightedScore } from './scores.js';
import { SearchState, type Span } from './search-state.js';

/** A credential the attacker holds from the start, and for how long. */
export interface HeldAtStart {
  readonly credential: string;
  readonly from: Seconds;
  readonly until: Seconds;
  readonly how: 'leaked' | 'in-workload';
}

/** What the attacker starts with. */
export interface AttackerStart {
  readonly held: readonly HeldAtStart[];
  /** Credentials it can use whatever their binding: those present in the workloads it runs in. */
  readonly inWorkload: ReadonlySet<string>;
  /** A credential the search never acquires again (the leaked instance keeps its own window). */
  readonly pinned?: string;
  /** Agents acting for the attacker from the start (a hijacked agent, docs/simulation.md), each for a window. */
  readonly agents?: readonly { readonly agent: string; readonly from: Seconds; readonly until: Seconds }[];
}

export interface SearchOptions {
  /** Time each hop (harvest, mint, invoke, delegation) takes the first time. */
  readonly hopDelay: Seconds;
  /** When the incident's detection reaches credentials the attacker acquires (detection + `detection.harvested`). */
  readonly harvestedDetection: Seconds;
  /** Whether to build the path of each result (default true); figures alone are much cheaper. */
  readonly paths?: boolean;
}

export interface AcquiredCredential {
  readonly credential: string;
  readonly how: CredentialHow;
  /** Whether this attacker can replay it (bearer, or bound to the workload it sits in). */
  readonly usable: boolean;
  readonly from: Seconds;
  readonly until: Seconds;
  readonly path: readonly PathHop[];
}

export interface TaskedAgent {
  readonly agent: string;
  readonly from: Seconds;
  readonly until: Seconds;
  readonly path: readonly PathHop[];
}

/** Everything the attacker reaches, obtains and can task, with the scores. */
export interface AttackReach {
  readonly reached: readonly ReachedPair[];
  readonly gated: readonly GatedPair[];
  readonly gatedInvocations: readonly GatedInvocation[];
  /** Every credential held or obtained, the starting ones included, usable or not, by time then id. */
  readonly acquired: readonly AcquiredCredential[];
  readonly tasked: readonly TaskedAgent[];
  readonly score: number;
  readonly timeWeightedScore: Seconds;
  /** The latest stop of a credential the attacker holds and can use (-Infinity when none). */
  readonly lastStop: Seconds;
}

/** Runs the search from `start`. */
export function exploreAttack(ctx: AnalysisContext, start: AttackerStart, options: SearchOptions): AttackReach {
  // One search state per index, reused: a leak touches a few nodes of a model of tens of thousands.
  const state = SearchState.for(ctx.index);
  try {
    const search = new AttackSearch(ctx, state, start, options);
    search.run();
    return search.result();
  } finally {
    state.reset();
  }
}

/**
 * Runs the search from `start` and reads its scores alone (no paths), with
 * the nodes it reached: what totals need.
 */
export function attackScores(
  ctx: AnalysisContext,
  start: AttackerStart,
  options: SearchOptions,
): { readonly score: number; readonly timeWeightedScore: number; readonly nodes: readonly number[] } {
  const state = SearchState.for(ctx.index);
  try {
    const search = new AttackSearch(ctx, state, start, { ...options, paths: false });
    search.run();
    const nodes = state.visited();
    const { score, timeWeightedScore } = search.result();
    return { score, timeWeightedScore, nodes };
  } finally {
    state.reset();
  }
}

/**
 * Where the attacker first obtained a credential it cannot use or that had
 * already stopped (`trail` ends at it), or first met an invocation that needs
 * a human's approval (`trail` ends at the invoker, acting with `deputy`).
 */
export interface Sighting {
  readonly at: Seconds;
  readonly trail: Trail;
  readonly deputy: number;
}

/** One search: the frontier, the rules that move the attacker on, and the result read off the state. */
class AttackSearch {
  private readonly C: number;
  private readonly heap = new MaxHeap();
  private readonly pinned: number;
  private readonly inWorkload: Set<number>;
  /** Credentials obtained that this attacker cannot replay, or that had stopped before it got them. */
  private readonly unusable = new Map<number, Sighting>();
  private readonly dead = new Map<number, Sighting>();
  /** Agents whose invocation needs a human's approval, by the first invoker met. */
  private readonly gatedInvokes = new Map<number, Sighting>();
  /** A finite end above this can only grow without bound (see `endBound`); computed when first needed. */
  private bound: Seconds | undefined;
  private startEnds = 0;

  constructor(
    private readonly ctx: AnalysisContext,
    private readonly state: SearchState,
    start: AttackerStart,
    private readonly options: SearchOptions,
  ) {
    this.C = ctx.index.credentials.length;
    const id = (c: string) => ctx.index.credentialIndex.get(c)!;
    this.pinned = start.pinned !== undefined ? id(start.pinned) : NO_PATH;
    this.inWorkload = new Set([...start.inWorkload].map(id));
    for (const held of start.held) {
      const c = id(held.credential);
      const how = held.how === 'leaked' ? HOW_LEAKED : HOW_WORKLOAD;
      const trail: Trail = { node: c, how, pair: NO_PATH, deputy: NO_PATH, parent: null, depth: 0 };
      if (held.from < held.until) this.state.merge(c, held.from, held.until, trail);
      else this.note(this.dead, c, held.from, trail); // held, but already stopped: listed, reaches nothing
      if (held.until !== UNBOUNDED) this.startEnds = Math.max(this.startEnds, held.until);
      this.schedule(c);
    }
    for (const a of start.agents ?? []) {
      const v = this.C + ctx.index.agentIndex.get(a.agent)!;
      const trail: Trail = { node: v, how: HOW_HIJACKED, pair: NO_PATH, deputy: NO_PATH, parent: null, depth: 0 };
      if (!(a.from < a.until)) continue;
      this.state.merge(v, a.from, a.until, trail);
      if (a.until !== UNBOUNDED) this.startEnds = Math.max(this.startEnds, a.until);
      this.schedule(v);
    }
  }

  /** Whether the attacker can replay credential c: bearer, or present in a workload it runs in. */
  private usable(c: number): boolean {
    return this.ctx.index.binding[c] === BINDING_BEARER || this.inWorkload.has(c);
  }

  /** Stop of a copy of credential c issued at `issued` during the incident. */
  private copyStop(c: number, issued: Seconds): Seconds {
    return stopTime(this.ctx.index, this.ctx.model, c, issued, this.options.harvestedDetection);
  }

  /** When the ways on from node u open: a hop delay after the attacker first has u. */
  private opens(u: number): Seconds {
    return this.state.from(u) + this.options.hopDelay;
  }

  private schedule(v: number): void {
    if (!this.state.has(v)) return;
    this.state.dirty[v] = 1;
    this.heap.push(v, this.state.until(v), this.state.from(v));
  }

  /** Expands the longest-held capability first until nothing grows. */
  run(): void {
    const { heap, state } = this;
    while (heap.size > 0) {
      const u = heap.pop();
      if (!state.dirty[u]) continue; // expanded since this entry was pushed
      state.dirty[u] = 0;
      const open = this.opens(u);
      for (const span of state.spans(u).slice()) {
        if (span.end <= open) continue; // lost before the way on opens
        const from = Math.max(span.start, open);
        if (u < this.C) this.actWithCredential(u, from, span);
        else this.actThroughAgent(u, from, span);
      }
    }
  }

  /** A credential held over `span`: invoke the agents it may, read the stores it may, mint its children. */
  private actWithCredential(u: number, from: Seconds, span: Span): void {
    this.invoke(u, from, span, NO_PATH);
    this.harvest(u, from, span, NO_PATH);
    this.mint(u, from, span);
  }

  /** An agent tasked over `span`: it acts with each of its credentials, and tasks the agents it delegates to. */
  private actThroughAgent(u: number, from: Seconds, span: Span): void {
    const agent = u - this.C;
    const { deputies, delegates } = this.ctx.index;
    for (let k = deputies.offsets[agent]; k < deputies.offsets[agent + 1]; k++) {
      const d = deputies.targets[k];
      this.invoke(d, from, span, d);
      this.harvest(d, from, span, d);
    }
    for (let k = delegates.offsets[agent]; k < delegates.offsets[agent + 1]; k++)
      this.offer(this.C + delegates.targets[k], from, span.end, span.trail, HOW_DELEGATED, NO_PATH, NO_PATH);
  }

  /** Agents credential `via` may invoke, tasked for as long as the invoker lasts; those behind an approval are noted. */
  private invoke(via: number, from: Seconds, span: Span, deputy: number): void {
    const { invokes, gatedInvokes } = this.ctx.index;
    for (let k = invokes.offsets[via]; k < invokes.offsets[via + 1]; k++)
      this.offer(this.C + invokes.targets[k], from, span.end, span.trail, HOW_INVOKED, NO_PATH, deputy);
    for (let k = gatedInvokes.offsets[via]; k < gatedInvokes.offsets[via + 1]; k++)
      this.note(this.gatedInvokes, gatedInvokes.targets[k], from, span.trail, deputy);
  }

  /**
   * Credentials held by the stores credential `via` reads. A store is read at
   * the latest moment the attacker can read it, so the copy it takes is the
   * one issued when the reader's span ends.
   */
  private harvest(via: number, from: Seconds, span: Span, deputy: number): void {
    const { harvests, harvestVia } = this.ctx.index;
    for (let k = harvests.offsets[via]; k < harvests.offsets[via + 1]; k++) {
      const h = harvests.targets[k];
      const arrival = { node: h, how: HOW_HARVESTED, pair: harvestVia[k], deputy, parent: span.trail, depth: 0 };
      if (!this.usable(h)) this.note(this.unusable, h, from, arrival);
      else this.offer(h, from, this.copyStop(h, span.end), span.trail, HOW_HARVESTED, harvestVia[k], deputy);
    }
  }

  /** Children of credential u, minted at the last moment the attacker holds the parent (the worst instance). */
  private mint(u: number, from: Seconds, span: Span): void {
    const { mints, revokedWithParent } = this.ctx.index;
    for (let k = mints.offsets[u]; k < mints.offsets[u + 1]; k++) {
      const child = mints.targets[k];
      const arrival = { node: child, how: HOW_MINTED, pair: NO_PATH, deputy: NO_PATH, parent: span.trail, depth: 0 };
      if (!this.usable(child)) {
        this.note(this.unusable, child, from, arrival);
        continue;
      }
      const own = this.copyStop(child, span.end);
      const end = revokedWithParent[child] ? Math.min(own, span.end) : own;
      this.offer(child, from, end, span.trail, HOW_MINTED, NO_PATH, NO_PATH);
    }
  }

  /** Keeps the earliest sighting of `node` in `seen`. */
  private note(seen: Map<number, Sighting>, node: number, at: Seconds, trail: Trail, deputy = NO_PATH): void {
    const current = seen.get(node);
    if (!current || at < current.at) seen.set(node, { at, trail, deputy });
  }

  /**
   * Gives node v the span [start, end) through the trail `parent` when that
   * grows what the attacker has of v. A span that grows its own end through a
   * loop back to v is taken to the loop's limit.
   */
  private offer(
    v: number,
    start: Seconds,
    end: Seconds,
    parent: Trail,
    how: number,
    pair: number,
    deputy: number,
  ): void {
    if (v === this.pinned) return;
    const trail: Trail = { node: v, how, pair, deputy, parent, depth: parent.depth + 1 };
    if (!(start < end)) {
      // Obtained, but stopped before the attacker got it: listed, reaches nothing.
      if (v < this.C) this.note(this.dead, v, start, trail);
      return;
    }
    const grown = this.state.merge(v, start, end, trail);
    if (grown === undefined) return;
    if (grown.extendedEnd) {
      const limit = this.loopLimit(v, grown.span, parent, how);
      if (limit > grown.span.end) grown.span.end = limit;
      this.bound ??= endBound(this.ctx, this.options.harvestedDetection, this.startEnds);
      if (grown.span.end !== UNBOUNDED && grown.span.end > this.bound) grown.span.end = UNBOUNDED;
      this.state.absorbFollowing(v, grown.span);
    }
    this.schedule(v);
  }

  /**
   * When the span just grown at v came through a path that already went
   * through v, that loop can be run again and again, each turn taking later
   * copies: the span's end then tends to the loop's limit. Returns that limit,
   * or -Infinity when the loop does not grow the span further. Checked by
   * running one turn from the span as it is now: every later turn starts no
   * later and ends no earlier, so the limit is reached by turns that each hold.
   */
  private loopLimit(v: number, span: Span, parent: Trail, how: number): Seconds {
    const loop: { node: number; how: number }[] = [{ node: v, how }];
    let t: Trail | null = parent;
    for (; t !== null && t.node !== v; t = t.parent) loop.push({ node: t.node, how: t.how });
    if (t === null) return Number.NEGATIVE_INFINITY;
    loop.reverse(); // nodes after v, in order, ending with the edge back into v
    let start = span.start;
    let end = span.end;
    let shift = 0;
    let cap = UNBOUNDED;
    let previous = v;
    for (const step of loop) {
      start = Math.max(start, this.opens(previous));
      if (!(start < end)) return Number.NEGATIVE_INFINITY;
      const f = this.endFunction(step.node, step.how);
      end = Math.min(end + f.shift, f.cap);
      if (!(start < end)) return Number.NEGATIVE_INFINITY;
      // Composition of min(x + a, b) with min(x + a', b'): min(x + a + a', min(b + a', b')).
      cap = Math.min(cap + f.shift, f.cap);
      shift += f.shift;
      previous = step.node;
    }
    return start <= span.end && end > span.end && shift > 0 ? cap : Number.NEGATIVE_INFINITY;
  }

  /** How entering `node` by `how` maps the end of the span it comes from: min(end + shift, cap). */
  private endFunction(node: number, how: number): { shift: Seconds; cap: Seconds } {
    if (node >= this.C) return { shift: 0, cap: UNBOUNDED }; // an agent is tasked as long as its tasker lasts
    const { index } = this.ctx;
    const cap = this.copyStop(node, UNBOUNDED);
    if (how === HOW_MINTED && index.revokedWithParent[node]) return { shift: 0, cap };
    return { shift: copyShift(index, node), cap };
  }

  result(): AttackReach {
    const paths = new PathBuilder(this.ctx, this.options.paths ?? true);
    const visited = this.state.visited();
    const { reached, gated, gatedInvocations } = collectPairs(this.ctx, this.state, visited, paths, this.gatedInvokes);
    const acquired = this.acquired(visited, paths);
    let lastStop = Number.NEGATIVE_INFINITY;
    for (const c of visited) if (c < this.C) lastStop = Math.max(lastStop, this.state.until(c));
    return {
      reached,
      gated,
      gatedInvocations,
      acquired,
      tasked: this.tasked(visited, paths),
      score: blastRadiusScore(reached),
      timeWeightedScore: timeWeightedScore(reached),
      lastStop,
    };
  }

  /** Every credential held or obtained, usable or not, by time then id. */
  private acquired(visited: readonly number[], paths: PathBuilder): AcquiredCredential[] {
    const { state } = this;
    const { credentials } = this.ctx.index;
    const out: AcquiredCredential[] = [];
    for (const c of visited) {
      if (c >= this.C) break;
      const last = state.lastSpan(c);
      out.push({
        credential: credentials[c],
        how: credentialHow(last.trail.how),
        usable: true,
        from: state.from(c),
        until: last.end,
        path: paths.to(last.trail),
      });
    }
    const listed = (seen: ReadonlyMap<number, Sighting>, usable: boolean) => {
      for (const [c, s] of seen) {
        if (state.has(c)) continue;
        const how = credentialHow(s.trail.how);
        out.push({ credential: credentials[c], how, usable, from: s.at, until: s.at, path: paths.to(s.trail) });
      }
    };
    listed(this.unusable, false);
    listed(this.dead, true);
    return out.sort((a, b) => a.from - b.from || compareText(a.credential, b.credential));
  }

  /** Agents the attacker can task. */
  private tasked(visited: readonly number[], paths: PathBuilder): TaskedAgent[] {
    const { state } = this;
    const out: TaskedAgent[] = [];
    for (const v of visited) {
      if (v < this.C) continue;
      const last = state.lastSpan(v);
      out.push({
        agent: this.ctx.index.agents[v - this.C],
        from: state.from(v),
        until: last.end,
        path: paths.to(last.trail),
      });
    }
    return out;
  }
}

/**
 * A finite end above this bound can only be on its way to never: the latest
 * finite end a credential can have is a cap (a revocation, at most the
 * incident's harvested detection plus the longest response and propagation)
 * or a starting end, plus the shifts of a path without repeats after it, each
 * credential's at most once. A loop that keeps adding past that has no cap.
 */
function endBound(ctx: AnalysisContext, harvestedDetection: Seconds, startEnds: Seconds): Seconds {
  const { index, model } = ctx;
  const { shifts, propagation } = shiftTotals(index);
  const finite = (s: Seconds) => (s === UNBOUNDED ? 0 : s);
  const response = Math.max(finite(model.response.manual), finite(model.response.automated));
  const caps = harvestedDetection === UNBOUNDED ? 0 : harvestedDetection + response + propagation;
  return Math.max(caps, startEnds) + shifts;
}

const totals = new WeakMap<ReachIndex, { shifts: Seconds; propagation: Seconds }>();

/** The sum of every credential's finite copy shift, and the longest finite propagation: once per model. */
function shiftTotals(index: ReachIndex): { shifts: Seconds; propagation: Seconds } {
  let found = totals.get(index);
  if (!found) {
    let shifts = 0;
    let propagation = 0;
    for (let c = 0; c < index.credentials.length; c++) {
      const a = copyShift(index, c);
      if (a !== UNBOUNDED) shifts += a;
      if (index.propagation[c] !== UNBOUNDED) propagation = Math.max(propagation, index.propagation[c]);
    }
    totals.set(index, (found = { shifts, propagation }));
  }
  return found;
}
