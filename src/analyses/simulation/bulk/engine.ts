/**
 * The worst case of every credential at once, identical to running
 * `simulateLeak` on each (leak at 0, external attacker, worst channel), in
 * time close to linear in the model.
 *
 * The attack graph has a node per credential and per agent. Its edges are of
 * two sorts:
 * - inherited: a credential invoking an agent, an agent tasking another, and a
 *   credential minting a child revoked with it. The target keeps (at most) the
 *   window of the source, so what it gives depends on where the attacker came from.
 * - fresh: harvesting a credential from a store, minting one that outlives its
 *   parent. The acquired credential starts a window of its own whose length
 *   depends only on the incident's detection class (`WindowTable.acquired`).
 *
 * So the blast radius of leaked credential r is the union of two parts:
 * - what r reaches by inherited edges, all within r's own window `rootStop[r]`
 *   (capped by the windows of children revoked with their parent): the
 *   "pieces" of r (its own grants, the closures of agents it invokes);
 * - for every credential h acquired by a fresh edge anywhere in r's reach, the
 *   pieces of h within h's window: the fixed closure, the same for every node
 *   of r's strongly connected component, computed once per component in
 *   reverse topological order (Tarjan's emission order) and merged by
 *   extending the largest successor's closure in place when it is the last to
 *   need it.
 * Each pair's window is the maximum over what reaches it. The leaked
 * credential itself is never re-acquired (`simulateLeak` pins it to its own
 * window): where it is among its component's acquired credentials, its
 * contribution is taken out with the runner-up kept per pair and per piece.
 *
 * Aggregates are exact: summed impact is an integer, and impact × seconds is
 * summed as an exact integer and divided by 3,600 once, as `simulateLeak` does.
 * The few leaks this does not model (a credential minted with
 * `revokedWithParent` inside a cycle of its own, a class where some credential's
 * window is empty, sums beyond 2^53) are reported by `needsSearch` so the
 * caller simulates them one by one.
 */
import type { Csr, ReachIndex } from '../../../graph/reach-index.js';
import { stronglyConnectedComponents } from '../../../graph/scc.js';
import { agentClosures, groupMembers, type AgentClosures } from './agent-closures.js';
import { FixedClosure, NO_ENTRY, type PairFacts } from './fixed-closure.js';
import { IntList } from './int-map.js';
import type { WindowTable } from './windows.js';

const INHERITED = 0;
const REVOKED_WITH_PARENT = 1;
const FRESH = 2;

/** The worst-case figures of one leaked credential, before formatting. */
export interface RawWorstCase {
  readonly score: number;
  /** Summed impact × seconds of every finite window (an exact integer). */
  readonly impactSeconds: number;
  /** Windows that never end. */
  readonly unbounded: number;
  /** Latest stop of the leaked credential or of any credential acquired through it. */
  readonly lastStop: number;
  /** High-impact pairs reached, ordered by `rank`. */
  readonly high: readonly number[];
}

export interface EngineInput {
  readonly index: ReachIndex;
  readonly windows: WindowTable;
  readonly facts: PairFacts;
  /** Position of each pair in (resource, action) text order. */
  readonly rank: Int32Array;
}

/** Calls `report` for every bearer credential with a non-empty window that the closure models; returns those it does not. */
export function bulkWorstCases(input: EngineInput, report: (credential: number, result: RawWorstCase) => void): Set<number> {
  return new Engine(input).run(report);
}

/** The attack graph as CSR over credentials (0..C-1) and agents (C..C+A-1), with the sort of each edge. */
interface AttackGraph extends Csr {
  readonly kind: Uint8Array;
}

class Engine {
  private readonly C: number;
  private readonly K: number;
  private readonly agents: AgentClosures;
  private readonly graph: AttackGraph;
  /** Scratch of one root's evaluation: stamped per-pair windows. */
  private readonly stamp: Int32Array;
  private readonly scratch: Float64Array;
  private stampNow = 0;
  private readonly uncapped: Float64Array;

