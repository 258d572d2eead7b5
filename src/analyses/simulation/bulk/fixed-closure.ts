/**
 * The fixed part of a closure: every (resource, action) pair that credentials
 * acquired by harvest or minting reach, with how long the attacker keeps it,
 * for each detection class at once (`values[slot * K + d]`; -Infinity: not
 * reached). An acquired credential starts a fresh window whose length depends
 * only on the incident's detection, not on the path that led to it, so this
 * part is the same for every node of a strongly connected component.
 *
 * Besides the pairs it keeps, incrementally and exactly:
 * - the aggregates the worst case reports (summed impact, impact × seconds per
 *   class as an exact integer sum, how many windows never end);
 * - the latest stop of an acquired credential per class (revocation lag);
 * - per piece (a credential's own grants, or what an agent's closure grants),
 *   the best window it was merged with, so a piece already covered at least
 *   as long is skipped without looking at its pairs;
 * - optionally, for pairs and for the lag, the best contribution's entry (the
 *   acquired credential it came from) and the best of all other entries: the
 *   leaked credential itself is never re-acquired, so its own contribution is
 *   taken out when it is the root (`value ... excluding`).
 */
import { IntMap } from './int-map.js';

/** Contributions that cannot be the leaked credential (they come from components further down). */
export const NO_ENTRY = -1;

/** Per pair: impact weight and whether it is a high-impact pair (deploy, payment, export, delete on high or critical). */
export interface PairFacts {
  readonly impact: Float64Array;
  readonly high: Uint8Array;
}

export class FixedClosure {
  readonly slots: IntMap;
  readonly pairs: number[];
  /** Plain arrays, not typed arrays: see int-map.ts on memory outside the heap. */
  readonly values: number[];
  score = 0;
  readonly twFinite: number[];
  readonly unbounded: number[];
  readonly lagBest: number[];
  readonly lagBestEntry: number[];
  readonly lagSecond: number[];
  readonly high: number[];
  readonly pieceSlots: IntMap;
  readonly pieceBest: number[];
  readonly pieceBestEntry: number[];
  readonly pieceSecond: number[];
  /** Pair-level best entry and runner-up; present only where the leaked credential can be among the entries. */
  pairBestEntry: number[] | undefined;
  pairSecond: number[] | undefined;
  /** Reads still to come: one per component above that will read a view holding this part. */
  readers = 0;
  /** The last component that listed this part among those below it (each part is listed once). */
  listedBy = -1;
  private sortedHigh: readonly number[] | undefined;

  constructor(
    readonly K: number,
    private readonly facts: PairFacts,
    source?: FixedClosure,
    expectedPairs = 8,
  ) {
    if (source) {
      this.slots = source.slots.clone();
      this.pairs = source.pairs.slice();
      this.values = source.values.slice();
      this.score = source.score;
      this.twFinite = source.twFinite.slice();
      this.unbounded = source.unbounded.slice();
      this.lagBest = source.lagBest.slice();
      this.lagBestEntry = source.lagBestEntry.slice();
      this.lagSecond = source.lagSecond.slice();
      this.high = source.high.slice();
      this.pieceSlots = source.pieceSlots.clone();
      this.pieceBest = source.pieceBest.slice();
      this.pieceBestEntry = source.pieceBestEntry.slice();
      this.pieceSecond = source.pieceSecond.slice();
      this.pairBestEntry = source.pairBestEntry?.slice();
      this.pairSecond = source.pairSecond?.slice();
      return;
    }
    this.slots = new IntMap(expectedPairs);
    this.pairs = [];
    this.values = [];
    this.twFinite = new Array<number>(K).fill(0);
    this.unbounded = new Array<number>(K).fill(0);
    this.lagBest = new Array<number>(K).fill(-Infinity);
    this.lagBestEntry = new Array<number>(K).fill(NO_ENTRY);
    this.lagSecond = new Array<number>(K).fill(-Infinity);
    this.high = [];
    this.pieceSlots = new IntMap();
    this.pieceBest = [];
    this.pieceBestEntry = [];
    this.pieceSecond = [];
  }

  get size(): number {
    return this.pairs.length;
  }

  /** Start keeping pair-level runner-ups; what is already here counts as no entry. */
  trackEntries(): void {
    if (this.pairBestEntry) return;
    this.pairBestEntry = new Array<number>(this.values.length).fill(NO_ENTRY);
    this.pairSecond = new Array<number>(this.values.length).fill(-Infinity);
  }

  /**
   * Notes that `piece` is merged with windows `w` from `entry`. Returns whether
   * that can change any pair: false when the piece is already covered at least
   * as long, for every class, by this entry or (when entries are tracked) twice over.
   */
  notePiece(piece: number, w: ArrayLike<number>, entry: number): boolean {
    const K = this.K;
    let slot = this.pieceSlots.get(piece);
    if (slot < 0) {
      slot = this.pieceSlots.size;
      this.pieceSlots.set(piece, slot);
      for (let d = 0; d < K; d++) {
        this.pieceBest.push(w[d]);
        this.pieceBestEntry.push(entry);
        this.pieceSecond.push(-Infinity);
      }
      return true;
    }
    let changed = false;
    for (let d = 0; d < K; d++) {
      const i = slot * K + d;
      const v = w[d];
      if (this.pieceBestEntry[i] === entry) {
        if (v > this.pieceBest[i]) {
          this.pieceBest[i] = v;
          changed = true;
        }
      } else if (v > this.pieceBest[i]) {
        this.pieceSecond[i] = this.pieceBest[i];
        this.pieceBest[i] = v;
        this.pieceBestEntry[i] = entry;
        changed = true;
      } else if (v > this.pieceSecond[i]) {
        this.pieceSecond[i] = v;
        if (this.pairBestEntry) changed = true;
      }
    }
    return changed;
  }

