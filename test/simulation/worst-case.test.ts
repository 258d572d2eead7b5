/**
 * The bulk worst case (`worstCases`, one shared closure for every credential)
 * against simulating each leak on its own (`worstCase`): the same exposure
 * window, revocation lag, score, time-weighted score (to the last bit) and
 * high-impact pairs, on generated organisations, on small models made for the
 * hard cases, and on random small models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstCase, worstCases } from '../../src/analyses/simulation/worst-case.js';
import { generateModelYaml, toYaml } from '../../src/model/generate.js';
import type { ModelDocument } from '../../src/model/schema.js';
import { randomModel } from '../helpers/random-model.js';
import { buildGraph } from '../../src/graph/build.js';
import { straightforwardWorstCase } from '../../src/bench/straightforward.js';
import { analysis, assertBulkAgrees, D, H, load } from '../helpers/model.js';
import { prepareAnalysis } from '../../src/analyses/context.js';

/** Random models per property; LEAKRADIUS_PROPERTY_RUNS raises it for a longer run. */
const RUNS = Number(process.env.LEAKRADIUS_PROPERTY_RUNS ?? 150);

const HEADER = `
version: 1
detection: { default: 3d, channels: { logs: 2d, prompt-context: 7d, ci-logs: 10m }, harvested: 1d }
response: { manual: 8h, automated: 2m }
`;

