/**
 * Findings grouped by root cause, for reports that a machine caps (SARIF for
 * code scanning): the findings of one rule, in one file, whose messages say
 * the same thing about different elements ("credential … is revoked by hand;
 * a leak stays usable for 14d8h (limit 1d)") come from one setting or one
 * pattern, and are one thing to fix. Groups come worst first: by severity,
 * then by the highest blast-radius score among their credentials, then by size.
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { severityRank } from '../../model/policy.js';

export interface FindingGroup {
  /** Rule, file, cause, status and baseline state: findings alike in everything a report shows of them. */
  readonly key: string;
  /** The message with the names of elements and the counts in it left out. */
  readonly cause: string;
  /** Worst first (highest score of the credential, then id). */
  readonly findings: readonly Finding[];
  /** The highest worst-case score among the group's credentials (0 when none is a credential). */
  readonly risk: number;
}

/**
 * What a message says once the names in it (quoted, or `resource:action`),
 * the lists of them and the counts are left out; durations, which name a
 * setting (`14d8h`, `limit 1d`), stay.
 */
export function causeOf(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/[A-Za-z0-9._@/+-]+:[A-Za-z0-9._@/+*-]+/g, '…')
    .replace(/\b\d+\b(?![wdhms])/g, 'N')
    .replace(/(?:"…"|…)(?:(?:, | and )(?:"…"|…))*/g, '…')
    .replace(/ and N more/g, '');
}

export function groupFindings(report: CheckReport): FindingGroup[] {
  const scores = new Map<string, Map<string, number>>();
  for (const c of report.credentials) {
    let byElement = scores.get(c.file);
    if (!byElement) scores.set(c.file, (byElement = new Map()));
    byElement.set(`credential:${c.credential}`, c.score);
  }

  // Nested by what a group shares, so that the group's key is written once, not once a finding.
  const groups = new Map<string, Map<string, Map<string, Map<string, { cause: string; findings: Finding[] }>>>>();
  for (const f of report.found) {
    const state = `${f.status}\u0000${f.baseline ?? ''}\u0000${f.fails ? 'fails' : ''}`;
    const cause = causeOf(f.message);
    const group = child(child(child(groups, f.rule), f.file), state);
    let same = group.get(cause);
    if (!same) group.set(cause, (same = { cause, findings: [] }));
    same.findings.push(f);
  }
  const result: FindingGroup[] = [];
  for (const [rule, byFile] of groups)
    for (const [file, byState] of byFile)
      for (const [state, byCause] of byState)
        for (const { cause, findings } of byCause.values()) {
          const byElement = scores.get(file);
          const ranked = findings.map((f) => ({ f, id: f.id, risk: byElement?.get(f.element) ?? 0 }));
          ranked.sort((a, b) => b.risk - a.risk || compareText(a.id, b.id));
          result.push({
            key: [rule, file, cause, state].join('\u0000'),
            cause,
            findings: ranked.map((r) => r.f),
            risk: ranked[0].risk,
          });
        }
  return result.sort(
    (a, b) =>
      severityRank(b.findings[0].severity) - severityRank(a.findings[0].severity) ||
      b.risk - a.risk ||
      b.findings.length - a.findings.length ||
      compareText(a.key, b.key),
  );
}

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let value = map.get(key);
  if (!value) map.set(key, (value = new Map()));
  return value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
