/**
 * Accepted risks: an acceptance names a finding id, `*` matching any run of
 * characters, and holds through its expiry date. A finding is accepted while
 * one of its acceptances is in force; once all have expired it fails again and
 * says so. An acceptance that matches nothing is stale.
 */
import type { ModelOnly } from '../../model/load.js';
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
export function modelAcceptances(loaded: ModelOnly): LocatedAcceptance[] {
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
      const rule = compileFindingPattern(a.acceptance.finding.split('@')[0]);
      return !ruleIds.some((id) => matchesFinding(rule, id));
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

/**
 * A finding pattern, `*` matching any run of characters, compiled once. It is
 * matched without regular expressions, in time linear in the id and the
 * pattern: the literal pieces between the stars are found left to right, each
 * at its first occurrence after the one before (for `*` alone, the leftmost
 * choice never loses a match), with a Knuth-Morris-Pratt search.
 */
export interface FindingPattern {
  /** The pattern without stars, matched by equality. */
  readonly exact?: string;
  readonly first: string;
  readonly last: string;
  readonly middle: readonly Piece[];
}

interface Piece {
  readonly text: string;
  /** failure[i]: length of the longest proper border of text[0..i]. */
  readonly failure: Int32Array;
}

export function compileFindingPattern(finding: string): FindingPattern {
  const parts = finding.split('*');
  if (parts.length === 1) return { exact: finding, first: finding, last: '', middle: [] };
  return {
    first: parts[0],
    last: parts[parts.length - 1],
    middle: parts
      .slice(1, -1)
      .filter((p) => p !== '')
      .map((text) => ({ text, failure: failureTable(text) })),
  };
}

export function matchesFinding(pattern: FindingPattern, id: string): boolean {
  if (pattern.exact !== undefined) return id === pattern.exact;
  const { first, last } = pattern;
  if (id.length < first.length + last.length || !id.startsWith(first) || !id.endsWith(last)) return false;
  let from = first.length;
  const end = id.length - last.length;
  for (const piece of pattern.middle) {
    const at = search(id, from, end, piece);
    if (at < 0) return false;
    from = at + piece.text.length;
  }
  return true;
}

function failureTable(text: string): Int32Array {
  const failure = new Int32Array(text.length);
  let k = 0;
  for (let i = 1; i < text.length; i++) {
    while (k > 0 && text.charCodeAt(i) !== text.charCodeAt(k)) k = failure[k - 1];
    if (text.charCodeAt(i) === text.charCodeAt(k)) k++;
    failure[i] = k;
  }
  return failure;
}

/** Index of the first occurrence of `piece` within id[from, end), or -1. */
function search(id: string, from: number, end: number, piece: Piece): number {
  const { text, failure } = piece;
  let k = 0;
  for (let i = from; i < end; i++) {
    const c = id.charCodeAt(i);
    while (k > 0 && c !== text.charCodeAt(k)) k = failure[k - 1];
    if (c === text.charCodeAt(k)) k++;
    if (k === text.length) return i - text.length + 1;
  }
  return -1;
}

/**
 * The acceptances of one check, indexed: those without a star by their id
 * (any number of them costs one lookup a finding), those with stars in a list
 * (their number is limited when a file is loaded).
 */
export class AcceptanceIndex {
  private readonly exact = new Map<string, LocatedAcceptance[]>();
  private readonly wildcards: { readonly pattern: FindingPattern; readonly located: LocatedAcceptance }[] = [];

  /** How many acceptances it holds. */
  readonly length: number = 0;

  constructor(acceptances: Iterable<LocatedAcceptance>) {
    for (const located of acceptances) {
      this.length++;
      const pattern = compileFindingPattern(located.acceptance.finding);
      if (pattern.exact === undefined) this.wildcards.push({ pattern, located });
      else {
        const list = this.exact.get(pattern.exact);
        if (list) list.push(located);
        else this.exact.set(pattern.exact, [located]);
      }
    }
  }

  /** Calls `each` with every acceptance whose pattern matches `id`, in the order they were given. */
  forEachMatch(id: string, each: (located: LocatedAcceptance) => void): void {
    for (const located of this.exact.get(id) ?? []) each(located);
    for (const w of this.wildcards) if (matchesFinding(w.pattern, id)) each(w.located);
  }
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
  index: AcceptanceIndex,
  today: string,
  used: Set<LocatedAcceptance>,
): AcceptanceVerdict {
  let best: LocatedAcceptance | undefined;
  index.forEachMatch(id, (located) => {
    used.add(located);
    if (!best || later(located, best, today)) best = located;
  });
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
