import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';

describe('leakradius exposure', () => {
  it('ranks who reaches a resource:action, with paths', async () => {
    const r = await run(['exposure', 'models/coding-agent.yaml', 'prod-cluster:admin']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Who reaches prod-cluster:admin: 2 credentials, 1 agent, 1 tool');
    // gh-pat-dana through the harvested token: impact 40 × 204 h = 8,160 (docs/simulation.md worked example).
    expect(lines[2]).toMatch(/^\s+8160\s+credential gh-pat-dana\s+admin\s+0s → 8d12h$/);
    expect(lines[3].trim()).toBe('gh-pat-dana → checkout-repo:read → prod-deploy-sa-token → prod-cluster:admin');
  });

  it('writes JSON with times in seconds', async () => {
    const r = await run(['exposure', 'models/coding-agent.yaml', 'prod-cluster', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { actions: string[]; sources: { id: string; untilSeconds: number }[] };
    expect(json.actions).toEqual(['admin', 'deploy', 'read']);
    expect(json.sources[0]).toMatchObject({ id: 'gh-pat-dana', untilSeconds: 8 * 86_400 + 12 * 3_600 });
  });

  it('refuses an unknown resource or action with a hint (exit 2)', async () => {
    const unknown = await run(['exposure', 'models/coding-agent.yaml', 'prod-clustr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown resource "prod-clustr" (did you mean "prod-cluster"?)');
    const action = await run(['exposure', 'models/coding-agent.yaml', 'prod-cluster:write']);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain('no credential grants "write" on "prod-cluster"; granted: admin, deploy, read');
  });
});

describe('leakradius chokepoints', () => {
  it('names the cuts with their measured effect', async () => {
    const r = await run(['chokepoints', 'models/coding-agent.yaml', '--limit', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. store:checkout-repo  Move prod-deploy-sa-token out of checkout-repo');
    // Both attackers lose the harvested prod-deploy-sa-token's 18,360 (test/chokepoints works them out).
    expect(r.stdout).toContain('total risk now 69450 = leaked copy 35070 + hijacked agent 34380');
    expect(r.stdout).toContain('alone: total risk 69450 → 32730  −36720 (−53%)');
    expect(r.stdout).toContain('leaked copy 35070 → 16710; hijacked agent 34380 → 16020');
  });

  it('writes JSON', async () => {
    const r = await run(['chokepoints', 'models/coding-agent.yaml', '--format', 'json', '--limit', '1']);
    const json = JSON.parse(r.stdout) as {
      chokepoints: {
        id: string;
        alone: { totalRisk: { after: number }; leakedCopy: { after: number }; hijackedAgent: { after: number } };
      }[];
    };
    expect(
      json.chokepoints.map((c) => [
        c.id,
        c.alone.totalRisk.after,
        c.alone.leakedCopy.after,
        c.alone.hijackedAgent.after,
      ]),
    ).toEqual([['store:checkout-repo', 32_730, 16_710, 16_020]]);
  });

  it('refuses a bad --limit (exit 2)', async () => {
    const r = await run(['chokepoints', 'models/coding-agent.yaml', '--limit', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit must be a whole number from 1 to 1000000');
  });
});
