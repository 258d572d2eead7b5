/**
 * What passthrough delegation hands on is closed once per strongly connected
 * component: rings and cliques of agents cost what they hand on, not a fixed
 * point over every agent (a ring of 400 took 52 s), and a model that would
 * hand on more pairs than a file may hold nodes is refused where it crosses.
 */
import { describe, expect, it } from 'vitest';
import { load, messagesOf } from '../helpers/model.js';

/** n agents each holding its own key, each delegating by passthrough to the next, or to all the others. */
function agents(n: number, shape: 'ring' | 'clique' | 'chain'): string {
  const lines = ['version: 1', 'agents:'];
  for (let i = 0; i < n; i++) {
    const to =
      shape === 'clique'
        ? [...Array(n).keys()].filter((j) => j !== i)
        : shape === 'ring' || i + 1 < n
          ? [(i + 1) % n]
          : [];
    const delegates = to.map((j) => `{ to: a${j}, mode: passthrough }`).join(', ');
    lines.push(`  - { id: a${i}, credentials: [k${i}], delegates: [${delegates}] }`);
  }
  lines.push('credentials:');
  for (let i = 0; i < n; i++) lines.push(`  - { id: k${i}, ttl: 1h }`);
  return `${lines.join('\n')}\n`;
}

describe('the passthrough closure', () => {
  it('a ring of 400 agents: each holds its own key first, then every other key in model order', () => {
    const { relations } = load(agents(400, 'ring'));
    const keys = (from: number) => [...Array(400).keys()].filter((j) => j !== from).map((j) => `k${j}`);
    expect(relations.available.get('a0')).toEqual(['k0', ...keys(0)]);
    expect(relations.available.get('a217')).toEqual(['k217', ...keys(217)]);
  });

  it('a clique of 60 agents hands every key to every agent', () => {
    const { relations } = load(agents(60, 'clique'));
    for (const a of ['a0', 'a31', 'a59']) expect(relations.available.get(a)).toHaveLength(60);
  });

  it('a chain hands keys down only: the i-th agent holds i + 1 keys', () => {
    const { relations } = load(agents(50, 'chain'));
    expect(relations.available.get('a0')).toEqual(['k0']);
    expect(relations.available.get('a3')).toEqual(['k3', 'k0', 'k1', 'k2']);
    expect(relations.available.get('a49')).toHaveLength(50);
  });

  it('a ring whose closure passes 4,000,000 (agent, credential) pairs is refused at the agent where it crosses', () => {
    // 2,001 agents in a ring each end with all 2,001 keys. 1,999 agents make 1,999 × 2,001 = 3,999,999 pairs;
    // the 2,000th (a1999, on line 2 + 2,000) crosses, pointed at its delegates: column 51 of
    // `  - { id: a1999, credentials: [k1999], delegates: [`.
    expect(messagesOf(agents(2001, 'ring'))).toEqual([
      'bad.yaml:2002:51: passthrough delegation hands on more than 4,000,000 (agent, credential) pairs in all, the limit for one model; delegate by exchange, or split the model',
    ]);
  });
});
