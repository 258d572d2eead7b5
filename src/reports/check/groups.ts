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
  const scores = new Map<string, number>();
  for (const c of report.credentials) scores.set(`${c.file}\u0000credential:${c.credential}`, c.score);
  const riskOf = (f: Finding) => scores.get(`${f.file}\u0000${f.element}`) ?? 0;

  const groups = new Map<string, { cause: string; findings: Finding[] }>();
  for (const f of report.findings) {
    const cause = causeOf(f.message);
    const key = [f.rule, f.file, cause, f.status, f.baseline ?? '', f.fails ? 'fails' : ''].join('\u0000');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cause, findings: [] }));
    group.findings.push(f);
  }
  const result: FindingGroup[] = [];
  for (const [key, { cause, findings }] of groups) {
    const risks = new Map(findings.map((f) => [f, riskOf(f)]));
    findings.sort((a, b) => risks.get(b)! - risks.get(a)! || compareText(a.id, b.id));
    result.push({ key, cause, findings, risk: risks.get(findings[0])! });
  }
  return result.sort(
    (a, b) =>
      severityRank(b.findings[0].severity) - severityRank(a.findings[0].severity) ||
      b.risk - a.risk ||
      b.findings.length - a.findings.length ||
      compareText(a.key, b.key),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
