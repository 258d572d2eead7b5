/** The scores of docs/simulation.md, "Scores", over the pairs a leak reaches. */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { ReachedPair } from './pairs.js';

/** Sum of the impact of every distinct reached pair. */
export function blastRadiusScore(reached: readonly ReachedPair[]): number {
  let score = 0;
  for (const r of reached) score += r.impact;
  return score;
}

/**
 * Sum of impact × hours the attacker has each pair (the length of the union
 * of its spans); UNBOUNDED as soon as one access never ends. Impact × seconds
 * is summed first and divided by 3,600 once: with whole seconds the sum is an
 * exact integer, so the score does not depend on the order of the pairs (the
 * bulk worst case sums in another order).
 */
export function timeWeightedScore(reached: readonly ReachedPair[]): Seconds {
  let impactSeconds = 0;
  for (const r of reached) {
    if (r.held === UNBOUNDED) return UNBOUNDED;
    impactSeconds += r.impact * r.held;
  }
  return impactSeconds / 3_600;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
