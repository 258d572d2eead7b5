/**
 * Unused scope and harvest paths: least privilege derived from the workflows.
 * Impact = sensitivity weight (medium 2, high 5, critical 10) × action weight
 * (read 1, write 2, delete 3, deploy 4). Every credential here stops at its
 * 10h expiry (detection through logs at 2d comes later).
 */
import { describe, expect, it } from 'vitest';
import { unpermittedSteps } from '../../src/model/relations.js';
import { normalizeModel } from '../../src/model/normalize.js';
import { HEADER, applied, change, find, ids, recommendFor } from './helpers.js';

const scoped = (steps: string) => `${HEADER}
agents:
  - { id: bot, credentials: [tok], delegates: [{ to: helper, mode: passthrough }] }
  - { id: helper }
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: tok, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read, write, delete] }] }
workflows:
  - { id: report, agent: bot, duration: 20m, steps: [${steps}] }
  - { id: fix, agent: helper, duration: 10m, steps: [{ resource: db, action: write }] }
`;

describe('unused scope', () => {
  it('removes the actions no workflow uses, keeping what a delegate uses through passthrough', () => {
    const result = recommendFor(scoped('{ resource: db, action: read }, { delegate: helper }'), ['unused-scope']);
    const r = find(result, 'unused-scope:tok');
    // read is the bot's, write is the helper's (it gets tok by passthrough); only delete is unused.
    // A naive rule looking at the bot's own workflow would also drop write and stop workflow `fix`.
    expect(r.edits).toEqual([{ op: 'remove', path: ['credentials', 0, 'grants', 0, 'actions', 2], old: 'delete' }]);
    // Before: read 5 + write 10 + delete 15 = 30 impact for 10h = 300. After: 15 for 10h = 150.
    const c = change(r, 'tok');
    expect(c.before).toMatchObject({ score: 30, timeWeightedScore: 300 });
    expect(c.after).toMatchObject({ score: 15, timeWeightedScore: 150 });
    const doc = applied(result, r);
    const { model } = normalizeModel(doc, 'test');
    expect(unpermittedSteps(model)).toEqual([]);
  });

  it('does not appear when the workflows use every granted action', () => {
    const yaml = scoped('{ resource: db, action: read }, { resource: db, action: delete }, { delegate: helper }');
    expect(ids(recommendFor(yaml, ['unused-scope']))).toEqual([]);
  });

  it('leaves alone a credential no agent of the model holds', () => {
    const yaml = `${HEADER}
agents: [{ id: bot, credentials: [tok] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: tok, ttl: 10h, grants: [{ resource: db, actions: [read] }] }
  - { id: someone-elses, ttl: 10h, grants: [{ resource: db, actions: [read, write, delete] }] }
workflows:
  - { id: report, agent: bot, duration: 20m, steps: [{ resource: db, action: read }] }
`;
    expect(ids(recommendFor(yaml, ['unused-scope']))).toEqual([]);
  });

  it('keeps what a credential minted from it needs', () => {
    // tok-for-helper is exchanged from tok for helper, which reads db with it: tok's read stays (an exchange can
    // only hand on what its parent holds); its delete goes.
    const yaml = `${HEADER}
agents:
  - { id: bot, credentials: [tok], delegates: [{ to: helper, mode: exchange, credential: tok-for-helper }] }
  - { id: helper }
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: tok, ttl: 10h, grants: [{ resource: db, actions: [read, delete] }] }
  - { id: tok-for-helper, ttl: 10m, derivedFrom: tok, grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: lead, agent: bot, duration: 20m, steps: [{ delegate: helper }] }
  - { id: look, agent: helper, duration: 5m, steps: [{ resource: db, action: read }] }
`;
    const r = find(recommendFor(yaml, ['unused-scope']), 'unused-scope:tok');
    expect(r.edits).toEqual([{ op: 'remove', path: ['credentials', 0, 'grants', 0, 'actions', 1], old: 'delete' }]);
  });
});