describe('bulk worst case agrees with one simulation per credential', () => {
  for (const [agents, seed] of [
    [40, 1],
    [150, 2],
    [400, 3],
    [250, 4],
  ] as const) {
    it(`on a generated organisation of ${agents} agents (seed ${seed})`, () => {
      const ctx = analysis(generateModelYaml({ agents, seed }));
      // analysis() compares every credential; make sure the model is not trivial.
      const cases = worstCases(ctx);
      expect(cases.filter((c) => c.score > 50).length).toBeGreaterThan(agents / 20);
      expect(cases.some((c) => c.highImpact.length > 0)).toBe(true);
    });
  }

  it('leaves out the leaked credential when it is harvested back (its own store), by hand', () => {
    // vault-key reads the vault, which holds vault-key itself and app-key. Leaked, vault-key lasts
    // 7d + 8h (prompt-context, manual); harvested again it would last 8d + 8h, but the leaked
    // credential is never re-acquired, so its own pairs keep 7d8h. app-key, harvested, lasts 8d8h.
    const model = `${HEADER}
resources:
  - { id: vault, kind: secret-store, sensitivity: critical, holds: [vault-key, app-key] }
  - { id: db, kind: database, sensitivity: high }
credentials:
  - { id: vault-key, ttl: never, exposure: [prompt-context], grants: [{ resource: vault, actions: [read] }] }
  - { id: app-key, ttl: never, grants: [{ resource: db, actions: [export] }] }
`;
    const ctx = analysis(model);
    const [vaultKey] = worstCases(ctx);
    expect(vaultKey.exposureWindow).toBe(7 * D + 8 * H);
    // vault:read 10 x 1 for 176 h; db:export 5 x 3 for 200 h (app-key detected 7d + 1d, + 8h).
    expect(vaultKey.score).toBe(10 + 15);
    expect(vaultKey.timeWeightedScore).toBe(10 * 176 + 15 * 200);
    // Lag: app-key stops at 8d8h, detection at 7d.
    expect(vaultKey.revocationLag).toBe(D + 8 * H);
    expect(vaultKey.highImpact).toEqual([{ resource: 'db', action: 'export' }]);
  });

  it('cycles of stores, agents that task each other, minted tokens with and without their parent', () => {
    assertBulkAgrees(
      analysis(`${HEADER}
agents:
  - { id: a, credentials: [a-key], delegates: [{ to: b, mode: passthrough }] }
  - { id: b, credentials: [b-svid], delegates: [{ to: c, mode: exchange, credential: c-token }] }
  - { id: c, credentials: [c-key], delegates: [{ to: a, mode: passthrough }] }
resources:
  - { id: s1, kind: secret-store, sensitivity: high, holds: [b-key, a-key] }
  - { id: s2, kind: secret-store, sensitivity: critical, holds: [c-key, child-free] }
  - { id: r1, kind: repo, sensitivity: low }
  - { id: r2, kind: cluster, sensitivity: critical }
credentials:
  - { id: a-key, ttl: 30d, exposure: [logs], grants: [{ resource: s1, actions: [read] }, { resource: r1, actions: [write] }] }
  - { id: b-key, ttl: never, revocation: { mode: automated }, grants: [{ agent: c, actions: [invoke] }, { resource: s2, actions: [read] }] }
  - { id: b-svid, ttl: 1h, binding: workload-bound, revocation: { mode: none }, grants: [{ resource: r2, actions: [deploy, read] }] }
  - { id: c-key, ttl: 12h, revocation: { mode: none }, exposure: [ci-logs], grants: [{ resource: s1, actions: [export] }, { agent: a, actions: [invoke] }] }
  - { id: c-token, ttl: 15m, derivedFrom: a-key, revokedWithParent: true, grants: [{ resource: r2, actions: [read] }] }
  - { id: child-free, ttl: 2d, derivedFrom: c-key, grants: [{ resource: r2, actions: [deploy], approval: [deploy] }, { resource: r1, actions: [read] }] }
  - { id: minted-chain, ttl: 1h, derivedFrom: c-token, revokedWithParent: true, grants: [{ resource: r1, actions: [delete] }] }
`),
    );
  });

  it('a token revoked with its parent inside a cycle (simulated one by one)', () => {
    assertBulkAgrees(
      analysis(`${HEADER}
resources:
  - { id: s, kind: secret-store, sensitivity: high, holds: [parent] }
  - { id: r, kind: db, sensitivity: critical }
credentials:
  - { id: parent, ttl: 90d, exposure: [prompt-context], grants: [{ resource: r, actions: [read] }] }
  - { id: child, ttl: 30d, derivedFrom: parent, revokedWithParent: true, exposure: [logs], grants: [{ resource: s, actions: [read] }, { resource: r, actions: [delete] }] }
`),
    );
  });

  it('dead credentials, empty windows and detection classes whose order flips', () => {
    assertBulkAgrees(
      analysis(`
version: 1
detection: { default: 0s, channels: { slow: 30d, fast: 1h }, harvested: 0s }
response: { manual: 0s, automated: 0s }
resources:
  - { id: s, kind: secret-store, sensitivity: high, holds: [dead, instant, never, fixed] }
  - { id: r, kind: db, sensitivity: critical }
credentials:
  - { id: reader, ttl: 90d, exposure: [slow], grants: [{ resource: s, actions: [read] }] }
  - { id: quick, ttl: 90d, exposure: [fast], grants: [{ resource: s, actions: [read] }] }
  - { id: nothing, ttl: 90d, grants: [{ resource: s, actions: [read] }] }
  - { id: dead, ttl: 0s, grants: [{ resource: r, actions: [read] }] }
  - { id: instant, ttl: never, revocation: { mode: automated }, grants: [{ resource: r, actions: [write] }] }
  - { id: never, ttl: never, revocation: { mode: none }, grants: [{ resource: r, actions: [export] }] }
  - { id: fixed, ttl: 10d, revocation: { mode: none }, grants: [{ resource: r, actions: [write, export] }] }
`),
    );
  });

  it(
    'on random small models',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
          assertBulkAgrees(analysisOf(randomModel(seed)));
        }),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 200,
  );

  it(
    'a plain worklist over the graph (no closure, no loop limit: loops run turn by turn) agrees on random small models',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
          const loaded = load(toYaml(randomModel(seed)));
          const ctx = prepareAnalysis(loaded.model, loaded.relations);
          const graph = buildGraph(ctx.model);
          for (const c of ctx.model.credentials)
            expect({ seed, worst: straightforwardWorstCase(graph, ctx, c.id) }).toEqual({
              seed,
              worst: worstCase(ctx, c.id),
            });
        }),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 400,
  );

  it('the closure really is the answer: a wrong bulk figure is caught', () => {
    const ctx = analysis(generateModelYaml({ agents: 30, seed: 9 }));
    const bulk = worstCases(ctx);
    const i = bulk.findIndex((c) => c.score > 0);
    expect(JSON.stringify(worstCase(ctx, bulk[i].credential))).toBe(JSON.stringify(bulk[i]));
    expect(JSON.stringify({ ...bulk[i], score: bulk[i].score + 1 })).not.toBe(
      JSON.stringify(worstCase(ctx, bulk[i].credential)),
    );
  });
});

function analysisOf(doc: ModelDocument) {
  return analysis(toYaml(doc));
}
