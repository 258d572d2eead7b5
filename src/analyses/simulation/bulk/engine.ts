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
 * A child minted from a credential the attacker holds is minted at the
 * latest moment the parent allows. Revoked with its parent, it keeps the
 * parent's window capped by its own revocation; otherwise, where its TTL or
 * task end bounds it, its window is the parent's shifted by that bound and
 * capped by its revocation (a "late mint"). Both are inherited edges: each
 * piece a credential reaches carries a window min(w + shift, cap) of the
 * window w it is reached with, and such windows compose along mint chains.
 *
 * The few leaks this does not model (a minted credential inside a cycle of
 * its own, a class where some credential's window is empty, sums beyond 2^53) are returned by `bulkWorstCases` so the
 * caller simulates them one by one.
 */
import type { Csr, ReachIndex } from '../../../graph/reach-index.js';
import { stronglyConnectedComponents } from '../../../graph/scc.js';
import { agentClosures, groupMembers, type AgentClosures } from './agent-closures.js';
import { FixedClosure, type PairFacts } from './fixed-closure.js';
import { IntList } from './int-map.js';
import type { WindowTable } from './windows.js';

const INHERITED = 0;
const REVOKED_WITH_PARENT = 1;
const LATE_MINT = 3;
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
export function bulkWorstCases(
  input: EngineInput,
  report: (credential: number, result: RawWorstCase) => void,
): Set<number> {
  return new Engine(input).run(report);
}

/** The attack graph as CSR over credentials (0..C-1) and agents (C..C+A-1), with the sort of each edge. */
interface AttackGraph extends Csr {
  readonly kind: Uint8Array;
  readonly nodes: number;
}

class Engine {
  private readonly C: number;
  private readonly K: number;
  private readonly agents: AgentClosures;
  private readonly graph: AttackGraph;
  /** Approval-free grants of each credential (the pairs of its own piece). */
  private readonly ownPairs: Csr;
  /** Per credential: the pieces it reaches by inherited edges, the row of `caps` that caps each and the shift of its window. */
  private readonly pieces: Csr;
  private readonly pieceCap: Int32Array;
  private readonly pieceShift: Float64Array;
  /** Caps per class, K numbers a row; row 0 is uncapped. */
  private readonly caps: Float64Array;

  // The evaluation of one root: stamped per-pair windows and running aggregates.
  private readonly stamp: Int32Array;
  private readonly scratch: Float64Array;
  private stampNow = 0;
  private evBase: FixedClosure | undefined;
  private evClass = 0;
  private evRoot = 0;
  private evScore = 0;
  private evImpactSeconds = 0;
  private evUnbounded = 0;
  private evLastStop = 0;
  private readonly evAdded: number[] = [];

  constructor(private readonly input: EngineInput) {
    const { index, windows } = input;
    this.C = index.credentials.length;
    this.K = windows.K;
    this.agents = agentClosures(index, input.facts);
    this.graph = attackGraph(index, windows);
    this.ownPairs = approvalFree(index);
    const { pieces, pieceCap, pieceShift, caps } = inheritedPieces(index, windows, this.graph, this.agents);
    this.pieces = pieces;
    this.pieceCap = pieceCap;
    this.pieceShift = pieceShift;
    this.caps = caps;
    this.stamp = new Int32Array(input.facts.impact.length);
    this.scratch = new Float64Array(input.facts.impact.length);
  }

  run(report: (credential: number, result: RawWorstCase) => void): Set<number> {
    const { C, graph } = this;
    const { windows } = this.input;
    const { nodes } = graph;
    const { component, count } = stronglyConnectedComponents(graph, nodes);
    const members = groupMembers(component, count);
    const { successors, readers } = condensation(graph, component, count, members);
    // The fixed closure of each component still to be read, as one or two parts (see `materialize`).
    const views: (readonly FixedClosure[] | undefined)[] = new Array(count);
    const searchOneByOne = new Set<number>();
    const mark = new Int32Array(nodes).fill(-1);
    const parents = revokedWithParentParents(this.input.index, windows);
    const readsLate = rootsReadingLateCopies(graph, windows, C);

    const below: FixedClosure[] = [];
    for (let x = 0; x < count; x++) {
      const trivial = members.offsets[x + 1] - members.offsets[x] === 1;
      if (trivial && readers[x] === 0 && successors.offsets[x] === successors.offsets[x + 1]) {
        // A credential that leads nowhere: its worst case is its own grants within its own window.
        const r = members.targets[members.offsets[x]];
        if (
          r < C &&
          graph.offsets[r] === graph.offsets[r + 1] &&
          windows.bearer[r] &&
          windows.rootStop[r] > 0 &&
          !windows.unsafe[windows.classOf[r]]
        ) {
          report(r, this.ownGrantsOnly(r));
          continue;
        }
      }
      const fresh = this.freshTargets(x, members, mark);
      // This component's reads of the parts below it are consumed now; a part nobody else reads may be taken over.
      below.length = 0;
      for (let k = successors.offsets[x]; k < successors.offsets[x + 1]; k++) {
        const y = successors.targets[k];
        const parts = views[y];
        if (parts) {
          for (let i = 0; i < parts.length; i++) {
            const part = parts[i];
            part.readers--;
            if (part.listedBy !== x) {
              part.listedBy = x;
              below.push(part);
            }
          }
        }
        if (--readers[y] === 0) views[y] = undefined;
      }
      // A component some other reads, or with several credentials, gets its own view; the one
      // credential of a component nobody reads is evaluated against the parts below plus what
      // its fresh edges acquire, in its class only.
      let view: readonly FixedClosure[] | undefined;
      if (readers[x] > 0 || !trivial) {
        view = this.materialize(x, below, fresh, component);
        if (readers[x] > 0) {
          views[x] = view;
          if (view) for (let i = 0; i < view.length; i++) view[i].readers += readers[x];
        }
      }
      for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
        const r = members.targets[k];
        if (r >= C || !windows.bearer[r] || !(windows.rootStop[r] > 0)) continue;
        // Not modelled: a class where reachability depends on the class; a credential minted, revoked with
        // its parent or minted late, inside a cycle (simulateLeak would stop at it where the closure goes through it);
        // a leak that can read a store whose copies, taken at the latest moment, last as long as the reader does.
        if (windows.unsafe[windows.classOf[r]] || (!trivial && parents[r] >= 0) || readsLate[r]) {
          searchOneByOne.add(r);
          continue;
        }
        report(
          r,
          readers[x] > 0 || !trivial ? this.evaluate(r, view ?? NONE_PARTS, NONE) : this.evaluate(r, below, fresh),
        );
      }
    }
    return searchOneByOne;
  }

  /** The worst case of a credential with no way on: its approval-free grants for its own window. */
  private ownGrantsOnly(r: number): RawWorstCase {
    const { facts, rank, windows } = this.input;
    const stop = windows.rootStop[r];
    const { offsets, targets } = this.ownPairs;
    let score = 0;
    let high: number[] | undefined;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const p = targets[k];
      score += facts.impact[p];
      if (facts.high[p]) (high ??= []).push(p);
    }
    const bounded = stop !== Infinity;
    return {
      score,
      impactSeconds: bounded ? score * stop : 0,
      unbounded: bounded ? 0 : offsets[r + 1] - offsets[r],
      lastStop: stop,
      high: high ? high.sort((a, b) => rank[a] - rank[b]) : NONE,
    };
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
    if (out.length < 2) return out;
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
  private materialize(
    x: number,
    below: FixedClosure[],
    fresh: readonly number[],
    component: Int32Array,
  ): readonly FixedClosure[] | undefined {
    const { K, C, pieces, pieceCap, pieceShift, caps } = this;
    below.sort((a, b) => b.size - a.size);
    let base: FixedClosure | undefined;
    let delta: FixedClosure | undefined;
    for (let i = 0; i < below.length; i++) {
      const part = below[i];
      if (part.readers === 0 && !delta)
        delta = part; // taken over: nobody else reads it any more
      else if (!base && !delta) base = part;
    }
    let tracked = false;
    for (let i = 0; i < fresh.length; i++) if (component[fresh[i]] === x) tracked = true;
    const absorbed = below.filter((part) => part !== base && part !== delta);
    if (!delta && (absorbed.length > 0 || tracked || (fresh.length > 0 && (!base || this.adds(base, fresh))))) {
      let expected = 8;
      for (let i = 0; i < absorbed.length; i++) expected += absorbed[i].size;
      delta = new FixedClosure(K, this.input.facts, undefined, expected);
    }
    if (!delta) return base ? [base] : undefined;
    for (let i = 0; i < absorbed.length; i++) delta.absorb(absorbed[i]);
    // The leaked credential may be among this component's own acquisitions: keep runner-ups to take it out.
    if (tracked) delta.trackEntries();
    const w = new Float64Array(K);
    const own = new Float64Array(K);
    const { acquired } = this.input.windows;
    for (let i = 0; i < fresh.length; i++) {
      const h = fresh[i];
      for (let d = 0; d < K; d++) own[d] = acquired[h * K + d];
      delta.raiseLag(own, h);
      for (let j = pieces.offsets[h]; j < pieces.offsets[h + 1]; j++) {
        const piece = pieces.targets[j];
        const row = pieceCap[j] * K;
        const shift = pieceShift[j];
        let covered = base !== undefined;
        for (let d = 0; d < K; d++) {
          w[d] = Math.min(caps[row + d], own[d] + shift);
          if (covered && w[d] > base!.pieceWindow(piece, d)) covered = false;
        }
        if (piece < C && shift > 0) delta.raiseLag(w, h); // a late mint can outlast h
        if (covered || !delta.notePiece(piece, w, h)) continue;
        if (piece < this.C) {
          const { offsets, targets } = this.ownPairs;
          for (let k = offsets[piece]; k < offsets[piece + 1]; k++) delta.raise(targets[k], w, h);
        } else {
          const snapshot = this.agents.closure[piece - this.C];
          const pairs = snapshot.buffer.pairs;
          for (let i = 0; i < snapshot.length; i++) delta.raise(pairs[i], w, h);
        }
      }
    }
    delta.readers = 0;
    return base ? [base, delta] : [delta];
  }

  /** Whether acquiring `fresh` would add anything to `closure`: a longer lag or a piece not yet covered as long. */
  private adds(closure: FixedClosure, fresh: readonly number[]): boolean {
    const { K, C, pieces, pieceCap, pieceShift, caps } = this;
    const { acquired } = this.input.windows;
    for (let i = 0; i < fresh.length; i++) {
      const h = fresh[i];
      for (let d = 0; d < K; d++) if (acquired[h * K + d] > closure.lagBest[d]) return true;
      for (let j = pieces.offsets[h]; j < pieces.offsets[h + 1]; j++) {
        const row = pieceCap[j] * K;
        const piece = pieces.targets[j];
        for (let d = 0; d < K; d++) {
          const v = Math.min(caps[row + d], acquired[h * K + d] + pieceShift[j]);
          if (v > closure.pieceWindow(piece, d) || (piece < C && v > closure.lagBest[d])) return true;
        }
      }
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
    const { windows, rank } = this.input;
    const d = windows.classOf[r];
    const stop = windows.rootStop[r];
    let base: FixedClosure | undefined;
    for (let i = 0; i < closures.length; i++) if (!base || closures[i].size > base.size) base = closures[i];
    this.stampNow++;
    this.evBase = base;
    this.evClass = d;
    this.evRoot = r;
    this.evScore = base ? base.score : 0;
    this.evImpactSeconds = base ? base.twFinite[d] : 0;
    this.evUnbounded = base ? base.unbounded[d] : 0;
    this.evAdded.length = 0;
    this.evLastStop = stop;

    for (let i = 0; i < closures.length; i++) {
      const f = closures[i];
      this.evLastStop = Math.max(this.evLastStop, f.lagExcluding(d, r));
      if (f === base) continue;
      for (let s = 0; s < f.pairs.length; s++) this.touch(f.pairs[s], f.windowExcluding(f.pairs[s], d, r));
    }
    for (let i = 0; i < fresh.length; i++) {
      const h = fresh[i];
      if (h === r) continue; // the leaked credential is never re-acquired
      const window = windows.acquired[h * K + d];
      this.evLastStop = Math.max(this.evLastStop, window);
      this.touchPieces(h, window, closures, false);
    }
    // What r reaches within its own window; where r leads a piece of its closure, its pairs are corrected too.
    this.touchPieces(r, stop, closures, true);

    const baseHigh = base ? base.highPairs(rank) : NONE;
    const high = this.evAdded.length === 0 ? baseHigh : mergeByRank(baseHigh, this.evAdded.slice(), rank);
    return {
      score: this.evScore,
      impactSeconds: this.evImpactSeconds,
      unbounded: this.evUnbounded,
      lastStop: this.evLastStop,
      high,
    };
  }

  /** Touches the pairs of the pieces credential c reaches within `window`, skipping pieces the closures cover as long. */
  private touchPieces(c: number, window: number, closures: readonly FixedClosure[], leaked: boolean): void {
    const { K, C, pieces, pieceCap, pieceShift, caps } = this;
    const d = this.evClass;
    const r = this.evRoot;
    for (let j = pieces.offsets[c]; j < pieces.offsets[c + 1]; j++) {
      const piece = pieces.targets[j];
      const v = Math.min(caps[pieceCap[j] * K + d], window + pieceShift[j]);
      if (piece < C && v > this.evLastStop) this.evLastStop = v; // a minted child counts toward the lag
      let skip = false;
      for (let i = 0; i < closures.length; i++) {
        const f = closures[i];
        if (leaked && f.pieceLedBy(piece, d, r)) {
          skip = false;
          break;
        }
        if (f.pieceWindowExcluding(piece, d, r) >= v) skip = true;
      }
      if (skip) continue;
      if (piece < C) {
        const { offsets, targets } = this.ownPairs;
        for (let k = offsets[piece]; k < offsets[piece + 1]; k++) this.touch(targets[k], v);
      } else {
        const snapshot = this.agents.closure[piece - C];
        const pairs = snapshot.buffer.pairs;
        for (let i = 0; i < snapshot.length; i++) this.touch(pairs[i], v);
      }
    }
  }

  /** Raises pair p to window v for the root being evaluated (on first touch, taking the root out of the base's value). */
  private touch(p: number, v: number): void {
    const { stamp, scratch } = this;
    if (stamp[p] !== this.stampNow) {
      stamp[p] = this.stampNow;
      const base = this.evBase;
      const counted = base ? base.window(p, this.evClass) : -Infinity;
      const target = Math.max(base ? base.windowExcluding(p, this.evClass, this.evRoot) : -Infinity, v);
      if (target !== counted) this.move(p, counted, target);
      scratch[p] = target;
    } else if (v > scratch[p]) {
      this.move(p, scratch[p], v);
      scratch[p] = v;
    }
  }

  private move(p: number, from: number, to: number): void {
    const { facts } = this.input;
    const impact = facts.impact[p];
    if (from === Infinity) this.evUnbounded--;
    else if (from !== -Infinity) this.evImpactSeconds -= impact * from;
    else {
      this.evScore += impact;
      if (facts.high[p]) this.evAdded.push(p);
    }
    if (to === Infinity) this.evUnbounded++;
    else this.evImpactSeconds += impact * to;
  }
}

const NONE: readonly number[] = Object.freeze([]);
const NONE_PARTS: readonly FixedClosure[] = Object.freeze([]);

/** Approval-free grants of each credential, as CSR. */
function approvalFree(index: ReachIndex): Csr {
  const C = index.credentials.length;
  const offsets = new Int32Array(C + 1);
  const targets = new IntList();
  for (let c = 0; c < C; c++) {
    for (let k = index.grants.offsets[c]; k < index.grants.offsets[c + 1]; k++)
      if (!index.grantGated[k]) targets.push(index.grants.targets[k]);
    offsets[c + 1] = targets.length;
  }
  return { offsets, targets: targets.data.subarray(0, targets.length) };
}

/**
 * The pieces each credential reaches by inherited edges, with the cap on each
 * one's window per class: its own grants and the closures of the agents it
 * invokes (uncapped), then the same for each child minted with
 * `revokedWithParent`, capped by that child's window (and its ancestors').
 * An explicit stack: no recursion.
 */
function inheritedPieces(
  index: ReachIndex,
  windows: WindowTable,
  graph: AttackGraph,
  agents: AgentClosures,
): { pieces: Csr; pieceCap: Int32Array; pieceShift: Float64Array; caps: Float64Array } {
  const C = index.credentials.length;
  const K = windows.K;
  const offsets = new Int32Array(C + 1);
  const targets = new IntList();
  const capOf = new IntList();
  const shiftOf: number[] = [];
  const caps: number[] = new Array<number>(K).fill(Infinity);
  for (let c = 0; c < C; c++) {
    const stack: { c: number; row: number; shift: number }[] = [{ c, row: 0, shift: 0 }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      targets.push(top.c);
      capOf.push(top.row);
      shiftOf.push(top.shift);
      const { offsets: o, targets: t } = index.invokes;
      for (let k = o[top.c]; k < o[top.c + 1]; k++) {
        const piece = C + agents.component[t[k]];
        let repeated = false;
        for (let j = o[top.c]; j < k && !repeated; j++) repeated = C + agents.component[t[j]] === piece;
        if (repeated) continue;
        targets.push(piece);
        capOf.push(top.row);
        shiftOf.push(top.shift);
      }
      for (let e = graph.offsets[top.c]; e < graph.offsets[top.c + 1]; e++) {
        const kind = graph.kind[e];
        if (kind !== REVOKED_WITH_PARENT && kind !== LATE_MINT) continue;
        const child = graph.targets[e];
        const row = caps.length / K;
        // Revoked with its parent: min(w, cap). Minted late: min(min(w, cap) + a, b) = min(w + a, cap + a, b).
        const a = kind === LATE_MINT ? windows.mintShift[child] : 0;
        for (let d = 0; d < K; d++) caps.push(Math.min(caps[top.row * K + d] + a, windows.mintedCap[child * K + d]));
        stack.push({ c: child, row, shift: top.shift + a });
      }
    }
    offsets[c + 1] = targets.length;
  }
  return {
    pieces: { offsets, targets: targets.data.subarray(0, targets.length) },
    pieceCap: capOf.data.subarray(0, capOf.length),
    pieceShift: Float64Array.from(shiftOf),
    caps: Float64Array.from(caps),
  };
}

/**
 * Credentials whose leak can read, in its own detection class, a store holding
 * a credential whose copy lasts as long as its reader does, plus its shift
 * (`WindowTable.lateHarvest`): what that copy reaches depends on the path, so
 * those leaks are simulated one by one. One backward sweep per class that has
 * such copies.
 */
function rootsReadingLateCopies(graph: AttackGraph, windows: WindowTable, C: number): Uint8Array {
  const { K, lateHarvest, classOf } = windows;
  const out = new Uint8Array(C);
  const { nodes, offsets, targets, kind } = graph;
  let reverse: Csr | undefined;
  const seen = new Int32Array(nodes).fill(-1);
  for (let d = 0; d < K; d++) {
    const queue: number[] = [];
    for (let v = C; v < nodes; v++) {
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        if (kind[e] === FRESH && targets[e] < C && lateHarvest[targets[e] * K + d] && seen[v] !== d) {
          seen[v] = d;
          queue.push(v);
        }
      }
    }
    if (queue.length === 0) continue;
    reverse ??= transpose(graph);
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (v < C && classOf[v] === d) out[v] = 1;
      for (let e = reverse.offsets[v]; e < reverse.offsets[v + 1]; e++) {
        const u = reverse.targets[e];
        if (seen[u] !== d) {
          seen[u] = d;
          queue.push(u);
        }
      }
    }
  }
  return out;
}

