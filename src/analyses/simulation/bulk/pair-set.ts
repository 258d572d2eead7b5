/**
 * Sets of (resource, action) pairs that only grow, kept in insertion order so
 * that an earlier state is a prefix: a `PairSnapshot` (buffer, length) stays
 * valid while a later owner keeps adding to the same buffer. A chain of
 * 100,000 delegations then shares one buffer instead of copying 100,000
 * growing sets.
 *
 * Invariants: a pair occurs once per buffer; `position(p) < length` is
 * membership in a snapshot of that length; only a snapshot at the tip of its
 * buffer (`length === buffer.length`) may extend it, so every snapshot stays a
 * prefix of what it was built from.
 */
import { IntMap } from './int-map.js';

/** Plain arrays, not typed arrays: there is one buffer per agent component (see int-map.ts). */
export class PairBuffer {
  readonly pairs: number[] = [];
  readonly position = new IntMap(4);
  /** impactPrefix[i]: summed impact of the first i pairs (integer weights, exact). */
  readonly impactPrefix: number[] = [0];
  /** Positions of high-impact pairs, ascending. */
  readonly high: number[] = [];

  add(pair: number, impact: number, isHigh: boolean): void {
    if (this.position.get(pair) >= 0) return;
    const at = this.pairs.length;
    this.pairs.push(pair);
    this.position.set(pair, at);
    this.impactPrefix.push(this.impactPrefix[at] + impact);
    if (isHigh) this.high.push(at);
  }

  get length(): number {
    return this.pairs.length;
  }
}

export class PairSnapshot {
  private sortedHigh: readonly number[] | undefined;
  constructor(
    readonly buffer: PairBuffer,
    readonly length: number,
    /** How many of the buffer's high-impact positions fall inside this snapshot. */
    readonly highCount: number,
  ) {}

  static of(buffer: PairBuffer): PairSnapshot {
    return new PairSnapshot(buffer, buffer.length, buffer.high.length);
  }

  has(pair: number): boolean {
    const at = this.buffer.position.get(pair);
    return at >= 0 && at < this.length;
  }

  /** Summed impact of the pairs. */
  get impact(): number {
    return this.buffer.impactPrefix[this.length];
  }

  /** Whether this snapshot may be extended in place: it is the tip of its buffer. */
  get extensible(): boolean {
    return this.length === this.buffer.length;
  }

  /** High-impact pairs, ordered by `rank` (ascending), computed once. */
  highPairs(rank: Int32Array): readonly number[] {
    if (this.sortedHigh) return this.sortedHigh;
    const out: number[] = [];
    const { high, pairs } = this.buffer;
    for (let i = 0; i < this.highCount; i++) out.push(pairs[high[i]]);
    out.sort((a, b) => rank[a] - rank[b]);
    return (this.sortedHigh = out);
  }
}
