/**
 * TTL recommendations. Rules (docs/simulation.md): a leak at issue stops at
 * min(expiry, revocation issued + propagation); the time-weighted score is the
 * sum of impact × hours of access. Impact = sensitivity weight (high 5) ×
 * action weight (read 1).
 */
import { describe, expect, it } from 'vitest';
import { readableCeiling, suggestedTtl } from '../../src/analyses/recommendations/index.js';
import { H, M } from '../helpers/model.js';
import { HEADER, change, find, ids, recommendFor } from './helpers.js';

const perTask = (ttl: string, duration = '20m') => `${HEADER}
agents: [{ id: bot, credentials: [tok] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: tok, ttl: ${ttl}, issuance: per-task, binding: bearer, revocation: { mode: automated, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: report, agent: bot, duration: ${duration}, steps: [{ resource: db, action: read }] }
`;

const staticKey = (autonomy: string) => `${HEADER}
agents: [{ id: bot, autonomy: ${autonomy}, credentials: [key] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: key, ttl: never, issuance: static, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: report, agent: bot, duration: 30m, steps: [{ resource: db, action: read }] }
`;

describe('suggested TTL', () => {
  it('is the longest workflow plus 25%, rounded up to a readable value', () => {
    expect(suggestedTtl(20 * M)).toBe(25 * M); // 25m exactly
    expect(suggestedTtl(30 * M)).toBe(40 * M); // 37.5m -> next 5m step
    expect(suggestedTtl(3 * H)).toBe(4 * H); // 3h45m -> next 30m step
    expect(suggestedTtl(5 * M)).toBe(7 * M); // 6.25m -> next minute
    expect(readableCeiling(30)).toBe(60);
    expect(readableCeiling(3 * 86_400 + 1)).toBe(4 * 86_400);
  });

  it("never goes below the kind's published minimum", () => {
    // 5m + 25% = 7m, but an AWS STS session cannot be shorter than 15m.
    expect(suggestedTtl(5 * M, 'aws-sts-session')).toBe(15 * M);
    expect(suggestedTtl(5 * M, 'kubernetes-service-account-token')).toBe(10 * M);
  });
});

describe('TTL recommendation', () => {
  it('shortens a per-task credential that lives far longer than its workflow, with the effect measured', () => {
    const result = recommendFor(perTask('12h'), ['ttl']);
    const r = find(result, 'ttl:tok');
    expect(r.edits).toEqual([{ op: 'set', path: ['credentials', 0, 'ttl'], old: '12h', value: '25m' }]);
    // Before: detected at 2d (logs), automated revocation at 2d2m, so expiry at 12h stops it first.
    // Window 12h; db:read impact 5; time-weighted 5 x 12 = 60.
    // After: ttl 25m stops it at 25m; time-weighted 5 x 25/60 = 2.0833.
    const c = change(r, 'tok');
    expect(c.before).toEqual({ exposureWindow: 12 * H, score: 5, timeWeightedScore: 60 });
    expect(c.after.exposureWindow).toBe(25 * M);
    expect(c.after.score).toBe(5);
    expect(c.after.timeWeightedScore).toBeCloseTo((5 * 25) / 60, 9);
    // The hijacked bot holds tok until it expires too (its 20m task ends first; detection 7d): 60 before,
    // 2.0833 after. Totals 120 → 4.1667.
    expect(r.effect.before.total).toBe(120);
    expect(r.effect.after.hijackedAgent.total).toBeCloseTo((5 * 25) / 60, 9);
    expect(r.effect.after.total).toBeCloseTo(120 - 115.833_333_333, 6);
  });

  it('leaves a TTL within twice the workflow alone', () => {
    // 35m is more than the 25m suggestion but not more than twice the 20m workflow.
    expect(ids(recommendFor(perTask('35m'), ['ttl']))).toEqual([]);
    expect(ids(recommendFor(perTask('25m'), ['ttl']))).toEqual([]);
  });

  it('issues a static, never-expiring key of an autonomous agent per task', () => {
    const result = recommendFor(staticKey('autonomous'), ['ttl']);
    const r = find(result, 'ttl:key');
    expect(r.edits).toEqual([
      { op: 'set', path: ['credentials', 0, 'issuance'], old: 'static', value: 'per-task' },
      { op: 'set', path: ['credentials', 0, 'ttl'], old: 'never', value: '40m' },
    ]);
    // Before: logs detect at 2d, manual revocation 8h later: stop 56h; 5 x 56 = 280.
    // After: 30m workflow -> 40m TTL; stop 40m; 5 x 40/60 = 3.3333.
    const c = change(r, 'key');
    expect(c.before).toEqual({ exposureWindow: 56 * H, score: 5, timeWeightedScore: 280 });
    expect(c.after.exposureWindow).toBe(40 * M);
    expect(c.after.timeWeightedScore).toBeCloseTo(200 / 60, 9);
  });

  it("does not ask a human-in-the-loop agent's static key to be reissued", () => {
    expect(ids(recommendFor(staticKey('human-in-the-loop'), ['ttl']))).toEqual([]);
  });

  it('respects the kind minimum in the edit it proposes', () => {
    const yaml = `${HEADER}
agents: [{ id: bot, credentials: [sts] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: sts, kind: aws-sts-session, ttl: 12h, issuance: per-session, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: quick, agent: bot, duration: 5m, steps: [{ resource: db, action: read }] }
`;
    const r = find(recommendFor(yaml, ['ttl']), 'ttl:sts');
    expect(r.edits).toEqual([{ op: 'set', path: ['credentials', 0, 'ttl'], old: '12h', value: '15m' }]);
    // Before: stop at expiry 12h (manual revocation at 2d8h): 5 x 12 = 60. After: 5 x 0.25 = 1.25, leaked; and as
    // much for bot hijacked (its 5m task ends before the 15m session does): 2.5.
    expect(change(r, 'sts').after.timeWeightedScore).toBeCloseTo(1.25, 9);
    expect(r.effect.after.total).toBeCloseTo(2.5, 9);
  });

  it('caps how long a refreshable credential can be refreshed', () => {
    const yaml = `${HEADER}
agents: [{ id: bot, credentials: [oauth] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: oauth, ttl: 1h, maxLifetime: 30d, issuance: per-session, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: long, agent: bot, duration: 3h, steps: [{ resource: db, action: read }] }
`;
    const r = find(recommendFor(yaml, ['ttl']), 'ttl:oauth');
    // 3h + 25% = 3h45m -> 4h. The ttl (1h) is already shorter; only the refresh window changes.
    expect(r.edits).toEqual([{ op: 'set', path: ['credentials', 0, 'maxLifetime'], old: '30d', value: '4h' }]);
    // Before: refreshable for 30d, stopped by manual revocation at 2d8h = 56h: 5 x 56 = 280. After: 5 x 4 = 20.
    const c = change(r, 'oauth');
    expect(c.before!.timeWeightedScore).toBe(280);
    expect(c.after.timeWeightedScore).toBe(20);
  });
});
