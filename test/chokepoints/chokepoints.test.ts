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
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { modelYaml } from '../../src/reports/model-yaml.js';
import { load } from '../helpers/model.js';

const read = (file: string) => load(readFileSync(file, 'utf8'), file);

/** The total risk of a document, one `simulateLeak` per credential: what `simulate` would say. */
function simulatedTotal(yaml: string): number {
  const loaded = load(yaml);
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  let total = 0;
  for (const c of loaded.model.credentials) total += simulateLeak(ctx, { credential: c.id }).timeWeightedScore;
  return total;
}

describe('chokepoints of the coding agent, by hand', () => {
  const result = chokepoints(read('models/coding-agent.yaml'));

  it('names the repository that stores the cluster token first, and what moving it out takes away', () => {
    // Worst cases (docs/simulation.md worked example): gh-pat-dana 33,660 (15,300 direct + 18,360 through the
    // harvested prod-deploy-sa-token), prod-deploy-sa-token 90 × 13 h = 1,170 (repo-commit 1 h + manual 12 h),
    // llm-api-key invoke on a medium resource 2 × 2 = 4 × 60 h (ci-logs 2 d + 12 h) = 240: total 35,070.
    expect(result.before.total).toBe(35_070);
    const first = result.chokepoints[0];
    expect([first.id, first.change]).toEqual(['store:checkout-repo', 'Move prod-deploy-sa-token out of checkout-repo']);
    // Without the harvest gh-pat-dana keeps only its direct 15,300: 35,070 − 18,360 = 16,710.
    expect(first.effect.after.total).toBe(16_710);
  });

  it('then narrows the PAT to what the workflows use, measured alone and on top of the first', () => {
    const second = result.chokepoints[1];
    expect(second.id).toBe('credential:gh-pat-dana');
    // The workflows use checkout-repo read/write and deploy-workflow deploy: infra-repo read/write goes,
    // (10 + 20) × 180 h = 5,400: alone 35,070 − 5,400 = 29,670; after the first cut 16,710 − 5,400 = 11,310.
    expect(second.effect.after.total).toBe(29_670);
    expect(second.together.total).toBe(11_310);
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
