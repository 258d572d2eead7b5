/**
 * Accepted risks: an acceptance names a finding id, `*` matching any run of
 * characters, and holds through its expiry date. A finding is accepted while
 * one of its acceptances is in force; once all have expired it fails again and
 * says so. An acceptance that matches nothing is stale.
 */
import type { Acceptance } from '../../model/types.js';

export type AcceptanceSource = 'policy' | 'model';

export interface LocatedAcceptance {
  readonly acceptance: Acceptance;
  readonly source: AcceptanceSource;
  readonly file: string;
  readonly line: number;
  readonly column: number;
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
