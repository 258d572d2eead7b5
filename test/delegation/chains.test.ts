import { describe, expect, it } from 'vitest';
import { delegationChains } from '../../src/analyses/delegation/chains.js';
import { delegationFacts } from '../../src/analyses/delegation/facts.js';
import fc from 'fast-check';
import { toYaml } from '../../src/model/generate.js';
import { analysis } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

const pairs = (list: readonly { resource: string; action: string }[]) => list.map((p) => `${p.resource}:${p.action}`);

// orch passes its own token to coder, which passes everything on to tester, which loops back to orch;
// orch also hands reviewer a narrower minted token by exchange.
const MODEL = `
version: 1
agents:
  - id: orch
    owner: ai
    purpose: plan
    credentials: [orch-token]
    delegates:
      - { to: coder, mode: passthrough }
      - { to: reviewer, mode: exchange, credential: review-token }
  - { id: coder, owner: ai, purpose: code, credentials: [db-key], delegates: [{ to: tester, mode: passthrough }] }
  - { id: tester, owner: ai, purpose: test, delegates: [{ to: orch, mode: passthrough }] }
  - { id: reviewer, owner: ai, purpose: review }
resources:
  - { id: repo, kind: repository, sensitivity: high }
  - { id: db, kind: database, sensitivity: critical }
credentials:
  - { id: orch-token, ttl: 1h, grants: [{ resource: repo, actions: [read, write] }] }
  - { id: db-key, ttl: 1h, grants: [{ resource: db, actions: [read] }] }
  - { id: review-token, ttl: 5m, derivedFrom: orch-token, grants: [{ resource: repo, actions: [read] }] }
`;

describe('delegation chains', () => {
  const { chains, truncated } = delegationChains(analysis(MODEL));

  it('walks every chain and stops at the loop', () => {
    expect(truncated).toBe(false);
    expect(chains.map((c) => c.hops.map((h) => h.agent).join('>'))).toEqual(['orch>coder>tester', 'orch>reviewer']);
    expect(chains[0].cycleTo).toBe('orch');
    // orch -> coder -> tester -> (back to) orch: three delegations.
    expect(chains[0].depth).toBe(3);
  });

  it("passthrough hands on the delegator's credentials; exchange only the minted one", () => {
    const [loop, review] = chains;
    expect(loop.hops[1].credentials).toEqual(['db-key', 'orch-token']);
    expect(pairs(loop.hops[1].effective)).toEqual(['db:read', 'repo:read', 'repo:write']);
    expect(review.hops[1].credentials).toEqual(['review-token']);
    expect(pairs(review.hops[1].effective)).toEqual(['repo:read']);
  });

  it('a delegator acts with all it can hold: round the loop, orch holds db-key too, so coder gains nothing', () => {
    // orch -> coder -> tester -> orch, all passthrough: tester hands orch db-key and orch-token, so at
    // every hop of the loop each agent can act with both; nobody in it can do more than its delegator.
    expect(chains[0].hops[0].credentials).toEqual(['orch-token', 'db-key']);
    expect(pairs(chains[0].hops[1].escalation)).toEqual([]);
    expect(chains[0].loopEscalation).toEqual([]);
    expect(chains[0].escalates).toBe(false);
    expect(chains[1].escalates).toBe(false);
  });

  it('loses attribution at the first passthrough hop and keeps it through exchange', () => {
    expect(chains[0].attributionLostAt).toBe(1);
    expect(chains[1].attributionLostAt).toBeUndefined();
  });

  it('flags chains deeper than the limit', () => {
    const shallow = delegationChains(analysis(MODEL), { maxDepth: 2 });
    expect(shallow.chains.map((c) => c.tooDeep)).toEqual([true, false]);
  });

  it('starts from a given agent', () => {
    const from = delegationChains(analysis(MODEL), { from: 'coder' });
    // coder -> tester -> orch, where orch's passthrough leads back to coder (a loop), and orch -> reviewer.
    expect(from.chains.map((c) => c.hops.map((h) => h.agent).join('>'))).toEqual([
      'coder>tester>orch',
      'coder>tester>orch>reviewer',
    ]);
    expect(from.chains[0].cycleTo).toBe('coder');
  });
});

