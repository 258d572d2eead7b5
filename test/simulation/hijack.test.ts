/**
 * The hijacked-agent worst case on small hand-made models. Every expected
 * number is worked out by hand from docs/simulation.md, "The hijacked agent";
 * the arithmetic is in the comments. Every figure is written in the model
 * (revocation modes left out default to manual, propagation 0s).
 *
 * Weights: medium 2, high 5, critical 10; read 1, write 2, deploy 4, admin 4.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import { checkDocument } from '../../src/analyses/recommendations/measure.js';
import { formatPath } from '../../src/analyses/simulation/leak.js';
import { hijackCases, hijackMemo, simulateHijack } from '../../src/analyses/simulation/hijack.js';
import { modelRisk } from '../../src/analyses/simulation/risk.js';
import { worstCases } from '../../src/analyses/simulation/worst-case.js';
import { UNBOUNDED } from '../../src/model/duration.js';
import { analysis, D, H, load, M } from '../helpers/model.js';

// The incident is detected through prompt-context at 3d = 72h; a person responds 8h later, at 80h.
const MODEL = `
version: 1
detection: { default: 1d, channels: { logs: 2d, prompt-context: 3d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
agents:
  - { id: lead, credentials: [lead-key, lead-cert], delegates: [{ to: helper, mode: exchange, credential: helper-token }] }
  - { id: helper, credentials: [helper-own] }
  - { id: idle, credentials: [idle-key] }
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [stored-key, other-cert] }
  - { id: prod, kind: cluster, sensitivity: critical }
  - { id: wiki, kind: wiki, sensitivity: medium }
credentials:
  - { id: lead-key, ttl: never, issuance: static, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: repo, actions: [read, write] }] }
  - { id: lead-cert, ttl: 1h, issuance: per-task, binding: workload-bound, revocation: { mode: on-task-end, propagation: 0s }, grants: [{ resource: prod, actions: [deploy], approval: [deploy] }, { resource: wiki, actions: [read] }] }
  - { id: helper-token, ttl: 15m, issuance: per-task, derivedFrom: lead-key, revokedWithParent: true, grants: [{ resource: wiki, actions: [write] }] }
  - { id: helper-own, ttl: 2h, binding: bearer, revocation: { mode: automated, propagation: 0s }, grants: [{ resource: prod, actions: [read] }] }
  - { id: stored-key, ttl: 10d, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: prod, actions: [admin] }] }
  - { id: other-cert, ttl: 10d, binding: workload-bound, grants: [{ resource: prod, actions: [delete] }] }
  - { id: idle-key, ttl: 30d, binding: sender-constrained, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: wiki, actions: [read] }] }
workflows:
  - { id: ship, agent: lead, duration: 40m, steps: [{ resource: repo, action: read }, { resource: repo, action: write }, { resource: prod, action: deploy, credential: lead-cert }, { delegate: helper }] }
  - { id: doc, agent: helper, duration: 10m, steps: [{ resource: wiki, action: write }, { resource: prod, action: read }] }
`;

const pairs = (r: ReturnType<typeof simulateHijack>) =>
  Object.fromEntries(r.reached.map((p) => [`${p.resource}:${p.action}`, [p.from, p.until]]));

describe('the hijacked agent', () => {
  const ctx = analysis(MODEL);

  it('acts with what it holds until each credential stops, tasks its delegate while its task lasts, and harvests and mints', () => {
    // lead's task is its longest workflow, 40m; the response would stop it at 80h: the hijack ends at 40m.
    const r = simulateHijack(ctx, { agent: 'lead' });
    expect([r.detected, r.taskEnd, r.hijackEnds]).toEqual([72 * H, 40 * M, 40 * M]);
    // lead-key: static, never expires, revoked by hand at 72h + 8h = 80h. lead-cert: revoked when lead's task ends,
    // at 40m, before its 1h expiry.
    expect(r.holds).toEqual([
      { credential: 'lead-key', stop: 80 * H },
      { credential: 'lead-cert', stop: 40 * M },
    ]);
    expect(pairs(r)).toEqual({
      // lead-key's grants, until it stops: 80h, long after the task; repo read 5 + write 10 = 15 x 80 = 1,200.
      'repo:read': [0, 80 * H],
      'repo:write': [0, 80 * H],
      // lead-cert is bound to lead's workload: the hijacked lead uses it all the same. wiki read 2 x 40/60 = 1.33.
      // Its deploy needs a person's approval at each use: held back.
      'wiki:read': [0, 40 * M],
      // Reading repo harvests stored-key (bearer): detection 72h + 1d = 96h, revoked by hand at 104h, before
      // its 10d expiry: prod admin 40 x 104 = 4,160. other-cert is bound to another workload: useless.
      'prod:admin': [0, 104 * H],
      // helper-token is minted from lead-key at the last moment lead holds it, and dies with it at 80h:
      // wiki write 4 x 80 = 320.
      'wiki:write': [0, 80 * H],
      // lead tasks helper (its delegate) while the hijack lasts, 40m; helper acts with its own helper-own:
      // prod read 10 x 40/60 = 6.67.
      'prod:read': [0, 40 * M],
    });
    expect(r.gated.map((g) => `${g.resource}:${g.action}`)).toEqual(['prod:deploy']);
    expect(r.acquired.find((a) => a.credential === 'other-cert')).toMatchObject({ usable: false });
    expect(formatPath(r.reached.find((p) => p.action === 'admin')!.path)).toBe(
      'lead-key → repo:read → stored-key → prod:admin',
    );
    expect(formatPath(r.reached.find((p) => p.resource === 'prod' && p.action === 'read')!.path)).toBe(
      'lead (hijacked) → delegate to helper → helper acting with helper-own → prod:read',
    );
    // Score 5 + 10 + 2 + 40 + 4 + 10 = 71; time-weighted 1,200 + 1.33 + 4,160 + 320 + 6.67 = 5,688.
    expect(r.score).toBe(71);
    expect(r.timeWeightedScore).toBeCloseTo(5_688, 9);
  });

  it('ends with the task, or with a credential that outlives it, for an agent that only acts itself', () => {
    // helper's task: 10m. helper-own (automated revocation at 72h2m) expires first, at 2h: prod read 10 x 2 = 20.
    // helper-token, minted for it by exchange, expires at 15m: wiki write 4 x 15/60 = 1. Total 21.
    const r = simulateHijack(ctx, { agent: 'helper' });
    expect(r.hijackEnds).toBe(10 * M);
    expect(pairs(r)).toEqual({ 'prod:read': [0, 2 * H], 'wiki:write': [0, 15 * M] });
    expect(r.timeWeightedScore).toBeCloseTo(21, 9);
  });

  it('lasts until the response for an agent with no workflow, bound credential or not', () => {
    // idle has no task end: its hijack ends when the response stops it, 80h. idle-key is sender-constrained, which
    // stops a copy replayed from outside, not idle itself: wiki read 2 x 80 = 160.
    const r = simulateHijack(ctx, { agent: 'idle' });
    expect([r.taskEnd, r.hijackEnds]).toEqual([UNBOUNDED, 80 * H]);
    expect(r.timeWeightedScore).toBe(160);
  });

  it('adds up, agent by agent, to the hijacked-agent risk, next to the leaked-copy risk', () => {
    const cases = hijackCases(ctx);
    expect(cases.map((c) => [c.agent, c.score, Math.round(c.timeWeightedScore * 100) / 100])).toEqual([
      ['lead', 71, 5_688],
      ['helper', 14, 21],
      ['idle', 2, 160],
    ]);
    const risk = modelRisk(worstCases(ctx), cases);
    expect(risk.hijackedAgent.total).toBeCloseTo(5_688 + 21 + 160, 9);
    expect(risk.total).toBeCloseTo(risk.leakedCopy.total + 5_869, 9);
  });

  it('is unbounded when a credential the agent holds never stops', () => {
    const never = analysis(
      MODEL.replace(
        'idle-key, ttl: 30d, binding: sender-constrained, revocation: { mode: manual',
        'idle-key, ttl: never, binding: sender-constrained, revocation: { mode: none',
      ),
    );
    expect(simulateHijack(never, { agent: 'idle' }).timeWeightedScore).toBe(UNBOUNDED);
    const risk = modelRisk(worstCases(never), hijackCases(never));
    // idle-key, bound, cannot be replayed from outside: only the hijacked-agent part is unbounded.
    expect([risk.leakedCopy.unbounded, risk.hijackedAgent.unbounded, risk.total]).toEqual([0, 1, UNBOUNDED]);
  });

  it('reuses the case of an agent whose reads a change did not touch, and recomputes the others', () => {
    const loaded = load(MODEL);
    const memo = hijackMemo(prepareAnalysis(loaded.model, loaded.relations));
    // lead-key's TTL down to 1h: lead's reads include it; helper's and idle's do not.
    const { document } = applyEdits(loaded.document, [
      { op: 'set', path: ['credentials', 0, 'ttl'], old: 'never', value: '1h' },
    ]);
    const checked = checkDocument(document, 'changed');
    if (!checked.ok) throw new Error(checked.reasons.join('\n'));
    const changed = prepareAnalysis(checked.model, checked.relations);
    const reused = hijackCases(changed, memo);
    expect(reused).toEqual(hijackCases(changed));
    expect(reused[1]).toBe(memo.cases[1]);
    expect(reused[2]).toBe(memo.cases[2]);
    // lead-key now stops at 1h: repo 15 x 1 = 15; helper-token dies with it: 4 x 1 = 4; the rest as before:
    // 15 + 1.33 + 4,160 + 4 + 6.67 = 4,187.
    expect(reused[0].timeWeightedScore).toBeCloseTo(4_187, 9);
  });
});

describe('the coding agent, hijacked (the worked example of docs/simulation.md)', () => {
  it('gives the figures the document works out', () => {
    const ctx = analysis(readFileSync('models/coding-agent.yaml', 'utf8'));
    const r = simulateHijack(ctx, { agent: 'coder' });
    // Detection 7d (prompt-context); the task ends at 30m; gh-pat-dana and llm-api-key stop at 7d12h;
    // prod-deploy-sa-token, harvested, at 8d12h.
    expect([r.detected, r.hijackEnds]).toEqual([7 * D, 30 * M]);
    expect(r.score).toBe(179);
    expect(r.timeWeightedScore).toBe(34_380); // 15,300 + 720 + 18,360
  });
});