  constructor(private readonly input: EngineInput) {
    const { index, windows } = input;
    this.C = index.credentials.length;
    this.K = windows.K;
    this.agents = agentClosures(index, input.facts);
    this.graph = attackGraph(index, windows);
    this.stamp = new Int32Array(input.facts.impact.length);
    this.scratch = new Float64Array(input.facts.impact.length);
    this.uncapped = new Float64Array(this.K).fill(Infinity);
  }

  run(report: (credential: number, result: RawWorstCase) => void): Set<number> {
    const { C, graph } = this;
    const { windows } = this.input;
    const nodes = C + this.input.index.agents.length;
    const { component, count } = stronglyConnectedComponents(graph, nodes);
    const members = groupMembers(component, count);
    const { successors, readers } = condensation(graph, component, count, members);
    // The fixed closure of each component still to be read, as one or two parts (see `materialize`).
    const views: (readonly FixedClosure[] | undefined)[] = new Array(count);
    const searchOneByOne = new Set<number>();
    const mark = new Int32Array(nodes).fill(-1);

    for (let x = 0; x < count; x++) {
      const fresh = this.freshTargets(x, members, mark);
      const trivial = members.offsets[x + 1] - members.offsets[x] === 1;
      const succ = successors.targets.subarray(successors.offsets[x], successors.offsets[x + 1]);
      // This component's reads of the parts below it are consumed now; a part nobody else reads may be taken over.
      const below: FixedClosure[] = [];
      for (const y of succ) {
        for (const part of views[y] ?? []) {
          part.readers--;
          if (part.listedBy !== x) {
            part.listedBy = x;
            below.push(part);
          }
        }
        if (--readers[y] === 0) views[y] = undefined;
      }
      // A component some other reads gets its own view; the roots of one nobody reads
      // are evaluated against the parts below plus what its fresh edges acquire, class by class.
      let view: readonly FixedClosure[] | undefined;
      if (readers[x] > 0) {
        view = this.materialize(x, below, fresh, component);
        views[x] = view;
        for (const part of view ?? []) part.readers += readers[x];
      }
      for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
        const r = members.targets[k];
        if (r >= C || !windows.bearer[r] || !(windows.rootStop[r] > 0)) continue;
        if (windows.unsafe[windows.classOf[r]] || (!trivial && this.hasRevokedWithParentParent(r))) {
          searchOneByOne.add(r);
          continue;
        }
        report(r, view ? this.evaluate(r, view, []) : this.evaluate(r, below, fresh));
      }
    }
    return searchOneByOne;
  }

  /** Credentials acquired by a fresh edge from a node of component x, each once, by window (longest first). */
  private freshTargets(x: number, members: Csr, mark: Int32Array): number[] {
    const { graph } = this;
    const out: number[] = [];
    for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
      const v = members.targets[k];
      for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
        if (graph.kind[e] !== FRESH) continue;
        const h = graph.targets[e];
        if (mark[h] !== x) {
          mark[h] = x;
          out.push(h);
        }
      }
    }
    // Longest windows first, so later contributions rarely change a piece and are skipped whole.
    const { acquired } = this.input.windows;
    const K = this.K;
    return out.sort((a, b) => acquired[b * K] - acquired[a * K] || a - b);
  }

  /**
   * The fixed closure of component x as at most two parts: a `base` shared
   * with components below (never written while another component still reads
   * it) and a `delta` this component owns, into which the rest is merged.
   * The largest part below becomes the delta when this component is its last
   * reader (so a chain of 100,000 harvests grows one closure in place), the
   * base otherwise. A contribution the base already covers as long is skipped.
   */
  private materialize(x: number, below: FixedClosure[], fresh: readonly number[], component: Int32Array): readonly FixedClosure[] | undefined {
    const { K } = this;
    below.sort((a, b) => b.size - a.size);
    let base: FixedClosure | undefined;
    let delta: FixedClosure | undefined;
    for (const part of below) {
      if (part.readers === 0 && !delta) delta = part; // taken over: nobody else reads it any more
      else if (!base && !delta) base = part;
    }
    const tracked = fresh.some((h) => component[h] === x);
    const absorbed = below.filter((part) => part !== base && part !== delta);
    if (!delta && (absorbed.length > 0 || tracked || (fresh.length > 0 && (!base || this.adds(base, fresh))))) {
      delta = new FixedClosure(K, this.input.facts);
    }
    if (!delta) return base ? [base] : undefined;
    for (const part of absorbed) delta.absorb(part);
    // The leaked credential may be among this component's own acquisitions: keep runner-ups to take it out.
    if (tracked) delta.trackEntries();
    const w = new Float64Array(K);
    for (const h of fresh) {
      const own = this.input.windows.acquired.subarray(h * K, h * K + K);
      delta.raiseLag(own, h);
      this.forEachPiece(h, (piece, cap) => {
        let covered = base !== undefined;
        for (let d = 0; d < K; d++) {
          w[d] = Math.min(cap[d], own[d]);
          if (covered && w[d] > base!.pieceWindow(piece, d)) covered = false;
        }
        if (!covered && delta!.notePiece(piece, w, h)) this.forEachPair(piece, (p) => delta!.raise(p, w, h));
      });
    }
    delta.readers = 0;
    return base ? [base, delta] : [delta];
  }

  /** Whether acquiring `fresh` would add anything to `closure`: a longer lag or a piece not yet covered as long. */
  private adds(closure: FixedClosure, fresh: readonly number[]): boolean {
    const { K } = this;
    const { acquired } = this.input.windows;
    for (const h of fresh) {
      for (let d = 0; d < K; d++) if (acquired[h * K + d] > closure.lagBest[d]) return true;
      let grows = false;
      this.forEachPiece(h, (piece, cap) => {
        for (let d = 0; d < K && !grows; d++) grows = Math.min(cap[d], acquired[h * K + d]) > closure.pieceWindow(piece, d);
      });
      if (grows) return true;
    }
    return false;
  }

  /**
   * The worst case of root r, given the fixed closure of its component (as
   * parts), or the parts below it and the credentials its component acquires
   * (`fresh`) when nobody needed that closure built.
   */
  private evaluate(r: number, closures: readonly FixedClosure[], fresh: readonly number[]): RawWorstCase {
    const { K } = this;
    const { windows, facts, rank } = this.input;
    const d = windows.classOf[r];
    const stop = windows.rootStop[r];
    let base: FixedClosure | undefined;
    for (const f of closures) if (!base || f.size > base.size) base = f;

    const st = ++this.stampNow;
    const { stamp, scratch } = this;
    let score = base ? base.score : 0;
    let impactSeconds = base ? base.twFinite[d] : 0;
    let unbounded = base ? base.unbounded[d] : 0;
    let lastStop = stop;
    const added: number[] = [];
    const move = (p: number, from: number, to: number) => {
      const impact = facts.impact[p];
      if (from === Infinity) unbounded--;
      else if (from !== -Infinity) impactSeconds -= impact * from;
      else {
        score += impact;
        if (facts.high[p]) added.push(p);
      }
      if (to === Infinity) unbounded++;
      else impactSeconds += impact * to;
    };
    const touch = (p: number, v: number) => {
      if (stamp[p] !== st) {
        stamp[p] = st;
        const counted = base ? base.window(p, d) : -Infinity;
        const target = Math.max(base ? base.windowExcluding(p, d, r) : -Infinity, v);
        if (target !== counted) move(p, counted, target);
        scratch[p] = target;
      } else if (v > scratch[p]) {
        move(p, scratch[p], v);
        scratch[p] = v;
      }
    };
    const covered = (piece: number, v: number) => {
      for (const f of closures) if (f.pieceWindowExcluding(piece, d, r) >= v) return true;
      return false;
    };

    const ledBy = (piece: number) => {
      for (const f of closures) if (f.pieceLedBy(piece, d, r)) return true;
      return false;
    };
    for (const f of closures) {
      lastStop = Math.max(lastStop, f.lagExcluding(d, r));
      if (f === base) continue;
      for (let s = 0; s < f.pairs.length; s++) touch(f.pairs[s], f.windowExcluding(f.pairs[s], d, r));
    }
    for (const h of fresh) {
      if (h === r) continue; // the leaked credential is never re-acquired
      const window = windows.acquired[h * K + d];
      lastStop = Math.max(lastStop, window);
      this.forEachPiece(h, (piece, cap) => {
        const v = Math.min(cap[d], window);
        if (!covered(piece, v)) this.forEachPair(piece, (p) => touch(p, v));
      });
    }
    // What r reaches within its own window; where r leads a piece of its closure, its pairs are corrected too.
    this.forEachPiece(r, (piece, cap) => {
      const v = Math.min(cap[d], stop);
      if (ledBy(piece) || !covered(piece, v)) this.forEachPair(piece, (p) => touch(p, v));
    });

    const baseHigh = base ? base.highPairs(rank) : [];
    const high = added.length === 0 ? baseHigh : mergeByRank(baseHigh, added, rank);
    return { score, impactSeconds, unbounded, lastStop, high };
  }

  /**
   * The pieces credential c reaches by inherited edges, each with the cap on its
   * window per class: its own grants and the closures of agents it invokes
   * (uncapped), then the same for each child minted with `revokedWithParent`,
   * capped by the child's window. An explicit stack: no recursion.
   */
  private forEachPiece(c: number, visit: (piece: number, cap: Float64Array) => void): void {
    const { index, windows } = this.input;
    const { K, C, graph } = this;
    let credential = c;
    let cap = this.uncapped;
    let stack: { c: number; cap: Float64Array }[] | undefined;
    for (;;) {
      visit(credential, cap);
      const { offsets, targets } = index.invokes;
      for (let k = offsets[credential]; k < offsets[credential + 1]; k++) {
        const piece = C + this.agents.component[targets[k]];
        let repeated = false;
        for (let j = offsets[credential]; j < k && !repeated; j++) repeated = C + this.agents.component[targets[j]] === piece;
        if (!repeated) visit(piece, cap);
      }
      for (let e = graph.offsets[credential]; e < graph.offsets[credential + 1]; e++) {
        if (graph.kind[e] !== REVOKED_WITH_PARENT) continue;
        const child = graph.targets[e];
        const childCap = new Float64Array(K);
        for (let d = 0; d < K; d++) childCap[d] = Math.min(cap[d], windows.acquired[child * K + d]);
        (stack ??= []).push({ c: child, cap: childCap });
      }
      const next = stack?.pop();
      if (!next) return;
      credential = next.c;
      cap = next.cap;
    }
  }

  /** The pairs of a piece: a credential's approval-free grants, or an agent component's closure. */
  private forEachPair(piece: number, visit: (pair: number) => void): void {
    const { index } = this.input;
    if (piece < this.C) {
      const { offsets, targets } = index.grants;
      for (let k = offsets[piece]; k < offsets[piece + 1]; k++) if (!index.grantGated[k]) visit(targets[k]);
      return;
    }
    const snapshot = this.agents.closure[piece - this.C];
    const pairs = snapshot.buffer.pairs;
    for (let i = 0; i < snapshot.length; i++) visit(pairs[i]);
  }

  /** Whether r is minted, revoked with its parent, from a credential the attacker can hold. */
  private hasRevokedWithParentParent(r: number): boolean {
    const { mints } = this.input.index;
    // mints is parent → children; the parent is the one whose list holds r (derivedFrom is single-valued).
    const parent = this.parentOf(r);
    if (parent < 0 || !this.input.windows.alive[parent]) return false;
    for (let k = mints.offsets[parent]; k < mints.offsets[parent + 1]; k++) if (mints.targets[k] === r) return this.input.index.revokedWithParent[r] === 1;
    return false;
  }

  private parents: Int32Array | undefined;
  private parentOf(c: number): number {
    if (!this.parents) {
      const { mints } = this.input.index;
      this.parents = new Int32Array(this.C).fill(-1);
      for (let p = 0; p < this.C; p++) for (let k = mints.offsets[p]; k < mints.offsets[p + 1]; k++) this.parents[mints.targets[k]] = p;
    }
    return this.parents[c];
  }
}

