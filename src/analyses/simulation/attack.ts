/**
 * What an attacker reaches from what it starts with: the search behind every
 * leak simulation, with the rules of docs/simulation.md, "Blast radius". It
 * starts from credentials the attacker holds (a leaked one, or every one of a
 * workload it runs in) and spreads through grants, harvests, mints, invokes
 * and delegations on the compact reach index.
 *
 * The search keeps, for every credential the attacker holds and every agent it
 * can task, the latest moment it keeps that capability (and the earliest it
 * gets it). Agents and approval-free pairs inherit the window of what reaches
 * them; a harvested or minted credential starts a fresh window of its own. A
 * node is re-expanded only when its window grows, so cycles end.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { BINDING_BEARER, type ReachIndex } from '../../graph/reach-index.js';
import type { AnalysisContext } from '../context.js';
import { lifetime } from './lifetime.js';
import { MaxHeap } from './max-heap.js';
import { collectPairs, pairScores, type GatedPair, type PairScores, type ReachedPair } from './pairs.js';
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
  /** Time each hop (harvest, mint, invoke, delegation) takes. */
  readonly hopDelay: Seconds;
  /** When the incident's detection reaches credentials the attacker acquires (detection + `detection.harvested`). */
  readonly harvestedDetection: Seconds;
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
  /** Every credential held or obtained, the starting ones included, by time then id. */
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
 * Runs the search from `start` and reads its scores alone, with the nodes it
 * reached: what totals need, without a pair list or a path.
 */
export function attackScores(
  ctx: AnalysisContext,
  start: AttackerStart,
  options: SearchOptions,
): PairScores & { readonly nodes: readonly number[] } {
  const state = SearchState.for(ctx.index);
  try {
    new AttackSearch(ctx, state, start, options).run();
    const nodes = state.visited();
    return { ...pairScores(ctx, state, nodes), nodes };
  } finally {
    state.reset();
  }
}

/** With a hop delay, a harvest cycle improves a window this many times before it jumps to where it converges. */
const MAX_IMPROVEMENTS = 16;

/** One search: the frontier, the rules that move the attacker on, and the result read off the state. */
class AttackSearch {
  private readonly index: ReachIndex;
  private readonly C: number;
  private readonly heap = new MaxHeap();
  private readonly pinned: number;
  private readonly inWorkload: Set<number>;
  /** Harvested credentials the attacker cannot use, with where it first found them. */
  private readonly unusableSeen = new Map<number, { trail: Trail; gain: Seconds }>();

  constructor(
    private readonly ctx: AnalysisContext,
    private readonly state: SearchState,
    start: AttackerStart,
    private readonly options: SearchOptions,
  ) {
    this.index = ctx.index;
    this.C = ctx.index.credentials.length;
    const id = (c: string) => ctx.index.credentialIndex.get(c)!;
    this.pinned = start.pinned !== undefined ? id(start.pinned) : NO_PATH;
    this.inWorkload = new Set([...start.inWorkload].map(id));
    for (const held of start.held) this.hold(id(held.credential), held);
    for (const a of start.agents ?? []) {
      const v = this.C + ctx.index.agentIndex.get(a.agent)!;
      this.state.set(v, a.from, a.until, {
        node: v,
        how: HOW_HIJACKED,
        pair: NO_PATH,
        deputy: NO_PATH,
        parent: null,
        depth: 0,
      });
      this.heap.push(v, a.until, a.from);
    }
  }

  /** Whether the attacker can replay credential c: bearer, or present in a workload it runs in. */
  private usable(c: number): boolean {
    return this.index.binding[c] === BINDING_BEARER || this.inWorkload.has(c);
  }

  /** Stop of credential c acquired during the incident, issued at `issued`. */
  private acquiredStop(c: number, issued: Seconds): Seconds {
    return lifetime(this.index, this.ctx.model, c, issued, this.options.harvestedDetection).stopped;
  }

  private hold(c: number, held: HeldAtStart): void {
    const how = held.how === 'leaked' ? HOW_LEAKED : HOW_WORKLOAD;
    this.state.set(c, held.from, held.until, { node: c, how, pair: NO_PATH, deputy: NO_PATH, parent: null, depth: 0 });
    this.heap.push(c, held.until, held.from);
  }

