/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`
 * for each finding that is not accepted, so findings appear on the changed
 * lines of a pull request with no upload step. Values are escaped as the
 * runner requires (`%`, CR and LF everywhere; `:` and `,` in properties too).
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { ruleById } from '../../analyses/rules/index.js';
import type { Severity } from '../../model/policy.js';
import { safeInline } from '../terminal.js';
import { statusNote, summaryLine } from './summary.js';

export function annotationLevel(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

export function checkGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.status === 'accepted') continue;
    lines.push(
      annotation(
        annotationLevel(f.severity),
        f.file,
        f.line,
        f.column,
        `${f.rule} ${ruleById(f.rule)?.title ?? ''}`.trim(),
        findingMessage(f),
      ),
    );
  }
  for (const r of report.regressions) {
    const c = report.credentials.find((x) => x.file === r.file && x.credential === r.credential);
    lines.push(annotation('error', r.file, c?.line ?? 1, c?.column ?? 1, 'leakradius regression', r.message));
  }
  for (const a of report.stale) {
    lines.push(
      annotation(
        report.strict ? 'error' : 'warning',
        a.file,
        a.line,
        a.column,
        'leakradius stale acceptance',
        `acceptance ${a.acceptance.finding} matches no finding any more`,
      ),
    );
  }
  lines.push(escapeData(summaryLine(report)));
  return `${lines.join('\n')}\n`;
}

function findingMessage(f: Finding): string {
  const note = statusNote(f);
  return `${f.severity}: ${f.message}${note ? ` [${note}]` : ''} (${f.id})`;
}

function annotation(level: string, file: string, line: number, col: number, title: string, message: string): string {
  return `::${level} file=${escapeProperty(file)},line=${line},col=${col},title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** Message text: `%`, CR and LF escaped, then any other control character made visible. */
export function escapeData(text: string): string {
  return safeInline(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values additionally escape `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return safeInline(
    text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C'),
  );
}
