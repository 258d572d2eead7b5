/**
 * Leaked-token replay: given a leaked credential, what the attacker reaches,
 * from when, until when, and through which path. The rules are those of
 * docs/simulation.md; the search runs on the compact reach index.
 *
 * The search keeps, for every credential the attacker holds and every agent it
 * can task, the latest moment it keeps that capability (and the earliest it
 * gets it). Agents and approval-free pairs inherit the window of what reaches
 * them; a harvested or minted credential starts a fresh window of its own. A
 * node is re-expanded only when its window grows, so cycles end.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { assumptionPositions } from '../../model/assumptions.js';
import type { Assumption } from '../../model/types.js';
import { BINDING_BEARER, type ReachIndex } from '../../graph/reach-index.js';
import type { AnalysisContext } from '../context.js';
import { channelDetection, detectionSeconds, lifetime, stopTime, worstChannel, type Lifetime } from './lifetime.js';
import { MaxHeap } from './max-heap.js';

export type Attacker = 'external' | 'in-workload';

export interface LeakInput {
  readonly credential: string;
  /** When the leak happens, from the moment the leaked instance was issued. Default 0. */
  readonly at?: Seconds;
  readonly attacker?: Attacker;
  /** The channel it leaks through; default: its worst (latest-detected) channel. */
  readonly channel?: string;
  /** Time each hop (harvest, mint, invoke, delegation) takes. Default 0. */
  readonly hopDelay?: Seconds;
  /** Detection delay to use instead of the channel's figure (a sampled value, in uncertainty runs). */
  readonly detectionDelay?: Seconds;
}

/** How the attacker came to hold a credential: the leak itself, read from a resource, minted from one it holds, or found in the workload it runs in. */
export type CredentialHow = 'leaked' | 'harvested' | 'minted' | 'in-workload';

export type PathHop =
  | { readonly kind: 'credential'; readonly id: string; readonly how: CredentialHow }
  | { readonly kind: 'deputy'; readonly agent: string; readonly credential: string }
  | { readonly kind: 'access'; readonly resource: string; readonly action: string }
  | { readonly kind: 'agent'; readonly id: string; readonly how: 'invoked' | 'delegated' | 'hijacked' };

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

export interface LeakResult {
  readonly credential: string;
  readonly attacker: Attacker;
  /** The leak channel used for detection; null when the credential lists none (detection.default). */
  readonly channel: string | null;
  readonly usable: boolean;
  readonly timeline: { readonly issued: Seconds; readonly leaked: Seconds } & Lifetime;
  readonly exposureWindow: Seconds;
  readonly revocationLag: Seconds;
  readonly reached: readonly ReachedPair[];
  readonly gated: readonly GatedPair[];
  readonly acquired: readonly AcquiredCredential[];
  readonly tasked: readonly TaskedAgent[];
  readonly score: number;
  readonly timeWeightedScore: Seconds;
  /** Figures behind this result that came from defaults rather than the model. */
  readonly assumptions: readonly Assumption[];
}

const NO_PATH = -1;
const HOW_LEAKED = 0;
const HOW_HARVESTED = 1;
const HOW_MINTED = 2;
const HOW_INVOKED = 3;
const HOW_DELEGATED = 4;
const HOW_WORKLOAD = 5;
const HOW_HIJACKED = 6;

export class UnknownCredentialError extends Error {}

export function simulateLeak(ctx: AnalysisContext, input: LeakInput): LeakResult {
  const { index } = ctx;
  if (!index.credentialIndex.has(input.credential))
    throw new UnknownCredentialError(`unknown credential "${input.credential}"`);
  // One search state per index, reused: a leak touches a few nodes of a model of tens of thousands.
  const state = SearchState.for(index);
  try {
    return search(ctx, input, state);
  } finally {
    state.reset();
  }
}

