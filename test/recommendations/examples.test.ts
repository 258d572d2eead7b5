/**
 * The bundled example models: applying every recommendation gives a model that
 * validates, keeps every workflow running and has a lower total risk; each one
 * gets the recommendations its comments promise; the hardened reference gets
 * none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import { recommend } from '../../src/analyses/recommendations/index.js';
import { totalRisk, worstCases } from '../../src/analyses/simulation/worst-case.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import { unpermittedSteps } from '../../src/model/relations.js';
import { leadingCommentBlock, modelYaml } from '../../src/reports/model-yaml.js';
import { applyPatch } from '../helpers/json-patch.js';

const files = readdirSync('models')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What each example is written to show, as the recommendations that must answer it. */
const EXPECTED: Record<string, string[]> = {
  // A developer's never-expiring PAT with deploy rights, and a kubeconfig committed to the repo it reads.
  'coding-agent.yaml': [
    'binding:gh-pat-dana',
    'harvest:checkout-repo/prod-deploy-sa-token',
    'ttl:gh-pat-dana',
    'step-up:gh-pat-dana',
    'unused-scope:gh-pat-dana',
  ],
  // One static key for prod and staging, with grants no workflow uses and export without approval.
  'data-analyst.yaml': [
    'ttl:analytics-sa-key',
    'unused-scope:analytics-sa-key',
    'segmentation:analytics-sa-key/environment',
    'step-up:analytics-sa-key',
  ],
  // Passthrough to a researcher that leaks traces, a refreshable token, an STS session that is cluster-admin.
  'orchestrator.yaml': ['ttl:orch-oauth-token', 'delegation:orchestrator->researcher', 'unused-scope:deploy-token'],
  // Refunds with no approval, an admin token that can read the webhook secret, keys broader than the workflow.
  'support-agent.yaml': [
    'harvest:helpdesk-api-token@helpdesk-settings',
    'step-up:payments-live-key',
    'unused-scope:payments-live-key',
    'unused-scope:crm-api-key',
  ],
};

function loadText(file: string, text: string): LoadedModel {
  const result = loadModel(file, text);
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
  return result.loaded;
}

const risk = (l: LoadedModel) => totalRisk(worstCases(prepareAnalysis(l.model, l.relations)));

describe('recommendations on the example models', () => {
  it('cover every example model', () => {
    expect(files).toEqual([...Object.keys(EXPECTED), 'hardened.yaml'].sort());
  });

  for (const file of files) {
    const text = readFileSync(`models/${file}`, 'utf8');
    const loaded = loadText(`models/${file}`, text);
    const result = recommend(loaded);

    if (file === 'hardened.yaml') {
      it('hardened.yaml gets no recommendation: nothing leakradius knows would lower its risk', () => {
        // Every token is per task, sender-constrained, revoked on task end, with a TTL within the
        // workflow plus 25%, and used in full by its workflows; the delegation is an exchange; deploy and
        // payment need approval; nothing is stored where an agent reads. Its worst-case risk is already 0.
        expect(result.recommendations).toEqual([]);
        expect(result.withheld).toEqual([]);
        expect(result.considered).toBe(0);
        expect(result.before.total).toBe(0);
      });
      continue;
    }

    it(`${file} gets the recommendations it was written to show`, () => {
      const ids = result.recommendations.map((r) => r.id);
      for (const id of EXPECTED[file]) expect(ids).toContain(id);
      expect(result.withheld).toEqual([]);
    });

    it(`${file}: each recommendation alone validates, keeps the workflows running and lowers the risk`, () => {
      const before = risk(loaded);
      for (const r of result.recommendations) {
        const changed = loadText(`${r.id}.yaml`, modelYaml(applyEdits(loaded.document, r.edits).document, [r.id]));
        expect(unpermittedSteps(changed.model, changed.relations), r.id).toEqual([]);
        expect(risk(changed), r.id).toBeLessThan(before);
        expect(risk(changed), r.id).toBeCloseTo(r.effect.after.total, 6);
      }
    });

    it(`${file}: all of them together validate, keep the workflows running and lower the total risk`, () => {
      const written = modelYaml(result.combined.document, result.combined.applied, leadingCommentBlock(text));
      const changed = loadText(`out-${file}`, written);
      expect(unpermittedSteps(changed.model, changed.relations)).toEqual([]);
      expect(risk(changed)).toBeLessThan(risk(loaded));
      expect(risk(changed)).toBeCloseTo(result.combined.effect.after.total, 6);
      expect(result.combined.applied.length).toBeGreaterThan(0);
      expect(applyPatch(loaded.document, result.combined.patch as never)).toEqual(changed.document);
      expect(written.startsWith('# yaml-language-server: $schema=')).toBe(true);
    });
  }
});

describe('the worked example of docs/recommendations.md', () => {
  const doc = readFileSync('docs/recommendations.md', 'utf8');
  const yaml = doc
    .slice(doc.indexOf('<!-- example:model -->'), doc.indexOf('<!-- end:example -->'))
    .replace(/^[\s\S]*?```yaml\n/, '')
    .replace(/```\s*$/, '');
  const result = recommend(loadText('docs-example.yaml', yaml));
  const number = (text: string) => Number(text.replace(/,/g, ''));

  it('shows the recommendations, in the order and with the totals the table gives', () => {
    const rows = [...doc.matchAll(/^\| (\d+) \| `([^`]+)` \| .* \| ([\d,.]+) \|$/gm)].map((m) => ({
      rank: Number(m[1]),
      id: m[2],
      after: number(m[3]),
    }));
    expect(rows.length).toBe(4);
    expect(result.before.total).toBe(4_580);
    expect(result.recommendations.map((r, i) => ({ rank: i + 1, id: r.id }))).toEqual(
      rows.map(({ rank, id }) => ({ rank, id })),
    );
    result.recommendations.forEach((r, i) => expect(r.effect.after.total).toBeCloseTo(rows[i].after, 2));
    expect(result.considered).toBe(5); // the fifth, automating bot-token's revocation, removes nothing
  });

  it('gives the combined total the text states', () => {
    const combined = number(
      doc.slice(doc.indexOf('<!-- example:combined -->') + 25, doc.indexOf('<!-- end:combined -->')),
    );
    expect(result.combined.effect.after.total).toBeCloseTo(combined, 2);
    expect(result.combined.applied.length).toBe(4);
  });
});