function transpose(graph: AttackGraph): Csr {
  const { nodes, offsets, targets } = graph;
  const counts = new Int32Array(nodes + 1);
  for (let e = 0; e < targets.length; e++) counts[targets[e] + 1]++;
  for (let v = 0; v < nodes; v++) counts[v + 1] += counts[v];
  const fill = counts.slice(0, nodes);
  const reversed = new Int32Array(targets.length);
  for (let u = 0; u < nodes; u++) for (let e = offsets[u]; e < offsets[u + 1]; e++) reversed[fill[targets[e]]++] = u;
  return { offsets: counts, targets: reversed };
}

/** For each credential minted with `revokedWithParent` from an alive parent: that parent, else -1. */
function revokedWithParentParents(index: ReachIndex, windows: WindowTable): Int32Array {
  const C = index.credentials.length;
  const parents = new Int32Array(C).fill(-1);
  for (let p = 0; p < C; p++) {
    if (!windows.alive[p]) continue;
    for (let k = index.mints.offsets[p]; k < index.mints.offsets[p + 1]; k++) {
      const child = index.mints.targets[k];
      if (index.revokedWithParent[child] || windows.issueDependent[child]) parents[child] = p;
    }
  }
  return parents;
}

/**
 * Edges the attacker can follow, over credentials (0..C-1), agents (C..C+A-1)
 * and stores (C+A..): a credential invokes agents (inherited), reads stores
 * and mints its children (revoked with it, or fresh); an agent tasks its
 * delegates and the agents its credentials invoke (inherited) and reads
 * stores through its credentials; a store hands over every alive credential
 * it holds (fresh). A store is a node of its own so that what reading it
 * gives is closed over once, not once per reader. Only alive credentials are
 * entered.
 */
