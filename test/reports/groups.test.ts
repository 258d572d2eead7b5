/**
 * Findings of one cause become one SARIF result with a count and related
 * locations, worst first; a run stays within code scanning's limits and says
 * what it left out.
 */
import { describe, expect, it } from 'vitest';
import type { CheckReport, Finding } from '../../src/analyses/check/types.js';
import { causeOf, groupFindings } from '../../src/reports/check/groups.js';
import { MAX_RELATED_LOCATIONS, MAX_SARIF_RESULTS, checkSarif } from '../../src/reports/check/sarif.js';
import { checkYaml } from '../helpers/check.js';

/** Five agents with no owner and no purpose (LR012, one cause), and one with a purpose but no owner. */
const MODEL = `version: 1
agents:
${['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => `  - { id: ${id} }`).join('\n')}
  - { id: b1, purpose: billing }
`;

describe('findings grouped by cause', () => {
  it('leaves the names and counts out of a cause, and keeps the settings (durations)', () => {
    expect(causeOf('credential "x" is revoked by hand; a leak stays usable for 14d8h (limit 1d)')).toBe(
      'credential … is revoked by hand; a leak stays usable for 14d8h (limit 1d)',
    );
    expect(causeOf('credential "c" grants 2 actions no workflow uses: crm:write, crm:delete')).toBe(
      'credential … grants N actions no workflow uses: …',
    );
    expect(causeOf('credential "c" is shared by agents "a", "b", "c" and 12 more')).toBe(
      'credential … is shared by agents …',
    );
  });

  it('one SARIF result per cause, with the count and every other finding as a related location', () => {
    const report = checkYaml(MODEL, { file: 'm.yaml' });
    const lr012 = report.findings.filter((f) => f.rule === 'LR012');
    expect(lr012.length).toBe(6);
    const results = checkSarif(report, { version: '1', uriFor: (f) => f }).runs[0].results!.filter(
      (r) => r.ruleId === 'LR012',
    );
    // Two causes: "has no owner and no purpose" (a1..a5) and "has no owner" (b1).
    expect(results.map((r) => r.properties!.count ?? 1).sort()).toEqual([1, 5]);
    const grouped = results.find((r) => r.properties!.count === 5)!;
    expect(grouped.relatedLocations!.length).toBe(4);
    const elements = [grouped.locations![0], ...grouped.relatedLocations!].map(
      (l) => l.logicalLocations![0].fullyQualifiedName,
    );
    expect(elements.sort()).toEqual(['agent:a1', 'agent:a2', 'agent:a3', 'agent:a4', 'agent:a5']);
    expect(grouped.message.text).toContain('and 4 more of the same cause');
  });

  it('caps the results and the related locations, keeps the most severe, and says what it left out', () => {
    const finding = (i: number, severity: Finding['severity']): Finding => ({
      id: `LR001@x${i}`,
      rule: 'LR001',
      element: `credential:x${i}`,
      severity,
      // Letters, not digits: each message a cause of its own.
      message: `cause ${i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)])}`,
      file: 'm.yaml',
      line: i + 1,
      column: 1,
      path: 'credentials',
      status: 'open',
      fails: true,
    });
    const findings = Array.from({ length: MAX_SARIF_RESULTS + 10 }, (_, i) => finding(i, i < 10 ? 'critical' : 'low'));
    // And one cause found many times.
    for (let i = 0; i < MAX_RELATED_LOCATIONS + 50; i++)
      findings.push({ ...finding(0, 'low'), id: `LR001@y${i}`, element: `credential:y${i}`, message: 'same' });
    const report = {
      files: ['m.yaml'],
      findings,
      found: findings,
      credentials: [],
      regressions: [],
      stale: [],
      rules: [{ id: 'LR001', enabled: true, severity: 'high' }],
      failOn: 'high',
      strict: false,
      today: '2025-01-01',
      baseline: false,
      failed: true,
    } satisfies CheckReport;
    expect(groupFindings(report).length).toBe(MAX_SARIF_RESULTS + 11);
    const run = checkSarif(report, { version: '1', uriFor: (f) => f }).runs[0];
    expect(run.results!.length).toBe(MAX_SARIF_RESULTS);
    expect(run.results!.slice(0, 10).every((r) => r.properties!.severity === 'critical')).toBe(true);
    const big = run.results!.find((r) => r.properties!.count === MAX_RELATED_LOCATIONS + 50)!;
    expect(big.relatedLocations!.length).toBe(MAX_RELATED_LOCATIONS);
    const note = run.invocations![0].toolExecutionNotifications![0].message.text!;
    expect(note).toMatch(/^11 findings of 11 less severe causes are left out/);
    expect(note).toContain('--format json');
  });
});