describe('delegation facts', () => {
  const facts = delegationFacts(analysis(MODEL));

  it('finds the loop', () => {
    expect(facts.cycles).toEqual([['orch', 'coder', 'tester']]);
  });

  it('reports escalation per delegation edge', () => {
    const edge = (from: string, to: string) => facts.edges.find((e) => e.from === from && e.to === to)!;
    // coder receives everything orch can use (orch-token, and by the loop db-key too): nothing new for coder.
    expect(pairs(edge('orch', 'coder').escalation)).toEqual([]);
    expect(pairs(edge('orch', 'reviewer').escalation)).toEqual([]);
    expect(edge('orch', 'coder').inCycle).toBe(true);
    expect(edge('orch', 'reviewer').inCycle).toBe(false);
  });

  it('measures the depth of the longest chain through each delegation, counting a loop once', () => {
    const depth = (from: string, to: string) => facts.edges.find((e) => e.from === from && e.to === to)!.depth;
    // The loop {orch, coder, tester} is one node of the condensation: orch -> reviewer ends a chain of 1.
    expect(depth('orch', 'reviewer')).toBe(1);
  });

  it('handles a 100,000-long chain without recursion', () => {
    const n = 100_000;
    const agents = Array.from(
      { length: n },
      (_, i) =>
        `  - { id: a${i}, owner: t, purpose: p${i < n - 1 ? `, delegates: [{ to: a${i + 1}, mode: passthrough }]` : ''} }`,
    ).join('\n');
    const facts = delegationFacts(analysis(`version: 1\nagents:\n${agents}\n`));
    // The last delegation (a99998 -> a99999) ends a chain of 99,999 delegations.
    expect(facts.edges[facts.edges.length - 1].depth).toBe(n - 1);
    expect(facts.cycles).toEqual([]);
  });
});

describe('the chain view and the CI gate agree on loops', () => {
  // A passes through to B, B exchanges to C (minting kx from kb), C passes through to A.
  const LOOP = `
version: 1
agents:
  - { id: A, owner: t, purpose: p, credentials: [ka], delegates: [{ to: B, mode: passthrough }] }
  - { id: B, owner: t, purpose: p, credentials: [kb], delegates: [{ to: C, mode: exchange, credential: kx }] }
  - { id: C, owner: t, purpose: p, credentials: [kc], delegates: [{ to: A, mode: passthrough }] }
resources:
  - { id: ra, kind: db, sensitivity: high }
  - { id: rb, kind: db, sensitivity: high }
  - { id: rc, kind: db, sensitivity: high }
  - { id: rx, kind: db, sensitivity: critical }
credentials:
  - { id: ka, ttl: 1h, grants: [{ resource: ra, actions: [read] }] }
  - { id: kb, ttl: 1h, grants: [{ resource: rb, actions: [read] }] }
  - { id: kc, ttl: 1h, grants: [{ resource: rc, actions: [read] }] }
  - { id: kx, ttl: 1h, derivedFrom: kb, grants: [{ resource: rx, actions: [read] }] }
`;

  it('the same gain on every delegation, and B is shown acting with what A hands it', () => {
    const ctx = analysis(LOOP);
    const facts = delegationFacts(ctx);
    const gate = Object.fromEntries(facts.edges.map((e) => [`${e.from}>${e.to}`, pairs(e.escalation)]));
    // A can act with ka, and round the loop with what C hands it (kc, kx): A -> B gains rb:read (kb).
    // B then holds kb, ka, kc, kx: C's kc and kx are nothing new. C holds kc and kx only: A gains ra:read.
    expect(gate).toEqual({ 'A>B': ['rb:read'], 'B>C': [], 'C>A': ['ra:read'] });
    const [chain] = delegationChains(ctx).chains;
    const shown = {
      'A>B': pairs(chain.hops[1].escalation),
      'B>C': pairs(chain.hops[2].escalation),
      'C>A': pairs(chain.loopEscalation ?? []),
    };
    expect(shown).toEqual(gate);
    // LR006 says A hands B ka, kc and kx: the chain shows B acting with them.
    expect(chain.hops[1].credentials).toEqual(['kb', 'ka', 'kc', 'kx']);
  });

  it('on random models with loops of passthrough and exchange, each chain hop shows the gain the gate reports', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(), (seed, n) => {
        const doc = randomModel(seed);
        const agents = doc.agents ?? [];
        const credentials = doc.credentials ?? [];
        // Turn some delegations into exchanges minting a credential of the model.
        agents.forEach((a, i) =>
          (a.delegates ?? []).forEach((d, k) => {
            if ((n + i + k) % 2 === 0)
              Object.assign(d, { mode: 'exchange', credential: credentials[(n + i) % credentials.length].id });
          }),
        );
        const ctx = analysis(toYaml(doc));
        const gate = new Map(delegationFacts(ctx).edges.map((e) => [`${e.from}>${e.to}`, pairs(e.escalation)]));
        for (const chain of delegationChains(ctx).chains) {
          chain.hops.forEach((h, k) => {
            if (k > 0) expect(pairs(h.escalation)).toEqual(gate.get(`${chain.hops[k - 1].agent}>${h.agent}`));
          });
          if (chain.cycleTo !== undefined)
            expect(pairs(chain.loopEscalation ?? [])).toEqual(gate.get(`${chain.hops.at(-1)!.agent}>${chain.cycleTo}`));
        }
      }),
      { numRuns: 200 },
    );
  });
});
