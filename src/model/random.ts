/**
 * The one seeded random generator (Mulberry32): integer-only state, so a seed
 * gives the same sequence on every machine. Used by the uncertainty runs, the
 * organisation generator, the fuzzer and the tests' random models.
 */

/** A function that returns the next number in [0, 1) of the sequence of `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mulberry32 with the choices its users make. */
export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
  /** Weighted choice: `weights[i]` is the relative weight of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i];
      if (x < 0) return items[i];
    }
    return items[items.length - 1];
  }
  /** k distinct items, in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    const chosen = new Uint8Array(items.length);
    let left = k;
    while (left > 0) {
      const i = this.below(items.length);
      if (!chosen[i]) {
        chosen[i] = 1;
        left--;
      }
    }
    return items.filter((_, i) => chosen[i]);
  }
  /** An index in [0, n) with a Zipf-like long tail: index 0 is the most popular. */
  zipf(n: number): number {
    // Inverse of the continuous power law with exponent 1: few heads, a long tail.
    return Math.min(n - 1, Math.floor(Math.exp(this.next() * Math.log(n + 1))) - 1);
  }
}
