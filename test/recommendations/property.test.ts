/**
 * On random valid models: applying any single recommendation, or all of them,
 * never raises the total risk and never stops a workflow, and the written
 * YAML reloads as a valid model. Checked independently of the engine's own
 * measurement: each changed model goes through YAML text, the loader and the
 * simulation again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import { recommend } from '../../src/analyses/recommendations/index.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import { normalizeModel } from '../../src/model/normalize.js';
import { relationsOf, unpermittedSteps } from '../../src/model/relations.js';
import type { ModelDocument, StepDocument } from '../../src/model/schema.js';
import { dump } from 'js-yaml';
import { modelYaml } from '../../src/reports/model-yaml.js';
import { writtenModel } from '../../src/reports/recommendations.js';
import { applyPatch } from '../helpers/json-patch.js';
import { modelRiskOf } from '../helpers/model.js';

const ACTIONS = ['read', 'write', 'delete', 'deploy', 'export', 'payment', 'admin'];
const CHANNELS = ['logs', 'prompt-context', 'repo-commit'];
const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
const mask = (bits: number) => fc.nat({ max: 2 ** bits - 1 });
const fromMask = <T>(list: readonly T[], m: number) => list.filter((_, i) => (m >> i) & 1);

const shape = fc
  .record({
    resources: fc.integer({ min: 1, max: 4 }),
    credentials: fc.integer({ min: 1, max: 4 }),
    agents: fc.integer({ min: 1, max: 3 }),
    tools: fc.integer({ min: 0, max: 2 }),
  })
  .chain((n) =>
    fc.record({
      resources: fc.array(
        fc.record({
          sensitivity: pick(['low', 'medium', 'high', 'critical'] as const),
          holds: mask(n.credentials),
          environment: pick(['prod', 'staging']),
        }),
        { minLength: n.resources, maxLength: n.resources },
      ),
      credentials: fc.array(
        fc.record({
          ttl: pick(['10m', '1h', '12h', '30d', 'never']),
          maxLifetime: fc.option(pick(['1d', '30d']), { nil: undefined }),
          issuance: pick(['static', 'per-session', 'per-task'] as const),
          binding: pick(['bearer', 'bearer', 'sender-constrained', 'workload-bound'] as const),
          mode: pick(['manual', 'automated', 'on-task-end', 'none'] as const),
          propagation: pick(['0s', '5m']),
          exposure: mask(CHANNELS.length),
          environments: mask(2),
          grants: fc.array(
            fc.record({
              resource: fc.nat(n.resources - 1),
              actions: fc.integer({ min: 1, max: 2 ** ACTIONS.length - 1 }),
              approval: mask(ACTIONS.length),
            }),
            { maxLength: 3 },
          ),
          invoke: fc.option(fc.nat(n.agents - 1), { nil: undefined }),
          derivedFrom: fc.option(fc.nat(n.credentials - 1), { nil: undefined }),
          revokedWithParent: fc.boolean(),
        }),
        { minLength: n.credentials, maxLength: n.credentials },
      ),
      agents: fc.array(
        fc.record({
          autonomy: pick(['autonomous', 'human-in-the-loop'] as const),
          environment: pick(['prod', 'staging']),
          credentials: mask(n.credentials),
          tools: mask(n.tools),
          delegates: fc.array(
            fc.record({ to: fc.nat(n.agents - 1), exchange: fc.boolean(), credential: fc.nat(n.credentials - 1) }),
            { maxLength: 2 },
          ),
          workflows: fc.array(
            fc.record({
              duration: pick(['5m', '20m', '1h', '3h']),
              steps: fc.array(fc.nat(1000), { minLength: 1, maxLength: 4 }),
            }),
            { maxLength: 2 },
          ),
        }),
        { minLength: n.agents, maxLength: n.agents },
      ),
      tools: fc.array(
        fc.record({
          credential: fc.option(fc.nat(n.credentials - 1), { nil: undefined }),
          publisher: pick(['first-party', 'third-party'] as const),
        }),
        { minLength: n.tools, maxLength: n.tools },
      ),
    }),
  );

/** A valid model from the random shape: references resolved, and every workflow step one the agent is permitted. */
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function modelOf(s: Shape): ModelDocument | undefined {
  const cid = (i: number) => `c${i}`;
  const aid = (i: number) => `a${i}`;
  const doc: ModelDocument = {
    version: 1,
    name: 'random',
    detection: {
      default: '1d',
      channels: { logs: '2d', 'prompt-context': '7d', 'repo-commit': '1h' },
      harvested: '1d',
    },
    response: { manual: '8h', automated: '2m' },
    resources: s.resources.map((r, i) => ({
      id: `r${i}`,
      kind: 'store',
      sensitivity: r.sensitivity,
      environment: r.environment,
      holds: fromMask(
        s.credentials.map((_, k) => cid(k)),
        r.holds,
      ),
    })),
    credentials: s.credentials.map((c, i) => {
      const byResource = new Map<number, { actions: number; approval: number }>();
      for (const g of c.grants) {
        const cur = byResource.get(g.resource) ?? { actions: 0, approval: 0 };
        byResource.set(g.resource, { actions: cur.actions | g.actions, approval: cur.approval | g.approval });
      }
      const grants: NonNullable<ModelDocument['credentials']>[number]['grants'] = [...byResource].map(([r, g]) => {
        const actions = fromMask(ACTIONS, g.actions);
        const approval = fromMask(ACTIONS, g.actions & g.approval);
        return approval.length > 0 ? { resource: `r${r}`, actions, approval } : { resource: `r${r}`, actions };
      });
      if (c.invoke !== undefined) grants!.push({ agent: aid(c.invoke), actions: ['invoke'] });
      const parent = c.derivedFrom !== undefined && c.derivedFrom < i ? cid(c.derivedFrom) : undefined;
      return {
        id: cid(i),
        ttl: c.ttl,
        ...(c.maxLifetime ? { maxLifetime: c.maxLifetime } : {}),
        issuance: c.issuance,
        binding: c.binding,
        revocation: { mode: c.mode, propagation: c.propagation },
        environments: fromMask(['prod', 'staging'], c.environments),
        exposure: fromMask(CHANNELS, c.exposure),
        ...(parent ? { derivedFrom: parent, revokedWithParent: c.revokedWithParent } : {}),
        grants,
      };
    }),
    tools: s.tools.map((t, i) => ({
      id: `t${i}`,
      kind: 'mcp' as const,
      publisher: t.publisher,
      ...(t.credential !== undefined ? { credential: cid(t.credential) } : {}),
    })),
    agents: s.agents.map((a, i) => {
      const seen = new Set<number>();
      const delegates = a.delegates
        .filter((d) => d.to !== i && !seen.has(d.to) && seen.add(d.to))
        .map((d) =>
          d.exchange
            ? { to: aid(d.to), mode: 'exchange' as const, credential: cid(d.credential) }
            : { to: aid(d.to), mode: 'passthrough' as const },
        );
      return {
        id: aid(i),
        autonomy: a.autonomy,
        environment: a.environment,
        credentials: fromMask(
          s.credentials.map((_, k) => cid(k)),
          a.credentials,
        ),
        tools: fromMask(
          s.tools.map((_, k) => `t${k}`),
          a.tools,
        ),
        delegates,
      };
    }),
  };
  // Steps are chosen among what each agent may do, so the model is valid by construction.
  const { model } = normalizeModel(doc, 'random');
  const relations = relationsOf(model);
  const workflows: NonNullable<ModelDocument['workflows']> = [];
  s.agents.forEach((a, i) => {
    const options: StepDocument[] = [];
    for (const c of relations.available.get(aid(i)) ?? []) {
      for (const g of relations.credential.get(c)?.grants ?? []) {
        if (g.target.kind !== 'resource') continue;
        for (const action of g.actions) {
          options.push({ resource: g.target.id, action });
          options.push({ resource: g.target.id, action, credential: c });
          for (const t of doc.agents![i].tools ?? []) {
            const tc = relations.tool.get(t)?.credential;
            if (tc === undefined || tc === c) options.push({ tool: t, resource: g.target.id, action });
          }
        }
      }
    }
    for (const d of doc.agents![i].delegates ?? []) options.push({ delegate: d.to });
    if (options.length === 0) return;
    a.workflows.forEach((w, k) =>
      workflows.push({
        id: `w${i}-${k}`,
        agent: aid(i),
        duration: w.duration,
        steps: w.steps.map((n) => options[n % options.length]),
      }),
    );
  });
  doc.workflows = workflows;
  const result = loadModel('random.yaml', modelYaml(doc));
  return result.ok ? doc : undefined;
}

