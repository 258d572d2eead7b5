/**
 * The model's total risk, with its two attackers kept apart: the leaked copy
 * (every credential's worst-case leak, replayed from outside) and the hijacked
 * agent (every agent's hijacked-agent worst case, acting from inside its own
 * workload). The total is their sum. Every total leakradius shows comes from
 * `modelRisk`.
 */
import { UNBOUNDED } from '../../model/duration.js';

/** One attacker's part: the sum of its worst cases (UNBOUNDED when any never ends), how many never end, and the sum of the others. */
export interface RiskPart {
  readonly total: number;
  readonly unbounded: number;
  readonly bounded: number;
}

export interface ModelRisk {
  /** Every credential's worst-case leak: a copy replayed from outside. */
  readonly leakedCopy: RiskPart;
  /** Every agent's hijacked-agent worst case: the agent itself, steered by injected instructions. */
  readonly hijackedAgent: RiskPart;
  /** leakedCopy + hijackedAgent; UNBOUNDED when either is. */
  readonly total: number;
  /** Worst cases of either attacker that never end. */
  readonly unbounded: number;
  /** The sum of every bounded worst case of either attacker. */
  readonly bounded: number;
}

export function riskPart(cases: readonly { readonly timeWeightedScore: number }[]): RiskPart {
  let unbounded = 0;
  let bounded = 0;
  for (const c of cases) {
    if (c.timeWeightedScore === UNBOUNDED) unbounded++;
    else bounded += c.timeWeightedScore;
  }
  return { total: unbounded > 0 ? UNBOUNDED : bounded, unbounded, bounded };
}

export function modelRisk(
  leaks: readonly { readonly timeWeightedScore: number }[],
  hijacks: readonly { readonly timeWeightedScore: number }[],
): ModelRisk {
  return combinedRisk(riskPart(leaks), riskPart(hijacks));
}

export function combinedRisk(leakedCopy: RiskPart, hijackedAgent: RiskPart): ModelRisk {
  const unbounded = leakedCopy.unbounded + hijackedAgent.unbounded;
  const bounded = leakedCopy.bounded + hijackedAgent.bounded;
  return { leakedCopy, hijackedAgent, total: unbounded > 0 ? UNBOUNDED : bounded, unbounded, bounded };
}
