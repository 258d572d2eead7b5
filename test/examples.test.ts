/** The bundled example models and scenarios: valid, schema-conformant, and their graphs render. */
import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { instance } from '@viz-js/viz';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../src/graph/build.js';
import { loadModel } from '../src/model/load.js';
import { modelJsonSchema } from '../src/model/schema.js';
import { parseScenario, scenarioJsonSchema } from '../src/model/scenario.js';
import { exportGraph } from '../src/reports/graph-export.js';

const models = readdirSync('models')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('example models', () => {
  it('ship the five workflows the product promises', () => {
    for (const name of [
      'coding-agent.yaml',
      'support-agent.yaml',
      'orchestrator.yaml',
      'data-analyst.yaml',
      'hardened.yaml',
    ])
      expect(models).toContain(name);
  });

  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(modelJsonSchema());
  for (const file of models) {
    const text = readFileSync(`models/${file}`, 'utf8');

    it(`${file} loads without a diagnostic`, () => {
      const result = loadModel(`models/${file}`, text);
      expect(result.ok ? [] : result.diagnostics).toEqual([]);
    });

    it(`${file} conforms to the printed JSON Schema`, () => {
      expect(validate(loadYaml(text)), JSON.stringify(validate.errors)).toBe(true);
    });

    it(`${file} renders as Mermaid and as Graphviz DOT`, async () => {
      const result = loadModel(`models/${file}`, text);
      if (!result.ok) throw new Error('invalid model');
      const graph = buildGraph(result.loaded.model);
      const dom = new JSDOM('<!doctype html><html><body></body></html>');
      Object.assign(globalThis, { window: dom.window, document: dom.window.document });
      const { default: mermaid } = await import('mermaid');
      await expect(mermaid.parse(exportGraph(graph, 'mermaid', 'x'))).resolves.toMatchObject({
        diagramType: 'flowchart-v2',
      });
      const viz = await instance();
      expect(viz.render(exportGraph(graph, 'dot', result.loaded.model.name), { format: 'svg' }).status).toBe('success');
    });
  }
});

describe('example scenarios', () => {
  const validate = new Ajv2020({ strict: false }).compile(scenarioJsonSchema());
  for (const file of scenarios) {
    it(`${file} is a valid scenario naming an existing model and credential`, () => {
      const text = readFileSync(`scenarios/${file}`, 'utf8');
      expect(validate(loadYaml(text))).toBe(true);
      const parsed = parseScenario(`scenarios/${file}`, text);
      if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
      const modelPath = new URL(parsed.scenario.model, new URL(`../scenarios/${file}`, import.meta.url));
      const model = loadModel(modelPath.pathname, readFileSync(modelPath, 'utf8'));
      expect(model.ok).toBe(true);
      if (model.ok) expect(model.loaded.relations.credential.has(parsed.scenario.leak.credential)).toBe(true);
    });
  }
});

describe('the worked example of docs/simulation.md', () => {
  it('coding-agent-pat-in-prompt gives the numbers worked out by hand there', async () => {
    const { prepareAnalysis } = await import('../src/analyses/context.js');
    const { simulateLeak } = await import('../src/analyses/simulation/leak.js');
    const result = loadModel('models/coding-agent.yaml', readFileSync('models/coding-agent.yaml', 'utf8'));
    if (!result.ok) throw new Error('invalid model');
    const r = simulateLeak(prepareAnalysis(result.loaded.model), {
      credential: 'gh-pat-dana',
      channel: 'prompt-context',
    });
    // Detection 7d, manual response 12h, ttl never: stop at 7d12h = 648,000 s.
    expect(r.exposureWindow).toBe(648_000);
    // Harvested cluster token: detection 7d + 1d, + 12h: stops at 8d12h; lag = 8d12h - 7d = 129,600 s.
    expect(r.revocationLag).toBe(129_600);
    // Direct 5 + 10 + 10 + 20 + 40 = 85; harvested 10 + 40 + 40 = 90.
    expect(r.score).toBe(175);
    // 85 x 180 h + 90 x 204 h = 15,300 + 18,360.
    expect(r.timeWeightedScore).toBeCloseTo(33_660, 6);
  });
});