function attackGraph(index: ReachIndex, windows: WindowTable): AttackGraph {
  const C = index.credentials.length;
  const A = index.agents.length;
  // Stores: resources whose reading hands over some alive credential.
  const storeOf = new Int32Array(index.resources.length).fill(-1);
  const stored: number[][] = [];
  for (let c = 0; c < C; c++) {
    const { offsets: o, targets: t } = index.harvests;
    for (let k = o[c]; k < o[c + 1]; k++) {
      if (!windows.alive[t[k]]) continue;
      const resource = index.pairResource[index.harvestVia[k]];
      if (storeOf[resource] < 0) {
        storeOf[resource] = stored.length;
        stored.push([]);
      }
    }
  }
  for (let r = 0; r < index.resources.length; r++) {
    if (storeOf[r] < 0) continue;
    const held = stored[storeOf[r]];
    for (let k = index.holds.offsets[r]; k < index.holds.offsets[r + 1]; k++) {
      const c = index.holds.targets[k];
      if (windows.alive[c] && !held.includes(c)) held.push(c);
    }
  }
  const S = stored.length;
  const offsets = new Int32Array(C + A + S + 1);
  const targets = new IntList();
  const kinds = new IntList();
  const edge = (to: number, kind: number) => {
    targets.push(to);
    kinds.push(kind);
  };
  const reads = (via: number) => {
    const { offsets: o, targets: t } = index.harvests;
    const first = targets.length;
    for (let k = o[via]; k < o[via + 1]; k++) {
      const store = storeOf[index.pairResource[index.harvestVia[k]]];
      if (store < 0 || !windows.alive[t[k]]) continue;
      const node = C + A + store;
      let repeated = false;
      for (let j = first; j < targets.length && !repeated; j++) repeated = targets.data[j] === node;
      if (!repeated) edge(node, INHERITED);
    }
  };
  const invokes = (via: number) => {
    const { offsets: o, targets: t } = index.invokes;
    for (let k = o[via]; k < o[via + 1]; k++) edge(C + t[k], INHERITED);
  };
  for (let c = 0; c < C; c++) {
    if (windows.alive[c]) {
      invokes(c);
      reads(c);
      const { offsets: o, targets: t } = index.mints;
      for (let k = o[c]; k < o[c + 1]; k++) {
        const child = t[k];
        if (!windows.alive[child]) continue;
        edge(
          child,
          index.revokedWithParent[child] ? REVOKED_WITH_PARENT : windows.issueDependent[child] ? LATE_MINT : FRESH,
        );
      }
    }
    offsets[c + 1] = targets.length;
  }
  for (let a = 0; a < A; a++) {
    const { offsets: o, targets: t } = index.deputies;
    for (let k = o[a]; k < o[a + 1]; k++) {
      invokes(t[k]);
      reads(t[k]);
    }
    const del = index.delegates;
    for (let k = del.offsets[a]; k < del.offsets[a + 1]; k++) edge(C + del.targets[k], INHERITED);
    offsets[C + a + 1] = targets.length;
  }
  for (let s = 0; s < S; s++) {
    for (const c of stored[s]) edge(c, FRESH);
    offsets[C + A + s + 1] = targets.length;
  }
  return {
    offsets,
    targets: targets.data.subarray(0, targets.length),
    kind: Uint8Array.from(kinds.data.subarray(0, kinds.length)),
    nodes: C + A + S,
  };
}

/** Successor components of each component (each once) and how many components read each one's closure. */
function condensation(
  graph: Csr,
  component: Int32Array,
  count: number,
  members: Csr,
): { successors: Csr; readers: Int32Array } {
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

function mergeByRank(sorted: readonly number[], extra: number[], rank: Int32Array): readonly number[] {
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