const vault = (steps: string, approval = '') => `${HEADER}
agents: [{ id: bot, credentials: [tok] }]
resources:
  - { id: db, kind: database, sensitivity: high }
  - { id: vault, kind: secret-store, sensitivity: high, holds: [deploy-key] }
  - { id: prod, kind: cluster, sensitivity: critical }
credentials:
  - { id: tok, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }, { resource: vault, actions: [read]${approval} }] }
  - { id: deploy-key, ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: prod, actions: [deploy] }] }
workflows:
  - { id: report, agent: bot, duration: 20m, steps: [${steps}] }
`;

// Shared arithmetic for the vault model:
// tok: db read 5 + vault read 5 for 10h = 100.
// deploy-key harvested at 0 (issued fresh): its detection = 2d (tok's logs) + 1d (harvested) = 3d,
//   manual revocation 8h later: it stops at 80h; prod deploy 10 x 4 = 40 for 80h = 3,200.
// tok's worst case: 100 + 3,200 = 3,300.
// deploy-key's own worst case: no exposure channel, so detection.default 1d + 8h = 32h: 40 x 32 = 1,280.
// Leaked copies before: 3,300 + 1,280 = 4,580.
// The hijacked bot (detected through prompt-context at 7d; its 20m task ends before tok expires at 10h) holds tok:
//   100, and harvests deploy-key at 0: detection 7d + 1d, revoked by hand at 8d8h = 200h: 40 x 200 = 8,000; 8,100.
// Total before: 4,580 + 8,100 = 12,680.
describe('harvest paths', () => {
  it('removes a read of a secret store that no workflow needs', () => {
    const result = recommendFor(vault('{ resource: db, action: read }'), ['harvest']);
    expect(ids(result)).toEqual(['harvest:tok@vault']);
    const r = find(result, 'harvest:tok@vault');
    expect(r.edits).toEqual([
      { op: 'remove', path: ['credentials', 0, 'grants', 1], old: { resource: 'vault', actions: ['read'] } },
    ]);
    expect(r.effect.before.leakedCopy.total).toBe(4_580);
    expect(r.effect.before.total).toBe(12_680);
    // After: tok keeps db read, 5 x 10h = 50; deploy-key unchanged at 1,280: 1,330. The hijacked bot: 50.
    expect(change(r, 'tok').after).toMatchObject({ score: 5, timeWeightedScore: 50 });
    expect(r.effect.after.leakedCopy.total).toBe(1_330);
    expect(r.effect.after.hijackedAgent.total).toBe(50);
  });

  it('leaves that read to the harvest recommendation, not to unused scope', () => {
    expect(ids(recommendFor(vault('{ resource: db, action: read }'), ['unused-scope']))).toEqual([]);
  });

  it('moves the secret out when a workflow needs the read, and says what the model cannot', () => {
    const result = recommendFor(vault('{ resource: db, action: read }, { resource: vault, action: read }'), [
      'harvest',
    ]);
    expect(ids(result)).toEqual(['harvest:vault/deploy-key']);
    const r = find(result, 'harvest:vault/deploy-key');
    expect(r.edits).toEqual([{ op: 'remove', path: ['resources', 1, 'holds', 0], old: 'deploy-key' }]);
    expect(r.outsideModel).toMatch(/Rotate deploy-key/);
    // After: tok no longer harvests deploy-key: 100. Leaked copies 100 + 1,280 = 1,380; the hijacked bot 100.
    expect(change(r, 'tok').after.timeWeightedScore).toBe(100);
    expect(r.effect.after.leakedCopy.total).toBe(1_380);
    expect(r.effect.after.total).toBe(1_480);
  });

  it('does not appear when the read needs approval at each use', () => {
    expect(ids(recommendFor(vault('{ resource: db, action: read }', ', approval: [read]'), ['harvest']))).toEqual([]);
  });

  it('does not appear when nothing is stored', () => {
    expect(
      ids(recommendFor(vault('{ resource: db, action: read }').replace(', holds: [deploy-key]', ''), ['harvest'])),
    ).toEqual([]);
  });
});
