/**
 * A clique of 57 agents passing their credentials on (found by `npm run fuzz`):
 * 10,000 chains of up to 57 hops, each hop listing 57 credentials, made a
 * JSON report longer than a string can be (exit 3). The chains listed are
 * now bounded by what they list, not only by their number.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ENTRIES } from '../../src/analyses/delegation/chains.js';
import { run } from '../helpers/run.js';

const CLIQUE = 'test/fuzz-cases/ee097cb8fa59.model.yaml';

describe('delegation on a clique that passes its credentials around', () => {
  it('lists the chains that fit and says the rest are left out, in JSON and text', async () => {
    const json = await run(['delegation', CLIQUE, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as {
      truncated: boolean;
      chains: { hops: { credentials: string[]; effective: unknown[]; escalation: unknown[] }[] }[];
    };
    expect(report.truncated).toBe(true);
    const entries = report.chains.reduce(
      (n, c) => n + c.hops.reduce((m, h) => m + 1 + h.credentials.length + h.effective.length + h.escalation.length, 0),
      0,
    );
    // The walk stops at the first chain that reaches the budget: at most one chain (57 hops × (1 + 57)) past it.
    expect(entries).toBeGreaterThanOrEqual(MAX_LISTED_ENTRIES);
    expect(entries).toBeLessThan(MAX_LISTED_ENTRIES + 57 * 58 + 1);
    const text = await run(['delegation', CLIQUE]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Only the first ${report.chains.length} chains are listed.`);
  }, 60_000);
});