function search(ctx: AnalysisContext, input: LeakInput, state: SearchState): LeakResult {
  const { model, relations, index } = ctx;
  const root = index.credentialIndex.get(input.credential)!;
  const at = input.at ?? 0;
  const attacker = input.attacker ?? 'external';
  const channel = input.channel ?? worstChannel(model, relations, input.credential);
  const detected = at + (input.detectionDelay ?? detectionSeconds(channelDetection(model, channel)));
  const rootLife = lifetime(index, model, root, 0, detected);
  const workload = attacker === 'in-workload' ? workloadCredentials(ctx, input.credential) : undefined;
  const rootUsable = index.binding[root] === BINDING_BEARER || workload !== undefined;
  // An attacker inside the workload holds every credential there, each until the incident stops it.
  const credentials: SearchStart['credentials'][number][] = [];
  if (rootUsable) credentials.push({ node: root, from: at, stop: rootLife.stopped, how: 'leaked' });
  for (const c of workload ?? []) {
    if (c !== root)
      credentials.push({ node: c, from: at, stop: lifetime(index, model, c, 0, detected).stopped, how: 'in-workload' });
  }
  const start: SearchStart = { root, detected, workload, credentials, agents: [] };
  const found = collectReach(ctx, state, explore(ctx, state, start, input.hopDelay ?? 0), true);
  const acquired = [...found.acquired];
  if (!rootUsable)
    acquired.push({
      credential: input.credential,
      how: 'leaked',
      usable: false,
      from: at,
      until: at,
      path: [{ kind: 'credential', id: input.credential, how: 'leaked' }],
    });
  acquired.sort((a, b) => a.from - b.from || compareText(a.credential, b.credential));

  // Revocation lag: from detection until the leaked instance and every credential the attacker acquired are dead.
  let lastStop = rootLife.stopped;
  for (const a of acquired) if (a.usable && a.how !== 'leaked') lastStop = Math.max(lastStop, a.until);
  const exposureWindow = rootUsable ? Math.max(0, rootLife.stopped - at) : 0;

  return {
    credential: input.credential,
    attacker,
    channel: channel ?? null,
    usable: rootUsable,
    timeline: { issued: 0, leaked: at, ...rootLife },
    exposureWindow,
    revocationLag: Math.max(0, lastStop - detected),
    reached: found.reached,
    gated: found.gated,
    acquired,
    tasked: found.tasked,
    score: blastRadiusScore(found.reached),
    timeWeightedScore: timeWeightedScore(found.reached),
    assumptions: relevantAssumptions(
      ctx,
      acquired.map((a) => a.credential),
    ),
  };
}

/** Where a search starts: what the attacker holds at the outset, and when the incident is detected. */
export interface SearchStart {
  /** The leaked credential, never re-acquired; -1 when the search starts from an agent. */
  readonly root: number;
  readonly detected: Seconds;
  /** Credentials the attacker can use whatever their binding: those of the workload it acts in. */
  readonly workload?: ReadonlySet<number>;
  /** Credentials held from `from` until `stop`. */
  readonly credentials: readonly {
    readonly node: number;
    readonly from: Seconds;
    readonly stop: Seconds;
    readonly how: 'leaked' | 'in-workload';
  }[];
  /** Agents acting for the attacker from `from` until `stop` (a hijacked agent). */
  readonly agents: readonly { readonly agent: number; readonly from: Seconds; readonly stop: Seconds }[];
}

/** What a search reaches; the paths are empty when they were not asked for. */
export interface Reach {
  readonly reached: readonly ReachedPair[];
  readonly gated: readonly GatedPair[];
  /** Every credential the attacker held, usable or not, except a leaked one it cannot use. */
  readonly acquired: readonly AcquiredCredential[];
  readonly tasked: readonly TaskedAgent[];
  /** The nodes the search reached, ascending: credential indices, then C + agent index. */
  readonly nodes: readonly number[];
}

/**
 * The search of docs/simulation.md from a given start: the leak of one
 * credential (`simulateLeak`) or a hijacked agent (./hijack.ts), with paths.
 */
export function reachFrom(ctx: AnalysisContext, start: SearchStart, hopDelay: Seconds): Reach {
  const state = SearchState.for(ctx.index);
  try {
    return collectReach(ctx, state, explore(ctx, state, start, hopDelay), true);
  } finally {
    state.reset();
  }
}