  /** Expands the longest-lived capability first until nothing grows. */
  run(): void {
    const { heap, state } = this;
    while (heap.size > 0) {
      const u = heap.pop();
      if (heap.lastKey !== state.stop[u] || heap.lastTie !== state.gain[u]) continue; // stale entry
      const gain = state.gain[u];
      const stop = state.stop[u];
      if (gain >= stop) continue; // an empty window reaches nothing
      const next = gain + this.options.hopDelay;
      if (u < this.C) this.actWithCredential(u, next, stop);
      else this.actThroughAgent(u, next, stop);
    }
  }

  /** A credential held: invoke the agents it may, read the stores it may, mint its children. */
  private actWithCredential(u: number, next: Seconds, stop: Seconds): void {
    this.invoke(u, u, NO_PATH, next, stop);
    this.harvest(u, u, NO_PATH, next);
    this.mint(u, next, stop);
  }

  /** An agent tasked: it acts with each of its credentials, and tasks the agents it delegates to. */
  private actThroughAgent(u: number, next: Seconds, stop: Seconds): void {
    const agent = u - this.C;
    const { deputies, delegates } = this.index;
    for (let k = deputies.offsets[agent]; k < deputies.offsets[agent + 1]; k++) {
      const d = deputies.targets[k];
      this.invoke(u, d, d, next, stop);
      this.harvest(u, d, d, next);
    }
    for (let k = delegates.offsets[agent]; k < delegates.offsets[agent + 1]; k++)
      this.offer(this.C + delegates.targets[k], next, stop, u, HOW_DELEGATED, NO_PATH, NO_PATH);
  }

  /** Agents credential `via` may invoke, tasked for as long as the invoker lasts. */
  private invoke(u: number, via: number, deputy: number, gain: Seconds, stop: Seconds): void {
    const { offsets, targets } = this.index.invokes;
    for (let k = offsets[via]; k < offsets[via + 1]; k++)
      this.offer(this.C + targets[k], gain, stop, u, HOW_INVOKED, NO_PATH, deputy);
  }

  /** Credentials held by the stores credential `via` reads, each taken freshly issued at the harvest. */
  private harvest(u: number, via: number, deputy: number, gain: Seconds): void {
    const { index } = this;
    const { offsets, targets } = index.harvests;
    for (let k = offsets[via]; k < offsets[via + 1]; k++) {
      const h = targets[k];
      if (this.usable(h))
        this.offer(h, gain, this.acquiredStop(h, gain), u, HOW_HARVESTED, index.harvestVia[k], deputy);
      else if (!this.unusableSeen.has(h)) {
        const trail = {
          node: h,
          how: HOW_HARVESTED,
          pair: index.harvestVia[k],
          deputy,
          parent: this.state.trail[u] ?? null,
          depth: 0,
        };
        this.unusableSeen.set(h, { gain, trail });
      }
    }
  }

