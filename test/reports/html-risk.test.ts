/**
 * The HTML report's risk: both attackers and their sum, per model and in the
 * organisation summary, from the totals recommend and chokepoints compare.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../src/analyses/organisation/report-data.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { reportHtml } from '../../src/reports/html/report.js';
import { load } from '../helpers/model.js';

const data = (file: string) =>
  reportData(file, load(readFileSync(file, 'utf8'), file), {
    policy: DEFAULT_POLICY,
    today: '2026-01-01',
    recommendations: false,
  });

describe('the HTML report counts both attackers', () => {
  it('shows the leaked-copy and hijacked-agent risk of a model, and their sum', () => {
    // docs/simulation.md: leaked copy 33,660 (gh-pat-dana) + 1,170 (prod-deploy-sa-token) + 240 (llm-api-key)
    // = 35,070; hijacked coder 15,300 + 720 + 18,360 = 34,380; total 69,450.
    const m = data('models/coding-agent.yaml');
    expect(m.measured.totals.leakedCopy.total).toBe(35_070);
    expect(m.measured.totals.hijackedAgent.total).toBe(34_380);
    const page = reportHtml([m], 'test');
    expect(page).toMatch(/<th>leaked copy<\/th><td class="num big">35070<\/td>/);
    expect(page).toMatch(/<th>hijacked agent<\/th><td class="num big">34380<\/td>/);
    expect(page).toMatch(/<th>total<\/th><td class="num big">69450<\/td>/);
  });

  it('gives each model of the organisation its total, split into the two attackers', () => {
    const models = [data('models/coding-agent.yaml'), data('models/hardened.yaml')];
    const page = reportHtml(models, 'test');
    expect(page).toContain('<th>total risk</th><th>leaked copy</th><th>hijacked agent</th>');
    expect(page).toMatch(
      /models\/coding-agent\.yaml<\/td><td class="num">3<\/td><td class="num">69450<\/td><td class="num">35070<\/td><td class="num">34380<\/td>/,
    );
    // hardened: no leaked copy reaches anything, but its agents still act with their own tokens when hijacked.
    const hardened = models[1].measured.totals;
    expect(hardened.leakedCopy.total).toBe(0);
    expect(hardened.hijackedAgent.total).toBeGreaterThan(0);
    expect(hardened.total).toBe(hardened.hijackedAgent.total);
  });
});