const models = shape.map(modelOf).filter((d): d is ModelDocument => d !== undefined);

function reload(document: ModelDocument, label: string): LoadedModel {
  const result = loadModel('changed.yaml', modelYaml(document, [label]));
  if (!result.ok)
    throw new Error(
      `${label}: the written model does not load:\n${result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n')}`,
    );
  return result.loaded;
}

/** The total risk, both attackers, measured afresh (the engine reuses the hijacks a change did not touch). */
function riskOf(loaded: LoadedModel): number {
  return modelRiskOf(loaded).total;
}

describe('recommendations on random models', () => {
  it('never raise the total risk, never stop a workflow, and write models that reload', () => {
    let shown = 0;
    fc.assert(
      fc.property(models, (document) => {
        const loaded = reload(document, 'original');
        const before = riskOf(loaded);
        const result = recommend(loaded);
        for (const r of result.recommendations) {
          shown++;
          const changed = reload(applyEdits(document, r.edits).document, r.id);
          expect(unpermittedSteps(changed.model, changed.relations), r.id).toEqual([]);
          expect(riskOf(changed), r.id).toBeLessThanOrEqual(before);
          expect(riskOf(changed), r.id).toBe(r.effect.after.total);
        }
        const all = reload(result.combined.document, 'combined');
        expect(unpermittedSteps(all.model, all.relations)).toEqual([]);
        expect(riskOf(all)).toBeLessThanOrEqual(before);
        expect(riskOf(all)).toBe(result.combined.effect.after.total);
        expect(applyPatch(document, result.combined.patch as never)).toEqual(result.combined.document);
        // --write edits the file's own text (keeping comments), in block and flow layouts alike.
        for (const flowLevel of [-1, 3]) {
          const text = `# header\n${dump(document, { flowLevel, noRefs: true }).replace(/\n/, '  # a comment\n')}`;
          const written = writtenModel(text, result);
          expect(written.commentsKept, `flowLevel ${flowLevel}`).toBe(true);
          expect(written.text).toContain('version: 1  # a comment\n');
          const reloaded = loadModel('written.yaml', written.text);
          expect(reloaded.ok && reloaded.loaded.document).toEqual(result.combined.document);
        }
      }),
      { numRuns: 100, seed: 20_250_611 },
    );
    // The property must have been exercised on real recommendations, not on empty lists.
    expect(shown).toBeGreaterThan(100);
  }, 120_000);
});