/** A search's scores alone, without a pair list or paths (what totals need), and the nodes it reached. */
export interface ReachScores {
  readonly score: number;
  readonly timeWeightedScore: number;
  readonly nodes: readonly number[];
}

export function reachScores(ctx: AnalysisContext, start: SearchStart): ReachScores {
  const state = SearchState.for(ctx.index);
  try {
    explore(ctx, state, start, 0);
    return scoresOf(ctx, state);
  } finally {
    state.reset();
  }
}

/** Runs the search; the state holds every node's window and trail, and the result is what it saw but could not use. */
function explore(
  ctx: AnalysisContext,
  state: SearchState,
  start: SearchStart,
  hop: Seconds,
): Map<number, { trail: Trail; g: Seconds }> {
  const { model, index } = ctx;
  const { root, workload } = start;
  const harvestedDetection = start.detected + model.detection.harvested;

  const C = index.credentials.length;
  const usable = (c: number) => index.binding[c] === BINDING_BEARER || (workload !== undefined && workload.has(c));
  const heap = new MaxHeap();
  const acquiredStop = (c: number, g: Seconds) => stopTime(index, model, c, g, harvestedDetection);
  const relax = (v: number, g: Seconds, s: Seconds, from: number, how: number, pair: number, deputy: number) => {
    if (v === root || !state.improves(v, g, s)) return;
    // With a hop delay, a harvest cycle can refresh a copy forever; after a few rounds jump to
    // where that converges: the credential's revocation (or never). Without one every window
    // comes from a finite set and only grows, so the search ends on its own, exactly.
    if (hop > 0 && state.improvements[v] >= MAX_IMPROVEMENTS && v < C)
      s = lifetime(index, model, v, UNBOUNDED, harvestedDetection).revocationIssued + index.propagation[v];
    state.set(v, g, s, {
      node: v,
      how,
      pair,
      deputy,
      parent: state.trail[from] ?? null,
      depth: (state.trail[from]?.depth ?? 0) + 1,
    });
    heap.push(v, s, g);
  };
  const unusableSeen = new Map<number, { trail: Trail; g: Seconds }>();
  const harvest = (u: number, via: number, deputy: number, g: Seconds) => {
    const { offsets, targets } = index.harvests;
    for (let k = offsets[via]; k < offsets[via + 1]; k++) {
      const h = targets[k];
      if (usable(h)) relax(h, g, acquiredStop(h, g), u, HOW_HARVESTED, index.harvestVia[k], deputy);
      else if (!unusableSeen.has(h)) {
        unusableSeen.set(h, {
          g,
          trail: {
            node: h,
            how: HOW_HARVESTED,
            pair: index.harvestVia[k],
            deputy,
            parent: state.trail[u] ?? null,
            depth: 0,
          },
        });
      }
    }
  };
  const invoke = (u: number, via: number, deputy: number, g: Seconds, s: Seconds) => {
    const { offsets, targets } = index.invokes;
    for (let k = offsets[via]; k < offsets[via + 1]; k++) relax(C + targets[k], g, s, u, HOW_INVOKED, NO_PATH, deputy);
  };

  for (const c of start.credentials) {
    const how = c.how === 'leaked' ? HOW_LEAKED : HOW_WORKLOAD;
    state.set(c.node, c.from, c.stop, { node: c.node, how, pair: NO_PATH, deputy: NO_PATH, parent: null, depth: 0 });
    heap.push(c.node, c.stop, c.from);
  }
  for (const a of start.agents) {
    const v = C + a.agent;
    state.set(v, a.from, a.stop, {
      node: v,
      how: HOW_HIJACKED,
      pair: NO_PATH,
      deputy: NO_PATH,
      parent: null,
      depth: 0,
    });
    heap.push(v, a.stop, a.from);
  }
  while (heap.size > 0) {
    const u = heap.pop();
    if (heap.lastKey !== state.stop[u] || heap.lastTie !== state.gain[u]) continue; // stale entry
    const g = state.gain[u];
    const s = state.stop[u];
    if (g >= s) continue; // an empty window reaches nothing
    const next = g + hop;
    if (u < C) {
      invoke(u, u, NO_PATH, next, s);
      harvest(u, u, NO_PATH, next);
      const { offsets, targets } = index.mints;
      for (let k = offsets[u]; k < offsets[u + 1]; k++) {
        const child = targets[k];
        if (!usable(child)) continue;
        // The attacker can mint a fresh one until the last moment it holds the parent: the worst case.
        const own = acquiredStop(child, Math.max(next, s));
        relax(child, next, index.revokedWithParent[child] ? Math.min(own, s) : own, u, HOW_MINTED, NO_PATH, NO_PATH);
      }
    } else {
      const agent = u - C;
      const { offsets, targets } = index.deputies;
      for (let k = offsets[agent]; k < offsets[agent + 1]; k++) {
        const d = targets[k];
        invoke(u, d, d, next, s);
        harvest(u, d, d, next);
      }
      const del = index.delegates;
      for (let k = del.offsets[agent]; k < del.offsets[agent + 1]; k++)
        relax(C + del.targets[k], next, s, u, HOW_DELEGATED, NO_PATH, NO_PATH);
    }
  }

  return unusableSeen;
}

