/**
 * The bundled example models: applying every recommendation gives a model that
 * validates, keeps every workflow running and has a lower total risk, both
 * attackers counted; no recommendation asks for what its credential's kind
 * cannot do; each model gets the recommendations its comments promise; and
 * with all of them written, the risk that remains wherever an agent still
 * holds a credential is shown and explained.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import { recommend, type Recommendation } from '../../src/analyses/recommendations/index.js';
import { capabilitiesOf, credentialKind } from '../../src/model/credential-kinds.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import { unpermittedSteps } from '../../src/model/relations.js';
import { leadingCommentBlock, modelYaml } from '../../src/reports/model-yaml.js';
import { recommendationsText, writtenModel } from '../../src/reports/recommendations.js';
import { createStyle } from '../../src/reports/terminal.js';
import { applyPatch } from '../helpers/json-patch.js';
import { modelRiskOf } from '../helpers/model.js';

const files = readdirSync('models')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** What each example is written to show, as the recommendations that must answer it. */
const EXPECTED: Record<string, string[]> = {
  // A developer's never-expiring PAT with deploy rights, and a kubeconfig committed to the repo it reads.
  'coding-agent.yaml': [
    'harvest:checkout-repo/prod-deploy-sa-token',
    'migration:gh-pat-dana/github-app-installation-token',
    'step-up:gh-pat-dana',
    'unused-scope:gh-pat-dana',
  ],
  // One static key for prod and staging, with grants no workflow uses and export without approval.
  'data-analyst.yaml': [
    'migration:analytics-sa-key/gcp-workload-identity-federation',
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

/** The total risk, both attackers, measured afresh on the model as a file would load it. */
const risk = (l: LoadedModel) => modelRiskOf(l).total;

/**
 * Every capability a recommendation asks of a credential's kind, read straight
 * off the catalogue: each must be known possible, or unknown with the
 * recommendation's condition saying so; none may be known impossible.
 */
function capabilityProblems(loaded: LoadedModel, r: Recommendation): string[] {
  const { document, model } = loaded;
  const problems: string[] = [];
  const capabilities = (kind: string | undefined) => capabilitiesOf(kind, model);
  const credentials = document.credentials ?? [];
  const judge = (
    kind: string | undefined,
    what: string,
    known: readonly string[] | boolean | undefined,
    wanted: string,
  ) => {
    const ok = Array.isArray(known) ? known.includes(wanted) : known;
    if (ok === false) problems.push(`${r.id}: ${what} ${wanted}, which ${kind} cannot have`);
    if (ok === undefined && r.condition === undefined)
      problems.push(`${r.id}: ${what} ${wanted} of ${kind ?? 'no kind'}, unknown, without a condition`);
  };
  for (const e of r.edits) {
    if (e.op === 'copy-credential') {
      const from = credentials[e.from[1] as number];
      const issuance = e.fields.issuance as string | undefined;
      if (issuance === 'per-task' && from.kind !== e.fields.kind)
        judge(from.kind, 'a copy issued', capabilities(from.kind).issuance, 'per-task');
      continue;
    }
    if (e.op !== 'set' || e.path[0] !== 'credentials') continue;
    const c = credentials[e.path[1] as number];
    const field = e.path.slice(2).join('.');
    if (field === 'kind') {
      const listed = capabilities(c.kind).replacements?.map((x) => x.kind) ?? [];
      if (!listed.includes(e.value as string))
        problems.push(`${r.id}: ${c.kind} is not replaced by ${String(e.value)}`);
      continue;
    }
    if (r.kind === 'migration') continue; // the new kind's own defaults
    const caps = capabilities(c.kind);
    if (field === 'binding' && e.value !== 'bearer') judge(c.kind, 'binding', caps.bindings, e.value as string);
    if (field === 'issuance' && e.value === 'per-task') judge(c.kind, 'issuance', caps.issuance, 'per-task');
    const mode =
      field === 'revocation' ? (e.value as { mode?: string }).mode : field === 'revocation.mode' ? e.value : undefined;
    if (mode === 'automated' || mode === 'on-task-end') judge(c.kind, 'revocation', caps.revocableByApi, String(mode));
    if (field === 'ttl') {
      const info = credentialKind(c.kind ?? '');
      if (info?.minTtl !== undefined || info?.maxTtl !== undefined) {
        const checked = loadText('ttl.yaml', modelYaml(applyEdits(document, [e]).document, [r.id]));
        expect(checked.model.credentials.find((x) => x.id === c.id)).toBeDefined(); // within the kind's limits, or it would not load
      }
    }
  }
  return problems;
}

describe('recommendations on the example models', () => {
  it('cover every example model', () => {
    expect(files).toEqual([...Object.keys(EXPECTED), 'hardened.yaml'].sort());
  });

  for (const file of files) {
    const text = readFileSync(`models/${file}`, 'utf8');
    const loaded = loadText(`models/${file}`, text);
    const result = recommend(loaded);

    it(`${file}: no recommendation asks for what its credential's kind cannot do`, () => {
      const problems = result.recommendations.flatMap((r) => capabilityProblems(loaded, r));
      expect(problems).toEqual([]);
      for (const r of result.recommendations) expect(r.takes.length, r.id).toBeGreaterThan(0);
    });

    if (file === 'hardened.yaml') {
      it("hardened.yaml gets no recommendation, and its risk is the hijacked agents' alone", () => {
        // Every token is per task, sender-constrained, revoked on task end, with a TTL within the
        // workflow plus 25%, and used in full by its workflows; the delegation is an exchange; deploy and
        // payment need approval; nothing is stored where an agent reads. No leaked copy reaches anything;
        // what remains is each agent acting, hijacked, with its own narrow tokens for its own short task.
        expect(result.recommendations).toEqual([]);
        expect(result.withheld).toEqual([]);
        expect(result.before.leakedCopy.total).toBe(0);
        expect(result.before.hijackedAgent.total).toBeGreaterThan(0);
        expect(result.remaining.hijackedAgent.map((a) => a.agent).sort()).toEqual(
          loaded.model.agents.map((a) => a.id).sort(),
        );
      });
      continue;
    }

    it(`${file} gets the recommendations it was written to show`, () => {
      const ids = result.recommendations.map((r) => r.id);
      for (const id of EXPECTED[file]) expect(ids).toContain(id);
      expect(result.withheld).toEqual([]);
    });

    if (file === 'coding-agent.yaml')
      it('coding-agent.yaml: no binding for the classic PAT gh-pat-dana, but its replacement, measured', () => {
        // A GitHub classic PAT is bearer only (github-classic-pat: bindings [bearer]): binding it is impossible.
        const ids = result.recommendations.map((r) => r.id);
        expect(ids).not.toContain('binding:gh-pat-dana');
        expect(capabilitiesOf('github-classic-pat', loaded.model).bindings).toEqual(['bearer']);
        const migration = result.recommendations.find(
          (r) => r.id === 'migration:gh-pat-dana/github-app-installation-token',
        )!;
        expect(migration.condition).toBeUndefined();
        // Measured like any change (docs/simulation.md, the coding agent hijacked): the installation token lives
        // 1h, so gh-pat-dana's own pairs (impact 85) last 1h, not 180 h: 85 in place of 15,300 for both attackers.
        // Hijacked agent 85 + 720 (llm-api-key) + 18,360 (harvested prod-deploy-sa-token) = 19,165; leaked copy
        // 35,070 − 15,215 = 19,855.
        expect(migration.effect.after.hijackedAgent.total).toBe(19_165);
        expect(migration.effect.after.leakedCopy.total).toBe(19_855);
        // An installation token acts as the app, not as Dana: the person's identity goes with the PAT.
        expect(migration.edits).toContainEqual(expect.objectContaining({ op: 'set', old: 'human', value: 'workload' }));
      });

    it(`${file}: each recommendation alone validates, keeps the workflows running and lowers the risk`, () => {
      const before = risk(loaded);
      expect(before).toBe(result.before.total);
      for (const r of result.recommendations) {
        const changed = loadText(`${r.id}.yaml`, modelYaml(applyEdits(loaded.document, r.edits).document, [r.id]));
        expect(unpermittedSteps(changed.model, changed.relations), r.id).toEqual([]);
        expect(risk(changed), r.id).toBeLessThan(before);
        expect(risk(changed), r.id).toBeCloseTo(r.effect.after.total, 6);
      }
    });

    it(`${file}: ranks what is known to be possible first, each group by the total of both attackers`, () => {
      const known = result.recommendations.filter((r) => r.condition === undefined);
      const conditional = result.recommendations.filter((r) => r.condition !== undefined);
      expect(result.recommendations).toEqual([...known, ...conditional]);
      for (const group of [known, conditional])
        for (let i = 1; i < group.length; i++)
          expect(group[i].effect.after.bounded, group[i].id).toBeGreaterThanOrEqual(
            group[i - 1].effect.after.bounded - 0.005,
          );
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

    it(`${file}: after --write, recommend shows the risk that remains wherever an agent holds a credential, and why`, () => {
      const again = loadText(`written-${file}`, writtenModel(text, result).text);
      const next = recommend(again);
      const out = recommendationsText(next, `written-${file}`, createStyle(false), 100);
      const { leakedCopy, hijackedAgent, total } = next.before;
      expect(out).toContain(`Total risk now ${total}`.replace(/\.\d+$/, ''));
      expect(out).toMatch(/= leaked copy [\d.]+ \+ hijacked agent [\d.]+/);
      expect(total).toBeCloseTo(leakedCopy.total + hijackedAgent.total, 9);
      for (const agent of again.model.agents) {
        const holdsGrant = (again.relations.available.get(agent.id) ?? []).some((c) =>
          again.relations.credential.get(c)!.grants.some((g) => g.actions.some((a) => !g.approval.includes(a))),
        );
        if (!holdsGrant) continue;
        const remaining = next.remaining.hijackedAgent.find((a) => a.agent === agent.id);
        expect(remaining?.timeWeightedScore, agent.id).toBeGreaterThan(0);
      }
      // The text explains what remains (with the next round applied, when there is one): the largest first, five
      // named, the rest counted.
      const shown = next.recommendations.length > 0 ? next.combined.remaining : next.remaining;
      expect(out).toContain(
        next.recommendations.length > 0 ? 'What remains with all of them applied: ' : 'What remains: ',
      );
      for (const a of shown.hijackedAgent.slice(0, 5))
        expect(out).toMatch(new RegExp(`- ${a.agent}: [\\d.]+ \\(blast radius`));
      if (shown.hijackedAgent.length > 5) expect(out).toContain(`and ${shown.hijackedAgent.length - 5} more agent(s)`);
      expect(total).toBeGreaterThan(0);
      expect(out).toContain('Hijacked agent: an agent steered by injected instructions acts with every credential');
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
    expect(result.before.leakedCopy.total).toBe(4_580);
    expect(result.before.total).toBe(6_920);
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
