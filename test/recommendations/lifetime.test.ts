/**
 * Binding and revocation: how long a leaked copy works, and where.
 */
import { describe, expect, it } from 'vitest';
import { recommendationsJson, recommendationsText } from '../../src/reports/recommendations.js';
import { createStyle } from '../../src/reports/terminal.js';
import { H, M } from '../helpers/model.js';
import { HEADER, change, find, ids, recommendFor } from './helpers.js';

const key = (fields: string, workflow = '') => `${HEADER}
agents: [{ id: bot, credentials: [key] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: key, ${fields}, grants: [{ resource: db, actions: [read] }] }
${workflow}`;

describe('binding', () => {
  it('binds a bearer credential that can leak, so an external copy replays nowhere', () => {
    const result = recommendFor(
      key('ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs]'),
      ['binding'],
    );
    const r = find(result, 'binding:key');
    expect(r.edits).toEqual([
      { op: 'set', path: ['credentials', 0, 'binding'], old: 'bearer', value: 'sender-constrained' },
    ]);
    // Before: expiry at 10h comes before detection (2d): db read 5 for 10h = 50. After: not replayable: 0.
    expect(change(r, 'key')).toEqual({
      credential: 'key',
      before: { exposureWindow: 10 * H, score: 5, timeWeightedScore: 50 },
      after: { exposureWindow: 0, score: 0, timeWeightedScore: 0 },
    });
  });

  it('writes the binding when the model left it to the default', () => {
    const r = find(recommendFor(key('ttl: 10h, exposure: [logs]'), ['binding']), 'binding:key');
    expect(r.edits).toEqual([{ op: 'set', path: ['credentials', 0, 'binding'], value: 'sender-constrained' }]);
  });

  it('does not appear without an exposure channel, or when already bound', () => {
    expect(ids(recommendFor(key('ttl: 10h, binding: bearer'), ['binding']))).toEqual([]);
    expect(ids(recommendFor(key('ttl: 10h, binding: workload-bound, exposure: [logs]'), ['binding']))).toEqual([]);
  });
});

describe('revocation', () => {
  it('automates a manual revocation', () => {
    const r = find(
      recommendFor(key('ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs]'), [
        'revocation',
      ]),
      'revocation:key',
    );
    expect(r.edits).toEqual([
      { op: 'set', path: ['credentials', 0, 'revocation', 'mode'], old: 'manual', value: 'automated' },
    ]);
    // Before: 2d + 8h = 56h; 5 x 56 = 280. After: 2d + 2m = 48h2m; 5 x 48.0333 = 240.1667.
    const c = change(r, 'key');
    expect(c.before).toEqual({ exposureWindow: 56 * H, score: 5, timeWeightedScore: 280 });
    expect(c.after.exposureWindow).toBe(48 * H + 2 * M);
    expect(c.after.timeWeightedScore).toBeCloseTo(5 * (48 + 2 / 60), 9);
  });

  it('revokes a per-task credential when its task ends', () => {
    const yaml = key(
      'ttl: 12h, issuance: per-task, binding: bearer, revocation: { mode: automated, propagation: 0s }, exposure: [logs]',
      'workflows: [{ id: w, agent: bot, duration: 20m, steps: [{ resource: db, action: read }] }]\n',
    );
    const r = find(recommendFor(yaml, ['revocation']), 'revocation:key');
    expect(r.edits).toEqual([
      { op: 'set', path: ['credentials', 0, 'revocation', 'mode'], old: 'automated', value: 'on-task-end' },
    ]);
    // Before: expiry 12h before detection 2d: 5 x 12 = 60. After: revoked at the task's end, 20m: 5 x 1/3.
    expect(change(r, 'key').before!.timeWeightedScore).toBe(60);
    expect(change(r, 'key').after.exposureWindow).toBe(20 * M);
    expect(change(r, 'key').after.timeWeightedScore).toBeCloseTo(5 / 3, 9);
  });

  it('writes the revocation when the model left it to the default', () => {
    const r = find(recommendFor(key('ttl: 30d, exposure: [logs]'), ['revocation']), 'revocation:key');
    expect(r.edits).toEqual([{ op: 'set', path: ['credentials', 0, 'revocation'], value: { mode: 'automated' } }]);
  });

  it('does not appear for automated revocation of a static key, or revocation on task end', () => {
    expect(
      ids(recommendFor(key('ttl: 30d, revocation: { mode: automated }, exposure: [logs]'), ['revocation'])),
    ).toEqual([]);
    const onTaskEnd = key(
      'ttl: 1h, issuance: per-task, revocation: { mode: on-task-end }, exposure: [logs]',
      'workflows: [{ id: w, agent: bot, duration: 20m, steps: [{ resource: db, action: read }] }]\n',
    );
    expect(ids(recommendFor(onTaskEnd, ['revocation']))).toEqual([]);
  });
});

