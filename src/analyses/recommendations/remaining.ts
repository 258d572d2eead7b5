/**
 * What risk a model keeps, and why: each credential whose leaked copy still
 * reaches something, and each agent whose hijack still does, largest first.
 * `recommend` shows it for the model with every recommendation applied (or
 * as loaded, when there is none): a total above zero is explained, not just
 * printed.
 */
import type { Seconds } from '../../model/duration.js';
import type { Binding } from '../../model/types.js';
import type { Measured } from './measure.js';

export interface RemainingLeak {
  readonly credential: string;
  readonly binding: Binding;
  readonly exposureWindow: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
}

export interface RemainingHijack {
  readonly agent: string;
  /** The credentials it acts with, in model order. */
  readonly holds: readonly string[];
  readonly hijackEnds: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
}

export interface Remaining {
  readonly leakedCopy: readonly RemainingLeak[];
  readonly hijackedAgent: readonly RemainingHijack[];
}

export function remainingOf(measured: Measured): Remaining {
  const leakedCopy: RemainingLeak[] = [];
  for (const c of measured.model.credentials) {
    const w = measured.cases.get(c.id)!;
    if (w.timeWeightedScore > 0)
      leakedCopy.push({
        credential: c.id,
        binding: c.binding,
        exposureWindow: w.exposureWindow,
        score: w.score,
        timeWeightedScore: w.timeWeightedScore,
      });
  }
  const hijackedAgent: RemainingHijack[] = [];
  for (const a of measured.model.agents) {
    const h = measured.hijacks.get(a.id)!;
    if (h.timeWeightedScore > 0)
      hijackedAgent.push({
        agent: a.id,
        holds: measured.relations.available.get(a.id) ?? [],
        hijackEnds: h.hijackEnds,
        score: h.score,
        timeWeightedScore: h.timeWeightedScore,
      });
  }
  const largest = (x: { timeWeightedScore: number }, y: { timeWeightedScore: number }) =>
    y.timeWeightedScore - x.timeWeightedScore;
  return { leakedCopy: leakedCopy.sort(largest), hijackedAgent: hijackedAgent.sort(largest) };
}
