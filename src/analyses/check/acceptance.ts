/**
 * Accepted risks: an acceptance names a finding id, `*` matching any run of
 * characters, and holds through its expiry date. A finding is accepted while
 * one of its acceptances is in force; once all have expired it fails again and
 * says so. An acceptance that matches nothing is stale.
 */
import type { LoadedModel } from '../../model/load.js';
import { didYouMean, quote } from '../../model/messages.js';
import type { Policy } from '../../model/policy.js';
import type { Acceptance } from '../../model/types.js';
import type { Diagnostic } from '../../yaml/diagnostic.js';

export type AcceptanceSource = 'policy' | 'model';

export interface LocatedAcceptance {
  readonly acceptance: Acceptance;
  readonly source: AcceptanceSource;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A model's own acceptances, each where it is written. */
export function modelAcceptances(loaded: LoadedModel): LocatedAcceptance[] {
  return loaded.model.accept.map((acceptance): LocatedAcceptance => ({
    acceptance,
    source: 'model',
    file: loaded.file,
    ...loaded.sourceMap.locate(acceptance.path),
  }));
}

/** A policy's acceptances, each where it is written. */
export function policyAcceptances(policy: Policy): LocatedAcceptance[] {
  return policy.accept.map((acceptance, i): LocatedAcceptance => ({
    acceptance,
    source: 'policy',
    file: policy.file ?? '(policy)',
    ...(policy.acceptLocations[i] ?? { line: 1, column: 1 }),
  }));
}

/** Acceptances whose rule part (before `@`) names no rule of the catalogue: they would accept nothing, silently. */
export function acceptancesOfUnknownRules(
  acceptances: readonly LocatedAcceptance[],
  ruleIds: readonly string[],
): Diagnostic[] {
  return acceptances
    .filter((a) => {
      const rule = acceptancePattern(a.acceptance.finding.split('@')[0]);
      return !ruleIds.some((id) => rule.test(id));
    })
    .map((a) => {
      const rule = a.acceptance.finding.split('@')[0];
      return {
        file: a.file,
        line: a.line,
        column: a.column,
        message: `acceptance ${quote(a.acceptance.finding)}: there is no rule ${quote(rule)}${didYouMean(rule, ruleIds)} (see \`leakradius rules\`)`,
      };
    });
}

/** `LR004@credential:*` as a whole-string matcher. */
export function acceptancePattern(finding: string): RegExp {
  const body = finding
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** Whether the acceptance still holds on `today` (both YYYY-MM-DD: it holds through its expiry day). */
export function inForce(acceptance: Acceptance, today: string): boolean {
  return acceptance.expires >= today;
}

export type AcceptanceVerdict =
  { readonly status: 'open' } | { readonly status: 'accepted' | 'expired'; readonly by: LocatedAcceptance };

/** The verdict for one finding id: accepted by the longest-lasting acceptance in force, else expired by the latest one, else open. */
export function verdictFor(
  id: string,
  candidates: readonly { readonly pattern: RegExp; readonly located: LocatedAcceptance }[],
  today: string,
  used: Set<LocatedAcceptance>,
): AcceptanceVerdict {
  let best: LocatedAcceptance | undefined;
  for (const c of candidates) {
    if (!c.pattern.test(id)) continue;
    used.add(c.located);
    if (!best || later(c.located, best, today)) best = c.located;
  }
  if (!best) return { status: 'open' };
  return { status: inForce(best.acceptance, today) ? 'accepted' : 'expired', by: best };
}

/** In force beats expired; then the later expiry; ties keep the first. */
function later(a: LocatedAcceptance, b: LocatedAcceptance, today: string): boolean {
  const aIn = inForce(a.acceptance, today);
  const bIn = inForce(b.acceptance, today);
  if (aIn !== bIn) return aIn;
  return a.acceptance.expires > b.acceptance.expires;
}