/**
 * Edges the attacker can follow, from alive credentials and from agents: a
 * credential invokes agents (inherited), harvests what its reads expose (fresh)
 * and mints its children (revoked with it, or fresh); an agent tasks its
 * delegates and the agents its credentials invoke (inherited) and harvests
 * through its credentials' reads (fresh). Only alive credentials are entered.
 */
function attackGraph(index: ReachIndex, windows: WindowTable): AttackGraph {
  const C = index.credentials.length;
  const A = index.agents.length;
  const offsets = new Int32Array(C + A + 1);
  const targets = new IntList();
  const kinds = new IntList();
  const edge = (to: number, kind: number) => {
    targets.push(to);
    kinds.push(kind);
  };
  const harvests = (via: number) => {
    const { offsets: o, targets: t } = index.harvests;
    for (let k = o[via]; k < o[via + 1]; k++) if (windows.alive[t[k]]) edge(t[k], FRESH);
  };
  const invokes = (via: number) => {
    const { offsets: o, targets: t } = index.invokes;
    for (let k = o[via]; k < o[via + 1]; k++) edge(C + t[k], INHERITED);
  };
  for (let c = 0; c < C; c++) {
    if (windows.alive[c]) {
      invokes(c);
      harvests(c);
      const { offsets: o, targets: t } = index.mints;
      for (let k = o[c]; k < o[c + 1]; k++) {
        const child = t[k];
        if (windows.alive[child]) edge(child, index.revokedWithParent[child] ? REVOKED_WITH_PARENT : FRESH);
      }
    }
    offsets[c + 1] = targets.length;
  }
  for (let a = 0; a < A; a++) {
    const { offsets: o, targets: t } = index.deputies;
    for (let k = o[a]; k < o[a + 1]; k++) {
      invokes(t[k]);
      harvests(t[k]);
    }
    const del = index.delegates;
    for (let k = del.offsets[a]; k < del.offsets[a + 1]; k++) edge(C + del.targets[k], INHERITED);
    offsets[C + a + 1] = targets.length;
  }
  return {
    offsets,
    targets: targets.data.subarray(0, targets.length),
    kind: Uint8Array.from(kinds.data.subarray(0, kinds.length)),
  };
}

/** Successor components of each component (each once) and how many components read each one's closure. */
function condensation(graph: Csr, component: Int32Array, count: number, members: Csr): { successors: Csr; readers: Int32Array } {
  const offsets = new Int32Array(count + 1);
  const targets = new IntList();
  const readers = new Int32Array(count);
  const seen = new Int32Array(count).fill(-1);
  for (let x = 0; x < count; x++) {
    for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
      const v = members.targets[k];
      for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
        const y = component[graph.targets[e]];
        if (y === x || seen[y] === x) continue;
        seen[y] = x;
        targets.push(y);
        readers[y]++;
      }
    }
    offsets[x + 1] = targets.length;
  }
  return { successors: { offsets, targets: targets.data.subarray(0, targets.length) }, readers };
}

function mergeByRank(sorted: readonly number[], extra: number[], rank: Int32Array): number[] {
  extra.sort((a, b) => rank[a] - rank[b]);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length || j < extra.length) {
    if (j >= extra.length || (i < sorted.length && rank[sorted[i]] < rank[extra[j]])) out.push(sorted[i++]);
    else out.push(extra[j++]);
  }
  return out;
}
