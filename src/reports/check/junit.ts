/**
 * JUnit XML for CI dashboards: one test suite per model file, one test case
 * per rule in it. A case fails when the rule has a finding that fails the run;
 * findings that do not (below --fail-on, accepted, in the baseline) are listed
 * in its output, and rules the policy turned off are skipped.
 */
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { ruleById } from '../../analyses/rules/index.js';
import { safeText } from '../terminal.js';
import { statusNote, summaryLine } from './summary.js';

export function checkJunit(report: CheckReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const file of report.files) {
    const findings = report.findings.filter((f) => f.file === file);
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const outcome of report.rules) {
      const rule = ruleById(outcome.id);
      const name = `${outcome.id} ${rule?.title ?? ''}`.trim();
      const open = `    <testcase classname="${attr(file)}" name="${attr(name)}"`;
      if (!outcome.enabled) {
        suiteSkipped++;
        cases.push(`${open}>\n      <skipped message="turned off by the policy"/>\n    </testcase>`);
        continue;
      }
      const mine = findings.filter((f) => f.rule === outcome.id);
      const failing = mine.filter((f) => f.fails);
      const others = mine.filter((f) => !f.fails);
      if (mine.length === 0) {
        cases.push(`${open}/>`);
        continue;
      }
      const body: string[] = [];
      if (failing.length > 0) {
        suiteFailures++;
        const message = `${failing.length} ${failing.length === 1 ? 'finding' : 'findings'} at or above ${report.failOn}`;
        body.push(
          `      <failure type="${attr(highest(failing))}" message="${attr(message)}">${text(failing.map(line).join('\n'))}</failure>`,
        );
      }
      if (others.length > 0) body.push(`      <system-out>${text(others.map(line).join('\n'))}</system-out>`);
      cases.push(`${open}>\n${body.join('\n')}\n    </testcase>`);
    }
    const regressions = report.regressions.filter((r) => r.file === file);
    if (report.baseline) {
      const open = `    <testcase classname="${attr(file)}" name="baseline: no credential's worst case grew"`;
      if (regressions.length === 0) cases.push(`${open}/>`);
      else {
        suiteFailures++;
        cases.push(
          `${open}>\n      <failure type="regression" message="${regressions.length} regression(s)">${text(regressions.map((r) => r.message).join('\n'))}</failure>\n    </testcase>`,
        );
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const stale = report.stale.map((a) => `${a.file}:${a.line}:${a.column} stale acceptance ${a.acceptance.finding}`);
  const out = stale.length > 0 ? `\n  <system-out>${text(stale.join('\n'))}</system-out>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="leakradius check" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">
${suites.join('\n')}${out}
  <!-- ${comment(summaryLine(report))} -->
</testsuites>
`;
}

function line(f: Finding): string {
  const note = statusNote(f);
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.id} ${f.message}${note ? ` [${note}]` : ''}`;
}

function highest(findings: readonly Finding[]): string {
  const order = ['critical', 'high', 'medium', 'low'];
  return order.find((s) => findings.some((f) => f.severity === s)) ?? 'low';
}

/** XML text: control characters, noncharacters and lone surrogates made visible (XML 1.0 cannot carry them), markup escaped. */
function text(s: string): string {
  return safeText(s).replace(/\r/g, '\\x0d').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function comment(s: string): string {
  return safeText(s).replace(/--/g, '- -');
}