describe('a model whose risk is unbounded', () => {
  // key never expires and cannot be revoked: its leaked copy never stops, and neither does bot, which holds it,
  // when hijacked (no workflow, so no task end: the hijack lasts until detection 7d + response.manual 8h, but
  // key itself outlives that). Both parts of the total risk are unbounded.
  const yaml = key('ttl: never, binding: bearer, revocation: { mode: none, propagation: 0s }, exposure: [logs]');

  it('ranks first what makes the unbounded bounded, and reports it as such', () => {
    const result = recommendFor(yaml, ['binding', 'revocation']);
    expect(result.before).toEqual({
      total: Infinity,
      unbounded: 2,
      bounded: 0,
      leakedCopy: { total: Infinity, unbounded: 1, bounded: 0 },
      hijackedAgent: { total: Infinity, unbounded: 1, bounded: 0 },
    });
    // Automated revocation bounds both: the leaked copy stops at logs 2d + 2m, 5 x 48h2m = 240.17; the hijacked bot
    // holds key until prompt-context 7d + 2m and acts itself until 7d + 8h (its hijack's end, no task end), the later:
    // 5 x 176h = 880. Binding bounds only the leaked copy (0): the hijack stays unbounded. Neither kind is known, so
    // both depend on the issuer and rank by risk alone.
    expect(ids(result)).toEqual(['revocation:key', 'binding:key']);
    const revocation = find(result, 'revocation:key');
    expect(revocation.condition).toMatch(/^if the issuer of key \(no kind given\) can revoke/);
    expect(revocation.effect.after.unbounded).toBe(0);
    expect(revocation.effect.after.leakedCopy.total).toBeCloseTo(5 * (48 + 2 / 60), 9);
    expect(revocation.effect.after.hijackedAgent.total).toBe(880);
    expect(find(result, 'binding:key').effect.after.hijackedAgent.total).toBe(Infinity);
    expect(change(revocation, 'key').before).toEqual({
      exposureWindow: Infinity,
      score: 5,
      timeWeightedScore: Infinity,
    });
    const json = recommendationsJson(result, 'm.yaml') as {
      totalRisk: unknown;
      recommendations: { effect: { totalRisk: unknown; leakedCopy: unknown; credentials: { before: unknown }[] } }[];
    };
    expect(json.totalRisk).toEqual({
      total: null,
      unboundedCredentials: 1,
      unboundedAgents: 1,
      boundedRisk: 0,
      leakedCopy: { total: null, unbounded: 1, bounded: 0 },
      hijackedAgent: { total: null, unbounded: 1, bounded: 0 },
    });
    expect(json.recommendations[0].effect.totalRisk).toEqual({ before: null, after: 1120.17, removed: null });
    expect(json.recommendations[0].effect.leakedCopy).toEqual({ before: null, after: 240.17, removed: null });
    expect(json.recommendations[0].effect.credentials[0].before).toEqual({
      exposureWindowSeconds: null,
      score: 5,
      timeWeightedScore: null,
    });
    const text = recommendationsText(result, 'm.yaml', createStyle(false));
    expect(text).toContain(
      'Total risk now unbounded (2 worst cases never stop; the rest 0) = leaked copy unbounded (1 worst case never stops; the rest 0) + hijacked agent unbounded (1 worst case never stops; the rest 0)',
    );
    expect(text).toContain('2 fewer unbounded');
    expect(text).toContain('1 fewer unbounded');
  });
});
