import { describe, expect, it } from 'vitest';
import { delegationChains } from '../../src/analyses/delegation/chains.js';
import { delegationFacts } from '../../src/analyses/delegation/facts.js';
import { analysis } from '../helpers/model.js';

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

  it('flags the delegate that ends up with more than its delegator', () => {
    // coder adds its own db-key: db:read is more than orch can do.
    expect(pairs(chains[0].hops[1].escalation)).toEqual(['db:read']);
    expect(chains[0].escalates).toBe(true);
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
