/**
 * Nothing recurses as deep as the model is long: a 100,000-long delegation
 * chain, a 100,000-long harvest chain and a single strongly connected
 * component of 200,000 nodes go through the parser, validation, relations,
 * the reach index, the graph, the delegation analysis and the bulk worst case
 * (Node's stack overflows near a depth of 10,000 to 20,000). The figures are
 * checked by formula, and against one simulation per credential on shorter
 * versions of the same shapes.
 */
import { describe, expect, it } from 'vitest';
import { prepareAnalysis, type AnalysisContext } from '../../src/analyses/context.js';
import { delegationFacts } from '../../src/analyses/delegation/facts.js';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { worstCases } from '../../src/analyses/simulation/worst-case.js';
import { buildGraph } from '../../src/graph/build.js';
import { stronglyConnectedComponents } from '../../src/graph/scc.js';
import { assertBulkAgrees, D, H, load } from '../helpers/model.js';

const LONG = 100_000;
const HEADER = `version: 1
detection: { default: 2d, harvested: 1d }
response: { manual: 8h, automated: 2m }
`;

/** a0 → a1 → … by passthrough; every 10,000th agent holds a key; `entry` may task a0. */
function delegationChain(n: number): string {
  const lines = [HEADER, 'resources:', '  - { id: r, kind: db, sensitivity: low }', 'agents:'];
  for (let i = 0; i < n; i++) {
    const key = i % 10_000 === 0 ? `, credentials: [k${i}]` : '';
    const next = i + 1 < n ? `, delegates: [{ to: a${i + 1}, mode: passthrough }]` : '';
    lines.push(`  - { id: a${i}${key}${next} }`);
  }
  lines.push('credentials:', '  - { id: entry, ttl: 1h, grants: [{ agent: a0, actions: [invoke] }] }');
  for (let i = 0; i < n; i += 10_000)
    lines.push(`  - { id: k${i}, ttl: never, grants: [{ resource: r, actions: [read, write] }] }`);
  return `${lines.join('\n')}\n`;
}

/** c0 reads s0, which holds c1, which reads s1 …; with `ring`, the last store holds c0 again. */
function harvestChain(n: number, ring: boolean): string {
  const resources = ['resources:'];
  const credentials = ['credentials:'];
  for (let i = 0; i < n; i++) {
    const held = i + 1 < n ? `c${i + 1}` : ring ? 'c0' : undefined;
    resources.push(`  - { id: s${i}, kind: store, sensitivity: low${held ? `, holds: [${held}]` : ''} }`);
    credentials.push(`  - { id: c${i}, ttl: never, grants: [{ resource: s${i}, actions: [read] }] }`);
  }
  return `${HEADER}${resources.join('\n')}\n${credentials.join('\n')}\n`;
}

function context(yaml: string): AnalysisContext {
  const loaded = load(yaml);
  return prepareAnalysis(loaded.model, loaded.relations);
}

describe('a 100,000-long delegation chain', () => {
  const ctx = context(delegationChain(LONG));

  it('builds the graph, the delegation facts and the components without recursion', () => {
    const graph = buildGraph(ctx.model);
    expect(graph.order).toBe(LONG + LONG / 10_000 + 1 + 1);
    const facts = delegationFacts(ctx);
    expect(facts.edges).toHaveLength(LONG - 1);
    expect(Math.max(...facts.edges.map((e) => e.depth))).toBe(LONG - 1);
    expect(stronglyConnectedComponents(ctx.index.delegates, LONG).count).toBe(LONG);
  });

  it('the worst case of `entry` reaches every key down the chain, within entry’s window', () => {
    const cases = worstCases(ctx);
    const entry = cases.find((c) => c.credential === 'entry')!;
    // Tasking a0 reaches every agent, and every agent acts with the keys passed down to it:
    // r:read (1) and r:write (2), for entry's hour (ttl 1h, before detection at 2d).
    expect(entry.exposureWindow).toBe(H);
    expect(entry.score).toBe(3);
    expect(entry.timeWeightedScore).toBe(3);
  });

  it('one leak entering the chain 2,000 agents from its end is found hop by hop', () => {
    const near = context(delegationChain(2_000).replace('{ agent: a0, actions', '{ agent: a1, actions'));
    const r = simulateLeak(near, { credential: 'entry' });
    expect(r.tasked).toHaveLength(1_999);
    expect(r.tasked.at(-1)!.path).toHaveLength(1_999 + 1);
  });
});

describe('a 100,000-long harvest chain', () => {
  const ctx = context(harvestChain(LONG, false));

  it('every credential reaches the rest of the chain', () => {
    const cases = worstCases(ctx);
    // c_i leaked: detected at 2d, manual: stops at 2d8h (56 h). Each harvested c_j: detected
    // 2d + 1d, stops at 3d8h (80 h). c_i reaches s_i..s_{n-1}:read, impact 1 each.
    for (const i of [0, 1, 50_000, LONG - 2, LONG - 1]) {
      const c = cases[i];
      expect(c.score).toBe(LONG - i);
      expect(c.timeWeightedScore).toBe(56 + 80 * (LONG - i - 1));
      expect(c.revocationLag).toBe(i === LONG - 1 ? 8 * H : D + 8 * H);
    }
  });

  it('agrees with one simulation per credential on a 200-long chain (a single leak lists a path per pair: quadratic in the chain)', () => {
    assertBulkAgrees(context(harvestChain(200, false)));
  });
});

describe('a single strongly connected component of 200,000 nodes', () => {
  const ctx = context(harvestChain(LONG, true));

  it('every credential reaches every store, its own for its own window only', () => {
    const cases = worstCases(ctx);
    // The leaked credential is never re-acquired: its own pair lasts 56 h, every other one 80 h.
    for (const i of [0, 7, LONG - 1]) {
      expect(cases[i].score).toBe(LONG);
      expect(cases[i].timeWeightedScore).toBe(56 + 80 * (LONG - 1));
      expect(cases[i].revocationLag).toBe(D + 8 * H);
    }
  });

  it('agrees with one simulation per credential on a ring of 150', () => {
    assertBulkAgrees(context(harvestChain(150, true)));
  });
});
