/** Step-up approval on high-impact actions of autonomous agents. critical 10 × read 1 / payment 4. */
import { describe, expect, it } from 'vitest';
import { HEADER, change, find, ids, recommendFor } from './helpers.js';

const payments = (autonomy: string, sensitivity = 'critical', approval = '') => `${HEADER}
agents: [{ id: refunder, autonomy: ${autonomy}, credentials: [pay-key] }]
resources: [{ id: payments, kind: payment-api, sensitivity: ${sensitivity} }]
credentials:
  - { id: pay-key, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: payments, actions: [read, payment]${approval} }] }
workflows:
  - { id: refund, agent: refunder, duration: 10m, steps: [{ resource: payments, action: read }, { resource: payments, action: payment }] }
`;

describe('step-up approval', () => {
  it('gates the payment step of an autonomous agent behind a person', () => {
    const result = recommendFor(payments('autonomous'), ['step-up']);
    const r = find(result, 'step-up:pay-key');
    expect(r.edits).toEqual([{ op: 'append', path: ['credentials', 0, 'grants', 0, 'approval'], value: 'payment' }]);
    // Before: read 10 + payment 40 for 10h = 500. After: payment is gated, not reached: read 10 x 10 = 100.
    expect(change(r, 'pay-key').before).toMatchObject({ score: 50, timeWeightedScore: 500 });
    expect(change(r, 'pay-key').after).toMatchObject({ score: 10, timeWeightedScore: 100 });
  });

  it('does not appear for a human-in-the-loop agent, a medium resource, or an action already approved', () => {
    expect(ids(recommendFor(payments('human-in-the-loop'), ['step-up']))).toEqual([]);
    expect(ids(recommendFor(payments('autonomous', 'medium'), ['step-up']))).toEqual([]);
    expect(ids(recommendFor(payments('autonomous', 'critical', ', approval: [payment]'), ['step-up']))).toEqual([]);
  });
});