  /** The window `piece` is covered with in class d, leaving out `entry`'s own contribution; -Infinity when absent. */
  pieceWindowExcluding(piece: number, d: number, entry: number): number {
    const slot = this.pieceSlots.get(piece);
    if (slot < 0) return -Infinity;
    const i = slot * this.K + d;
    return this.pieceBestEntry[i] === entry ? this.pieceSecond[i] : this.pieceBest[i];
  }

  /** The best window `piece` is covered with in class d; -Infinity when absent. */
  pieceWindow(piece: number, d: number): number {
    const slot = this.pieceSlots.get(piece);
    return slot < 0 ? -Infinity : this.pieceBest[slot * this.K + d];
  }

  /** Whether `entry` gives the best window of `piece` in class d. */
  pieceLedBy(piece: number, d: number, entry: number): boolean {
    const slot = this.pieceSlots.get(piece);
    return slot >= 0 && this.pieceBestEntry[slot * this.K + d] === entry;
  }

  /** Raises the windows of `pair` to at least `w` (per class), as given by `entry`. */
  raise(pair: number, w: ArrayLike<number>, entry: number): void {
    const K = this.K;
    let slot = this.slots.get(pair);
    if (slot < 0) {
      slot = this.pairs.length;
      this.slots.set(pair, slot);
      this.pairs.push(pair);
      for (let d = 0; d < K; d++) {
        this.values.push(-Infinity);
        this.pairBestEntry?.push(NO_ENTRY);
        this.pairSecond?.push(-Infinity);
      }
      this.score += this.facts.impact[pair];
      if (this.facts.high[pair]) {
        this.high.push(pair);
        this.sortedHigh = undefined;
      }
    }
    const impact = this.facts.impact[pair];
    const bestEntry = this.pairBestEntry;
    const second = this.pairSecond;
    for (let d = 0; d < K; d++) {
      const i = slot * K + d;
      const v = w[d];
      const old = this.values[i];
      if (bestEntry && second) {
        if (bestEntry[i] === entry) {
          if (v > old) this.values[i] = v;
        } else if (v > old) {
          second[i] = old;
          bestEntry[i] = entry;
          this.values[i] = v;
        } else if (v > second[i]) {
          second[i] = v;
        }
      } else if (v > old) {
        this.values[i] = v;
      }
      if (this.values[i] !== old) this.account(d, impact, old, this.values[i]);
    }
  }

  /** Keeps the latest stop of an acquired credential per class, with the entry that gives it. */
  raiseLag(w: ArrayLike<number>, entry: number): void {
    for (let d = 0; d < this.K; d++) {
      const v = w[d];
      if (this.lagBestEntry[d] === entry) {
        if (v > this.lagBest[d]) this.lagBest[d] = v;
      } else if (v > this.lagBest[d]) {
        this.lagSecond[d] = this.lagBest[d];
        this.lagBest[d] = v;
        this.lagBestEntry[d] = entry;
      } else if (v > this.lagSecond[d]) {
        this.lagSecond[d] = v;
      }
    }
  }

  /** Latest stop of a credential acquired in class d, leaving out `entry`. */
  lagExcluding(d: number, entry: number): number {
    return this.lagBestEntry[d] === entry ? this.lagSecond[d] : this.lagBest[d];
  }

  /** Merges a closure further down (its entries can never be the leaked credential of this one). */
  absorb(other: FixedClosure): void {
    const K = this.K;
    const w = new Float64Array(K);
    for (let s = 0; s < other.pairs.length; s++) {
      for (let d = 0; d < K; d++) w[d] = other.values[s * K + d];
      this.raise(other.pairs[s], w, NO_ENTRY);
    }
    // Piece maxima do not come along: they only let later contributions be skipped, and
    // copying them costs more than raising the few pairs a missing record lets through.
    this.raiseLag(other.lagBest, NO_ENTRY);
  }

  /** Window of the pair in class d (-Infinity when absent). */
  window(pair: number, d: number): number {
    const slot = this.slots.get(pair);
    return slot < 0 ? -Infinity : this.values[slot * this.K + d];
  }

  /** Window of the pair in class d without `entry`'s contribution. */
  windowExcluding(pair: number, d: number, entry: number): number {
    const slot = this.slots.get(pair);
    if (slot < 0) return -Infinity;
    const i = slot * this.K + d;
    if (this.pairBestEntry && this.pairSecond && this.pairBestEntry[i] === entry) return this.pairSecond[i];
    return this.values[i];
  }

  /** High-impact pairs ordered by `rank`, cached until the closure changes. */
  highPairs(rank: Int32Array): readonly number[] {
    if (this.sortedHigh && this.sortedHigh.length === this.high.length) return this.sortedHigh;
    const out = this.high.slice();
    out.sort((a, b) => rank[a] - rank[b]);
    return (this.sortedHigh = out);
  }

  private account(d: number, impact: number, from: number, to: number): void {
    if (from === Infinity) this.unbounded[d]--;
    else if (from !== -Infinity) this.twFinite[d] -= impact * from;
    if (to === Infinity) this.unbounded[d]++;
    else if (to !== -Infinity) this.twFinite[d] += impact * to;
  }
}
