/**
 * Chokepoints: what a cut removes, worked out by hand from docs/simulation.md,
 * and every measured figure equal to simulating each credential of the cut
 * model one by one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analyses/chokepoints/index.js';
import { elementsOnPath } from '../../src/analyses/chokepoints/flow.js';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import { simulateHijack } from '../../src/analyses/simulation/hijack.js';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { modelYaml } from '../../src/reports/model-yaml.js';
import { load } from '../helpers/model.js';

const read = (file: string) => load(readFileSync(file, 'utf8'), file);

/**
 * The total risk of a document, both attackers: one `simulateLeak` per credential and one
 * `simulateHijack` per agent, what `simulate` and `simulate --hijack` would say.
 */
function simulatedTotal(yaml: string): number {
  const loaded = load(yaml);
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  let total = 0;
  for (const c of loaded.model.credentials) total += simulateLeak(ctx, { credential: c.id }).timeWeightedScore;
  for (const a of loaded.model.agents) total += simulateHijack(ctx, { agent: a.id }).timeWeightedScore;
  return total;
}

describe('chokepoints of the coding agent, by hand', () => {
  const result = chokepoints(read('models/coding-agent.yaml'));

  it('names the repository that stores the cluster token first, and what moving it out takes away', () => {
    // Worst cases (docs/simulation.md worked example): gh-pat-dana 33,660 (15,300 direct + 18,360 through the
    // harvested prod-deploy-sa-token), prod-deploy-sa-token 90 × 13 h = 1,170 (repo-commit 1 h + manual 12 h),
    // llm-api-key invoke on a medium resource 2 × 2 = 4 × 60 h (ci-logs 2 d + 12 h) = 240: leaked copy 35,070.
    // Hijacked coder (docs/simulation.md, "the coding agent hijacked"): gh-pat-dana 85 × 180 h = 15,300,
    // llm-api-key 4 × 180 h = 720, the harvested prod-deploy-sa-token 90 × 204 h = 18,360: 34,380. Total 69,450.
    expect(result.before.leakedCopy.total).toBe(35_070);
    expect(result.before.hijackedAgent.total).toBe(34_380);
    expect(result.before.total).toBe(69_450);
    const first = result.chokepoints[0];
    expect([first.id, first.change]).toEqual(['store:checkout-repo', 'Move prod-deploy-sa-token out of checkout-repo']);
    // Without the harvest, each attacker loses the 18,360 of prod-deploy-sa-token: leaked copy
    // 35,070 − 18,360 = 16,710; hijacked agent 34,380 − 18,360 = 16,020; total 32,730.
    expect(first.effect.after.leakedCopy.total).toBe(16_710);
    expect(first.effect.after.hijackedAgent.total).toBe(16_020);
    expect(first.effect.after.total).toBe(32_730);
  });

  it('then narrows the PAT to what the workflows use, measured alone and on top of the first', () => {
    const second = result.chokepoints[1];
    expect(second.id).toBe('credential:gh-pat-dana');
    // The workflows use checkout-repo read/write and deploy-workflow deploy: infra-repo read/write goes,
    // (10 + 20) × 180 h = 5,400 off each attacker (the hijacked coder holds it 0 → 7d12h = 180 h too):
    // alone 69,450 − 2 × 5,400 = 58,650; after the first cut 32,730 − 10,800 = 21,930.
    expect(second.effect.after.leakedCopy.total).toBe(29_670);
    expect(second.effect.after.total).toBe(58_650);
    expect(second.together.total).toBe(21_930);
    expect(second.addsOnTop).toBe(true);
  });
});

describe('chokepoints agree with simulate', () => {
  const models = readdirSync('models').filter((f) => f.endsWith('.yaml'));
  it.each(models)('on models/%s: every figure is the cut model simulated credential by credential', (file) => {
    const loaded = read(`models/${file}`);
    const result = chokepoints(loaded);
    expect(result.before.total).toBe(simulatedTotal(readFileSync(`models/${file}`, 'utf8')));
    let applied: ReturnType<typeof applyEdits>['document'] = loaded.document;
    const edits = [];
    for (const c of result.chokepoints) {
      const alone = applyEdits(loaded.document, c.edits).document;
      expect(c.effect.after.total).toBeCloseTo(simulatedTotal(modelYaml(alone)), 6);
      if (c.addsOnTop) {
        edits.push(...c.edits);
        applied = applyEdits(loaded.document, edits).document;
      }
      expect(c.together.total).toBeCloseTo(simulatedTotal(modelYaml(applied)), 6);
      expect(c.effect.after.total).toBeLessThan(c.effect.before.total);
    }
  });
});

describe('the elements a path goes through', () => {
  it('names credentials, stores, tools, invoke grants and delegations', () => {
    const tools = (agent: string, credential: string) => (agent === 'b' && credential === 'tok' ? ['mcp'] : []);
    expect(
      elementsOnPath(
        [
          { kind: 'credential', id: 'key', how: 'leaked' },
          { kind: 'agent', id: 'a', how: 'invoked' },
          { kind: 'agent', id: 'b', how: 'delegated' },
          { kind: 'deputy', agent: 'b', credential: 'tok' },
          { kind: 'access', resource: 'vault', action: 'read' },
          { kind: 'credential', id: 'db-key', how: 'harvested' },
          { kind: 'access', resource: 'db', action: 'write' },
        ],
        tools,
      ).sort(),
    ).toEqual([
      'credential:db-key',
      'credential:key',
      'credential:tok',
      'delegation:a>b',
      'invoke:key>a',
      'store:vault',
      'tool:mcp',
    ]);
  });
});