function collectReach(
  ctx: AnalysisContext,
  state: SearchState,
  unusableSeen: ReadonlyMap<number, { trail: Trail; g: Seconds }>,
  withPaths: boolean,
): Reach {
  const { index } = ctx;
  const C = index.credentials.length;
  const paths = withPaths ? new PathBuilder(ctx, C) : undefined;
  const visited = state.visited();
  const { reached, gated } = collectPairs(ctx, state, visited, paths, C);
  const acquired: AcquiredCredential[] = [];
  for (const c of visited) {
    if (c >= C) break;
    acquired.push({
      credential: index.credentials[c],
      how: credentialHow(state.trail[c]!.how),
      usable: true,
      from: state.gain[c],
      until: Math.max(state.gain[c], state.stop[c]),
      path: paths?.to(state.trail[c]!) ?? [],
    });
  }
  for (const [h, seen] of unusableSeen) {
    if (state.reached(h)) continue;
    acquired.push({
      credential: index.credentials[h],
      how: 'harvested',
      usable: false,
      from: seen.g,
      until: seen.g,
      path: paths?.to(seen.trail) ?? [],
    });
  }
  acquired.sort((a, b) => a.from - b.from || compareText(a.credential, b.credential));

  const tasked: TaskedAgent[] = [];
  for (const v of visited) {
    if (v >= C && state.gain[v] < state.stop[v])
      tasked.push({
        agent: index.agents[v - C],
        from: state.gain[v],
        until: state.stop[v],
        path: paths?.to(state.trail[v]!) ?? [],
      });
  }

  return { reached, gated, acquired, tasked, nodes: visited };
}

/** Sum of the impact of every distinct reached pair. */
export function blastRadiusScore(reached: readonly ReachedPair[]): number {
  let score = 0;
  for (const r of reached) score += r.impact;
  return score;
}

/**
 * Sum of impact × hours of access; UNBOUNDED as soon as one access never ends.
 * Impact × seconds is summed first and divided by 3,600 once: with whole
 * seconds the sum is an exact integer, so the score does not depend on the
 * order of the pairs (the bulk worst case sums in another order).
 */
export function timeWeightedScore(reached: readonly ReachedPair[]): Seconds {
  let impactSeconds = 0;
  for (const r of reached) {
    if (r.until === UNBOUNDED) return UNBOUNDED;
    impactSeconds += r.impact * (r.until - r.from);
  }
  return impactSeconds / 3_600;
}

