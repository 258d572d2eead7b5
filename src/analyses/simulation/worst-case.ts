/**
 * The worst-case leak of every credential, and the model's total risk. The
 * worst case of a credential is its leak at the moment it is issued, by an
 * external attacker, through its latest-detected channel. Rules, the
 * recommendations and the TUI's risk badges all read these summaries.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { HIGH_IMPACT_ACTIONS, isHighOrCritical } from '../../model/weights.js';
import type { AnalysisContext } from '../context.js';
import { simulateLeak } from './leak.js';

export interface PairRef {
  readonly resource: string;
  readonly action: string;
}

export interface WorstCase {
  readonly credential: string;
  readonly exposureWindow: Seconds;
  readonly revocationLag: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
  /** Reached deploy, payment, export or delete on a high or critical resource, without approval. */
  readonly highImpact: readonly PairRef[];
}

/** Every credential's worst case, in model order. */
export function worstCases(ctx: AnalysisContext): WorstCase[] {
  return ctx.model.credentials.map((c) => worstCase(ctx, c.id));
}

export function worstCase(ctx: AnalysisContext, credential: string): WorstCase {
  const r = simulateLeak(ctx, { credential });
  const sensitivity = (id: string) => ctx.relations.resource.get(id)?.sensitivity ?? 'low';
  return {
    credential,
    exposureWindow: r.exposureWindow,
    revocationLag: r.revocationLag,
    score: r.score,
    timeWeightedScore: r.timeWeightedScore,
    highImpact: r.reached
      .filter((p) => HIGH_IMPACT_ACTIONS.has(p.action) && isHighOrCritical(sensitivity(p.resource)))
      .map((p) => ({ resource: p.resource, action: p.action })),
  };
}

/** The sum of every credential's worst-case time-weighted score; UNBOUNDED if any is. */
export function totalRisk(cases: readonly WorstCase[]): number {
  let total = 0;
  for (const c of cases) {
    if (c.timeWeightedScore === UNBOUNDED) return UNBOUNDED;
    total += c.timeWeightedScore;
  }
  return total;
}
