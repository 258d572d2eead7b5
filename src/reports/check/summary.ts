/** Counts and wording every check report shares. */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { SEVERITIES, type Severity } from '../../model/policy.js';

export interface CheckSummary {
  readonly files: number;
  /** Findings not accepted (open, or with an expired acceptance), by severity. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly unaccepted: number;
  readonly accepted: number;
  readonly expired: number;
  readonly failing: number;
  /** With a baseline: unaccepted findings the earlier report did not have. */
  readonly new: number;
  readonly regressions: number;
  readonly stale: number;
  readonly failed: boolean;
}

export function summarize(report: CheckReport): CheckSummary {
  const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  let accepted = 0;
  let expired = 0;
  let fresh = 0;
  for (const f of report.found) {
    if (f.status === 'accepted') {
      accepted++;
      continue;
    }
    if (f.status === 'expired') expired++;
    if (f.baseline === 'new') fresh++;
    bySeverity[f.severity]++;
  }
  return {
    files: report.files.length,
    bySeverity,
    unaccepted: report.found.length - accepted,
    accepted,
    expired,
    failing: report.found.filter((f) => f.fails).length,
    new: fresh,
    regressions: report.regressions.length,
    stale: report.stale.length,
    failed: report.failed,
  };
}

/** `12 findings (2 critical, 6 high, 4 medium)` */
export function countsText(s: CheckSummary): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`);
  return `${plural(s.unaccepted, 'finding')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The one-line summary: what was checked, what was found, and the verdict with its reasons. */
export function summaryLine(report: CheckReport, s: CheckSummary = summarize(report)): string {
  const extras: string[] = [];
  if (s.accepted > 0) extras.push(`${s.accepted} accepted`);
  if (s.expired > 0) extras.push(`${plural(s.expired, 'expired acceptance')}`);
  if (report.baseline) extras.push(`${s.new} new since the baseline`);
  if (s.regressions > 0) extras.push(plural(s.regressions, 'regression'));
  if (s.stale > 0) extras.push(plural(s.stale, 'stale acceptance'));
  const head = `${plural(s.files, 'file')} checked: ${countsText(s)}${extras.length > 0 ? `, ${extras.join(', ')}` : ''}`;
  return `${head}. ${verdict(report, s)}`;
}

export function verdict(report: CheckReport, s: CheckSummary = summarize(report)): string {
  if (!s.failed) return `Passed (--fail-on ${report.failOn}).`;
  const why: string[] = [];
  if (s.failing > 0)
    why.push(
      `${s.failing} ${report.baseline ? 'new or expired ' : ''}${s.failing === 1 ? 'finding' : 'findings'} at or above ${report.failOn}`,
    );
  if (s.regressions > 0) why.push(plural(s.regressions, 'regression'));
  if (report.strict && s.stale > 0) why.push(`${plural(s.stale, 'stale acceptance')} under --strict`);
  return `Failed: ${why.join(', ')}.`;
}

/** Why a finding does or does not count, in a few words: `accepted until 2026-06-30`, `acceptance expired 2025-01-31`. */
export function statusNote(f: Finding): string | undefined {
  if (f.status === 'accepted')
    return `accepted until ${f.acceptance!.acceptance.expires} by ${f.acceptance!.acceptance.owner}: ${f.acceptance!.acceptance.reason}`;
  if (f.status === 'expired')
    return `acceptance expired ${f.acceptance!.acceptance.expires} (${f.acceptance!.acceptance.owner}): fails again`;
  return undefined;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Findings grouped by file, in report order. */
export function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.file) ?? [];
    list.push(f);
    out.set(f.file, list);
  }
  return out;
}
