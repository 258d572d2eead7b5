/**
 * Markdown for a pull-request comment or a CI job summary: the verdict, a
 * table of the findings that count, then what got worse, what is accepted and
 * what is stale. Text from model files is escaped so it cannot add markup,
 * links, mentions or HTML.
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { safeInline } from '../terminal.js';
import { statusNote, summarize, summaryLine } from './summary.js';

/** Rows in a table; a PR comment is limited to 65,536 characters. */
const MAX_ROWS = 100;

export function checkMarkdown(report: CheckReport): string {
  const s = summarize(report);
  const out: string[] = [];
  out.push(`### leakradius check: ${s.failed ? 'failed' : 'passed'}`, '', md(summaryLine(report, s)), '');
  const shown = report.findings.filter((f) => f.status !== 'accepted');
  if (shown.length > 0) {
    out.push(...table(shown, report.baseline), '');
  }
  if (report.regressions.length > 0) {
    out.push('**Worse than the baseline**', '');
    for (const r of report.regressions) out.push(`- ${md(r.file)}: ${md(r.message)}`);
    out.push('');
  }
  const accepted = report.findings.filter((f) => f.status === 'accepted');
  if (accepted.length > 0) {
    out.push(
      `<details><summary>${accepted.length} accepted</summary>`,
      '',
      ...table(accepted, false),
      '',
      '</details>',
      '',
    );
  }
  if (report.stale.length > 0) {
    out.push('**Stale acceptances** (they match no finding any more)', '');
    for (const a of report.stale)
      out.push(
        `- ${md(`${a.file}:${a.line}:${a.column}`)}: ${md(a.acceptance.finding)} (${md(a.acceptance.owner)}, ${a.expired ? 'expired' : 'until'} ${md(a.acceptance.expires)})`,
      );
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function table(findings: readonly Finding[], baseline: boolean): string[] {
  const rows = [
    `| Severity | Finding id | Location | Finding |${baseline ? ' Baseline |' : ''}`,
    `| --- | --- | --- | --- |${baseline ? ' --- |' : ''}`,
  ];
  for (const f of findings.slice(0, MAX_ROWS)) {
    const note = statusNote(f);
    const severity = f.fails ? `**${f.severity}**` : f.severity;
    const message = `${md(f.message)}${note ? ` _(${md(note)})_` : ''}`;
    rows.push(
      `| ${severity} | ${findingId(f.id)} | ${md(`${f.file}:${f.line}:${f.column}`)} | ${message} |${baseline ? ` ${f.baseline ?? ''} |` : ''}`,
    );
  }
  if (findings.length > MAX_ROWS) rows.push('', `… and ${findings.length - MAX_ROWS} more: see the full report.`);
  return rows;
}

/** A finding id as code, ready to copy into an acceptance; escaped instead when it could break out of the code span. */
function findingId(id: string): string {
  return /^[A-Za-z0-9._:/@+*-]+$/.test(id) ? `\`${id}\`` : md(id);
}

/**
 * Escapes Markdown and HTML, and defuses @mentions, #references and the
 * links GitHub makes of bare URLs and `www.` names: the `:` of `://` and the
 * `.` of `www.` become entities, which the autolinker does not see through.
 */
export function md(text: string): string {
  return safeInline(text)
    .replace(/[\\`*_[\]<>|~@#]/g, (c) => (c === '@' ? '&#64;' : c === '#' ? '&#35;' : `\\${c}`))
    .replace(/:\/\//g, '&#58;//')
    .replace(/\b(www)\./gi, '$1&#46;');
}