  /** Children of credential u: the worst instance is minted at the last moment the attacker holds the parent. */
  private mint(u: number, gain: Seconds, stop: Seconds): void {
    const { index } = this;
    const { offsets, targets } = index.mints;
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const child = targets[k];
      if (!this.usable(child)) continue;
      const own = this.acquiredStop(child, Math.max(gain, stop));
      this.offer(
        child,
        gain,
        index.revokedWithParent[child] ? Math.min(own, stop) : own,
        u,
        HOW_MINTED,
        NO_PATH,
        NO_PATH,
      );
    }
  }

  /** Gives node v the window [gain, stop) through `from` when that grows what the attacker has of it. */
  private offer(
    v: number,
    gain: Seconds,
    stop: Seconds,
    from: number,
    how: number,
    pair: number,
    deputy: number,
  ): void {
    const { state } = this;
    if (v === this.pinned || !state.improves(v, gain, stop)) return;
    // With a hop delay, a harvest cycle can refresh a copy forever; after a few rounds jump to
    // where that converges: the credential's revocation (or never). Without one every window
    // comes from a finite set and only grows, so the search ends on its own, exactly.
    if (this.options.hopDelay > 0 && state.improvements[v] >= MAX_IMPROVEMENTS && v < this.C)
      stop =
        lifetime(this.index, this.ctx.model, v, UNBOUNDED, this.options.harvestedDetection).revocationIssued +
        this.index.propagation[v];
    const parent = state.trail[from] ?? null;
    state.set(v, gain, stop, { node: v, how, pair, deputy, parent, depth: (parent?.depth ?? 0) + 1 });
    this.heap.push(v, stop, gain);
  }

  result(): AttackReach {
    const paths = new PathBuilder(this.ctx);
    const visited = this.state.visited();
    const { reached, gated } = collectPairs(this.ctx, this.state, visited, paths);
    const acquired = this.acquired(visited, paths);
    let lastStop = Number.NEGATIVE_INFINITY;
    for (const a of acquired) if (a.usable) lastStop = Math.max(lastStop, a.until);
    return {
      reached,
      gated,
      acquired,
      tasked: this.tasked(visited, paths),
      score: blastRadiusScore(reached),
      timeWeightedScore: timeWeightedScore(reached),
      lastStop,
    };
  }

  /** Every credential held or obtained, usable or not, by time then id. */
  private acquired(visited: readonly number[], paths: PathBuilder): AcquiredCredential[] {
    const { state, index } = this;
    const out: AcquiredCredential[] = [];
    for (const c of visited) {
      if (c >= this.C) break;
      out.push({
        credential: index.credentials[c],
        how: credentialHow(state.trail[c]!.how),
        usable: true,
        from: state.gain[c],
        until: Math.max(state.gain[c], state.stop[c]),
        path: paths.to(state.trail[c]!),
      });
    }
    for (const [h, seen] of this.unusableSeen) {
      if (state.reached(h)) continue;
      out.push({
        credential: index.credentials[h],
        how: 'harvested',
        usable: false,
        from: seen.gain,
        until: seen.gain,
        path: paths.to(seen.trail),
      });
    }
    return out.sort((a, b) => a.from - b.from || compareText(a.credential, b.credential));
  }

  /** Agents the attacker can task for a non-empty window. */
  private tasked(visited: readonly number[], paths: PathBuilder): TaskedAgent[] {
    const { state, index } = this;
    const out: TaskedAgent[] = [];
    for (const v of visited) {
      if (v >= this.C && state.gain[v] < state.stop[v])
        out.push({
          agent: index.agents[v - this.C],
          from: state.gain[v],
          until: state.stop[v],
          path: paths.to(state.trail[v]!),
        });
    }
    return out;
  }
}

/**
 * Per-node labels of one search: when the attacker gains the node, until when,
 * and the trail that gives it. Allocated once per reach index and reset after
 * each search by clearing only the nodes it touched, so one leak costs what it
 * reaches, not the size of the model.
 */
export class SearchState {
  private static readonly byIndex = new WeakMap<ReachIndex, SearchState>();
  readonly gain: Float64Array;
  readonly stop: Float64Array;
  readonly improvements: Uint8Array;
  readonly trail: (Trail | undefined)[];
  private readonly touched: number[] = [];

  static for(index: ReachIndex): SearchState {
    let state = SearchState.byIndex.get(index);
    if (!state)
      SearchState.byIndex.set(index, (state = new SearchState(index.credentials.length + index.agents.length)));
    return state;
  }

  private constructor(readonly size: number) {
    this.gain = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    this.stop = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    this.improvements = new Uint8Array(size);
    this.trail = new Array<Trail | undefined>(size);
  }
  reached(v: number): boolean {
    return this.stop[v] !== Number.NEGATIVE_INFINITY;
  }
  improves(v: number, g: Seconds, s: Seconds): boolean {
    return s > this.stop[v] || (s === this.stop[v] && g < this.gain[v]);
  }
  set(v: number, g: Seconds, s: Seconds, trail: Trail): void {
    if (this.reached(v)) {
      if (this.improvements[v] < 255) this.improvements[v]++;
    } else {
      this.touched.push(v);
    }
    this.gain[v] = g;
    this.stop[v] = s;
    this.trail[v] = trail;
  }
  /** The nodes reached, ascending (credentials first, then agents): the order results are built in. */
  visited(): number[] {
    return this.touched.slice().sort((a, b) => a - b);
  }
  reset(): void {
    for (const v of this.touched) {
      this.gain[v] = Number.POSITIVE_INFINITY;
      this.stop[v] = Number.NEGATIVE_INFINITY;
      this.improvements[v] = 0;
      this.trail[v] = undefined;
    }
    this.touched.length = 0;
  }
}
