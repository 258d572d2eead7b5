/**
 * Text for a person at a terminal or in a CI log: findings grouped by file as
 * `file:line:col severity LRxxx message`, then stale acceptances, regressions
 * and a one-line summary. Colour only where `styleFor` allows it.
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import type { Severity } from '../../model/policy.js';
import { safeInline, type Style } from '../terminal.js';
import { byFile, statusNote, summarize, summaryLine } from './summary.js';

export function checkText(report: CheckReport, style: Style): string {
  const lines: string[] = [];
  const groups = byFile(report.findings);
  for (const file of report.files) {
    const findings = groups.get(file);
    if (!findings) continue;
    lines.push(style.bold(safeInline(file)));
    for (const f of findings) lines.push(`  ${findingLine(f, style)}`);
    lines.push('');
  }
  if (report.regressions.length > 0) {
    lines.push(style.bold('Worse than the baseline'));
    for (const r of report.regressions) {
      const c = report.credentials.find((x) => x.file === r.file && x.credential === r.credential);
      lines.push(
        `  ${safeInline(`${r.file}:${c?.line ?? 1}:${c?.column ?? 1}`)} ${style.red('regression')} ${safeInline(r.message)}`,
      );
    }
    lines.push('');
  }
  if (report.stale.length > 0) {
    lines.push(style.bold('Stale acceptances (they match no finding)'));
    for (const a of report.stale) {
      const note = a.expired ? `, expired ${a.acceptance.expires}` : `, until ${a.acceptance.expires}`;
      lines.push(
        `  ${safeInline(`${a.file}:${a.line}:${a.column}`)} ${style.yellow('stale')} ${safeInline(`${a.acceptance.finding} (${a.acceptance.owner}${note})`)}`,
      );
    }
    lines.push('');
  }
  const summary = summarize(report);
  const line = summaryLine(report, summary);
  lines.push(summary.failed ? style.red(line) : summary.unaccepted === 0 ? style.green(line) : line);
  return `${lines.join('\n')}\n`;
}

function findingLine(f: Finding, style: Style): string {
  const where = safeInline(`${f.file}:${f.line}:${f.column}`);
  const severity = f.status === 'accepted' ? style.dim(`${f.severity}`) : colourSeverity(f.severity, style);
  const note = statusNote(f);
  const tags = [f.baseline === 'new' ? 'new' : undefined, note].filter((t) => t !== undefined);
  const suffix = tags.length > 0 ? ` ${style.dim(`[${safeInline(tags.join('; '))}]`)}` : '';
  return `${where} ${severity} ${safeInline(f.id)} ${safeInline(f.message)}${suffix}`;
}

export function colourSeverity(severity: Severity, style: Style): string {
  switch (severity) {
    case 'critical':
      return style.bold(style.red(severity));
    case 'high':
      return style.red(severity);
    case 'medium':
      return style.yellow(severity);
    default:
      return style.cyan(severity);
  }
}