function collectPairs(
  ctx: AnalysisContext,
  state: SearchState,
  visited: readonly number[],
  paths: PathBuilder | undefined,
  C: number,
): { reached: ReachedPair[]; gated: GatedPair[] } {
  const { index } = ctx;
  const best = new Map<number, { from: Seconds; until: Seconds; node: number; deputy: number; hops: number }>();
  const gatedAt = new Map<number, { node: number; deputy: number }>();
  const consider = (node: number, credential: number, deputy: number) => {
    const from = state.gain[node];
    const until = state.stop[node];
    const { offsets, targets } = index.grants;
    for (let k = offsets[credential]; k < offsets[credential + 1]; k++) {
      const p = targets[k];
      if (index.grantGated[k]) {
        if (!gatedAt.has(p)) gatedAt.set(p, { node, deputy });
        continue;
      }
      const hops = state.trail[node]!.depth;
      const current = best.get(p);
      if (
        !current ||
        until > current.until ||
        (until === current.until && (from < current.from || (from === current.from && hops < current.hops)))
      ) {
        best.set(p, { from, until, node, deputy, hops });
      }
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
  const reached: ReachedPair[] = [];
  for (const [p, b] of best) {
    const resource = index.resources[index.pairResource[p]];
    const action = index.actions[index.pairAction[p]];
    reached.push({
      resource,
      action,
      impact: index.pairImpact[p],
      from: b.from,
      until: b.until,
      path: paths?.through(state.trail[b.node]!, b.deputy, p) ?? [],
    });
  }
  reached.sort((a, b) => compareText(a.resource, b.resource) || compareText(a.action, b.action));
  const gated: GatedPair[] = [];
  for (const [p, g] of gatedAt) {
    if (best.has(p)) continue; // reachable without approval through another path
    gated.push({
      resource: index.resources[index.pairResource[p]],
      action: index.actions[index.pairAction[p]],
      path: paths?.through(state.trail[g.node]!, g.deputy, p) ?? [],
    });
  }
  gated.sort((a, b) => compareText(a.resource, b.resource) || compareText(a.action, b.action));
  return { reached, gated };
}

/**
 * The scores collectPairs' pairs would give, summed as `timeWeightedScore`
 * sums them (impact × seconds, an exact integer, divided once): each pair
 * counts with its latest `until`, and among those its earliest `from`.
 */
function scoresOf(ctx: AnalysisContext, state: SearchState): ReachScores {
  const { index } = ctx;
  const C = index.credentials.length;
  const visited = state.visited();
  const until = state.pairUntil;
  const from = state.pairFrom;
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
  return { score, timeWeightedScore: unbounded ? UNBOUNDED : impactSeconds / 3_600, nodes: visited };
}

/** Every credential present in the workloads of the agents that can use the leaked one (bound ones included). */
function workloadCredentials(ctx: AnalysisContext, credential: string): Set<number> {
  const out = new Set<number>([ctx.index.credentialIndex.get(credential)!]);
  for (const [, credentials] of ctx.relations.available) {
    if (!credentials.includes(credential)) continue;
    for (const c of credentials) out.add(ctx.index.credentialIndex.get(c)!);
  }
  return out;
}

/** The model's assumptions about the model itself or the given credentials, in model order. */
export function relevantAssumptions(ctx: AnalysisContext, credentials: readonly string[]): Assumption[] {
  const { model } = ctx;
  const positions = [...assumptionPositions(model, 'model')];
  for (const c of new Set(credentials))
    for (const i of assumptionPositions(model, `credential:${c}`)) positions.push(i);
  return positions.sort((a, b) => a - b).map((i) => model.assumptions[i]);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a node was reached: an immutable chain back to the leak, so later improvements never rewrite a path. */
interface Trail {
  readonly node: number;
  readonly how: number;
  /** The pair read to harvest this credential, or NO_PATH. */
  readonly pair: number;
  /** The credential the previous agent acted with, or NO_PATH. */
  readonly deputy: number;
  readonly parent: Trail | null;
  readonly depth: number;
}

const MAX_IMPROVEMENTS = 16;

function credentialHow(how: number): CredentialHow {
  return how === HOW_LEAKED
    ? 'leaked'
    : how === HOW_MINTED
      ? 'minted'
      : how === HOW_WORKLOAD
        ? 'in-workload'
        : 'harvested';
}

/**
 * Per-node labels of one search: when the attacker gains the node, until when,
 * and the trail that gives it. Allocated once per reach index and reset after
 * each search by clearing only the nodes it touched, so one leak costs what it
 * reaches, not the size of the model.
 */
class SearchState {
  private static readonly byIndex = new WeakMap<ReachIndex, SearchState>();
  readonly gain: Float64Array;
  readonly stop: Float64Array;
  readonly improvements: Uint8Array;
  readonly trail: (Trail | undefined)[];
  /** Per pair, for `scoresOf`: the latest until and its earliest from (left at -∞/+∞ between searches). */
  readonly pairUntil: Float64Array;
  readonly pairFrom: Float64Array;
  private readonly touched: number[] = [];

  static for(index: ReachIndex): SearchState {
    let state = SearchState.byIndex.get(index);
    if (!state)
      SearchState.byIndex.set(
        index,
        (state = new SearchState(index.credentials.length + index.agents.length, index.pairImpact.length)),
      );
    return state;
  }

  private constructor(
    readonly size: number,
    pairs: number,
  ) {
    this.pairUntil = new Float64Array(pairs).fill(Number.NEGATIVE_INFINITY);
    this.pairFrom = new Float64Array(pairs).fill(Number.POSITIVE_INFINITY);
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

/** Turns trails into the readable path of hops. */
class PathBuilder {
  constructor(
    private readonly ctx: AnalysisContext,
    private readonly C: number,
  ) {}

  /** Hops from the leak to the end of `trail`. */
  to(trail: Trail): PathHop[] {
    const chain: Trail[] = [];
    for (let t: Trail | null = trail; t !== null; t = t.parent) chain.push(t);
    chain.reverse();
    const hops: PathHop[] = [];
    chain.forEach((t, i) => hops.push(...this.arrival(t, i > 0 ? chain[i - 1].node : NO_PATH)));
    return hops;
  }

  /** Hops to the trail's node, then acting through it (with `deputy` when it is an agent), then the access `pair`. */
  through(trail: Trail, deputy: number, pair: number): PathHop[] {
    const hops = this.to(trail);
    if (deputy !== NO_PATH) hops.push(this.deputyHop(trail.node, deputy));
    if (pair !== NO_PATH) hops.push(this.access(pair));
    return hops;
  }

  private arrival(t: Trail, from: number): PathHop[] {
    const { index } = this.ctx;
    const lead: PathHop[] = [];
    if (from !== NO_PATH && t.deputy !== NO_PATH) lead.push(this.deputyHop(from, t.deputy));
    if (t.pair !== NO_PATH) lead.push(this.access(t.pair));
    if (t.node < this.C)
      return [...lead, { kind: 'credential', id: index.credentials[t.node], how: credentialHow(t.how) }];
    const how = t.how === HOW_DELEGATED ? 'delegated' : t.how === HOW_HIJACKED ? 'hijacked' : 'invoked';
    return [...lead, { kind: 'agent', id: index.agents[t.node - this.C], how }];
  }

  private deputyHop(agentNode: number, credential: number): PathHop {
    const { index } = this.ctx;
    return { kind: 'deputy', agent: index.agents[agentNode - this.C], credential: index.credentials[credential] };
  }

  private access(pair: number): PathHop {
    const { index } = this.ctx;
    return {
      kind: 'access',
      resource: index.resources[index.pairResource[pair]],
      action: index.actions[index.pairAction[pair]],
    };
  }
}

/** `gh-pat → app-repo:read → deploy-key → prod-cluster:deploy`. */
export function formatPath(path: readonly PathHop[]): string {
  return path
    .map((hop) => {
      switch (hop.kind) {
        case 'credential':
          return hop.how === 'minted' ? `${hop.id} (minted)` : hop.id;
        case 'deputy':
          return `${hop.agent} acting with ${hop.credential}`;
        case 'access':
          return `${hop.resource}:${hop.action}`;
        case 'agent':
          return hop.how === 'invoked'
            ? `invoke ${hop.id}`
            : hop.how === 'hijacked'
              ? `${hop.id} (hijacked)`
              : `delegate to ${hop.id}`;
      }
    })
    .join(' → ');
}
