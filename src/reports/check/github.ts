/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`
 * for each finding that is not accepted, so findings appear on the changed
 * lines of a pull request with no upload step. GitHub shows at most 10
 * annotations of each level per step, so the most severe come first and the
 * ones past that are listed as plain log lines, counted. Values are escaped
 * as the runner requires (`%`, CR and LF everywhere; `:` and `,` in
 * properties too).
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { ruleById } from '../../analyses/rules/index.js';
import { severityRank, type Severity } from '../../model/policy.js';
import { safeInline } from '../terminal.js';
import { compareFindings } from '../../analyses/check/engine.js';
import { statusNote, summaryLine } from './summary.js';

/** Annotations of one level that GitHub shows per step; the rest it drops. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = 'error' | 'warning' | 'notice';

export function annotationLevel(severity: Severity): Level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

interface Annotation {
  readonly level: Level;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly title: string;
  readonly message: string;
}

/** `pathFor`: a model file's path from the repository root, which is what annotations are pinned to. */
export function checkGithub(report: CheckReport, pathFor: (file: string) => string = (file) => file): string {
  const shown = new Map<Level, number>();
  const lines: string[] = [];
  const overflow: Annotation[] = [];
  for (const a of annotations(report, pathFor)) {
    const count = shown.get(a.level) ?? 0;
    if (count < ANNOTATIONS_PER_LEVEL) {
      shown.set(a.level, count + 1);
      lines.push(workflowCommand(a));
    } else overflow.push(a);
  }
  if (overflow.length > 0) {
    lines.push(
      escapeData(
        `leakradius: ${overflow.length} more not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step; the job summary and --format text list them all):`,
      ),
    );
    // Plain log lines; the leading "- " keeps any of them from being read as a command.
    for (const a of overflow) lines.push(`- ${escapeData(`${a.file}:${a.line}:${a.column} ${a.message}`)}`);
  }
  lines.push(escapeData(summaryLine(report)));
  return `${lines.join('\n')}\n`;
}

/** Regressions first, then findings from the most severe down, then stale acceptances. */
function annotations(report: CheckReport, pathFor: (file: string) => string): Annotation[] {
  const out: Annotation[] = [];
  for (const r of report.regressions) {
    const c = report.credentials.find((x) => x.file === r.file && x.credential === r.credential);
    out.push({
      level: 'error',
      file: pathFor(r.file),
      line: c?.line ?? 1,
      column: c?.column ?? 1,
      title: 'leakradius regression',
      message: r.message,
    });
  }
  const findings = report.findings
    .filter((f) => f.status !== 'accepted')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareFindings(a, b));
  for (const f of findings) {
    out.push({
      level: annotationLevel(f.severity),
      file: pathFor(f.file),
      line: f.line,
      column: f.column,
      title: `${f.rule} ${ruleById(f.rule)?.title ?? ''}`.trim(),
      message: findingMessage(f),
    });
  }
  for (const a of report.stale) {
    out.push({
      level: report.strict ? 'error' : 'warning',
      file: pathFor(a.file),
      line: a.line,
      column: a.column,
      title: 'leakradius stale acceptance',
      message: `acceptance ${a.acceptance.finding} matches no finding any more`,
    });
  }
  return out;
}

function findingMessage(f: Finding): string {
  const note = statusNote(f);
  return `${f.severity}: ${f.message}${note ? ` [${note}]` : ''} (${f.id})`;
}

function workflowCommand(a: Annotation): string {
  return `::${a.level} file=${escapeProperty(a.file)},line=${a.line},col=${a.column},title=${escapeProperty(a.title)}::${escapeData(a.message)}`;
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
