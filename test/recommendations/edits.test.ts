/** Edits name paths in the original document; any selection of them applies in an order that keeps them right. */
import { describe, expect, it } from 'vitest';
import { applyEdits, editsConflict } from '../../src/analyses/recommendations/edits.js';
import type { Edit } from '../../src/analyses/recommendations/types.js';
import type { ModelDocument } from '../../src/model/schema.js';
import { applyPatch } from '../helpers/json-patch.js';
import { recommend } from '../../src/analyses/recommendations/index.js';
import { checkDocument } from '../../src/analyses/recommendations/measure.js';
import { load } from '../helpers/model.js';

const DOC: ModelDocument = {
  version: 1,
  agents: [{ id: 'a', credentials: ['c1', 'c2'] }],
  resources: [{ id: 'vault', kind: 'secret-store', sensitivity: 'high', holds: ['c1', 'c2'] }],
  credentials: [
    {
      id: 'c1',
      ttl: '1h',
      grants: [
        { resource: 'vault', actions: ['read', 'write', 'delete'], approval: ['delete'] },
        { resource: 'vault', actions: ['admin'] },
      ],
    },
    { id: 'c2', ttl: 'never' },
  ],
};

describe('applyEdits', () => {
  it('never mutates its input', () => {
    const before = structuredClone(DOC);
    applyEdits(DOC, [
      { op: 'remove', path: ['credentials', 0, 'grants', 0], old: null },
      { op: 'set', path: ['credentials', 1, 'ttl'], old: 'never', value: '1h' },
    ]);
    expect(DOC).toEqual(before);
  });

  it('writes only copies, for every kind of edit, and leaves untouched parts shared', () => {
    const frozen = deepFreeze(structuredClone(DOC)); // any write to the input throws
    const edits: Edit[] = [
      { op: 'set', path: ['credentials', 1, 'ttl'], old: 'never', value: '1h' },
      { op: 'append', path: ['agents', 0, 'credentials'], value: 'c1-copy' },
      { op: 'copy-credential', from: ['credentials', 0], fields: { id: 'c1-copy' }, stored: true },
      { op: 'remove', path: ['credentials', 0, 'grants', 1], old: null },
    ];
    const { document } = applyEdits(frozen, edits);
    expect(document.credentials!.map((c) => c.id)).toEqual(['c1', 'c2', 'c1-copy']);
    expect(document.credentials![1].ttl).toBe('1h');
    expect(document.agents![0].credentials).toEqual(['c1', 'c2', 'c1-copy']);
    expect(document.resources![0].holds).toEqual(['c1', 'c2', 'c1-copy']); // stored where its original is
    expect(document.credentials![0].grants).toHaveLength(1);
    expect(document.credentials![2].grants).toHaveLength(2); // copied before the removal, from the original
    expect(frozen.credentials![1].ttl).toBe('never');
    expect(document.credentials![0].grants![0]).toBe(frozen.credentials![0].grants![0]); // no edit reached it: shared
  });

  it('keeps paths to the original indices right whatever else is removed or appended', () => {
    const edits: Edit[] = [
      { op: 'remove', path: ['credentials', 0, 'grants', 0, 'actions', 0], old: 'read' },
      { op: 'append', path: ['credentials', 0, 'grants', 1, 'approval'], value: 'admin' },
      { op: 'remove', path: ['resources', 0, 'holds', 0], old: 'c1' },
      { op: 'set', path: ['resources', 0, 'holds', 1], old: 'c2', value: 'c2' },
      { op: 'append', path: ['agents', 0, 'credentials'], value: 'c3' },
      { op: 'remove', path: ['agents', 0, 'credentials', 0], old: 'c1' },
    ];
    const { document, patch } = applyEdits(DOC, edits);
    expect(document.credentials![0].grants).toEqual([
      { resource: 'vault', actions: ['write', 'delete'], approval: ['delete'] },
      { resource: 'vault', actions: ['admin'], approval: ['admin'] },
    ]);
    expect(document.resources![0].holds).toEqual(['c2']);
    expect(document.agents![0].credentials).toEqual(['c2', 'c3']);
    expect(applyPatch(DOC, patch as never)).toEqual(document);
  });

  it('removes a grant left without actions, and an approval whose action goes', () => {
    const { document, patch } = applyEdits(DOC, [
      { op: 'remove', path: ['credentials', 0, 'grants', 0, 'actions', 2], old: 'delete' },
      { op: 'remove', path: ['credentials', 0, 'grants', 1, 'actions', 0], old: 'admin' },
    ]);
    expect(document.credentials![0].grants).toEqual([{ resource: 'vault', actions: ['read', 'write'], approval: [] }]);
    expect(applyPatch(DOC, patch as never)).toEqual(document);
  });

  it('copies a credential as the other edits leave it, narrowed, and stores the copy where the original is', () => {
    const { document, patch } = applyEdits(DOC, [
      {
        op: 'copy-credential',
        from: ['credentials', 0],
        fields: { id: 'c1-b' },
        keep: ['resource:vault#delete'],
        stored: true,
      },
      { op: 'set', path: ['credentials', 0, 'ttl'], old: '1h', value: '10m' },
      { op: 'remove', path: ['resources', 0, 'holds', 1], old: 'c2' },
    ]);
    expect(document.credentials![2]).toEqual({
      id: 'c1-b',
      ttl: '10m',
      grants: [{ resource: 'vault', actions: ['delete'], approval: ['delete'] }],
    });
    expect(document.resources![0].holds).toEqual(['c1', 'c1-b']);
    expect(applyPatch(DOC, patch as never)).toEqual(document);
  });

  it('lets the first of two sets of one path win, and reports the pair as conflicting', () => {
    const x: Edit[] = [{ op: 'set', path: ['credentials', 1, 'ttl'], old: 'never', value: '1h' }];
    const y: Edit[] = [{ op: 'set', path: ['credentials', 1, 'ttl'], old: 'never', value: '2h' }];
    expect(applyEdits(DOC, [...x, ...y]).document.credentials![1].ttl).toBe('1h');
    expect(editsConflict(x, y)).toBe(true);
    expect(editsConflict(x, x)).toBe(false);
    expect(editsConflict(x, [{ op: 'set', path: ['credentials', 0, 'ttl'], old: '1h', value: '2h' }])).toBe(false);
  });
});

describe('edits on a model with YAML aliases', () => {
  it('change the one node they name, not every node the alias shares', () => {
    const yaml = `version: 1
detection: { default: 1d, channels: { logs: 2d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
agents: [{ id: a, credentials: [shared] }, { id: b, credentials: [shared] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: shared, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read, delete] }] }
workflows:
  - { id: wa, agent: a, duration: 20m, steps: [&step { resource: db, action: read, credential: shared }] }
  - { id: wb, agent: b, duration: 20m, steps: [*step] }
`;
    const result = recommend(load(yaml), { kinds: ['segmentation'] });
    const r = result.recommendations.find((x) => x.id === 'segmentation:shared/user')!;
    expect(r.edits).toContainEqual({
      op: 'set',
      path: ['workflows', 1, 'steps', 0, 'credential'],
      old: 'shared',
      value: 'shared-b',
    });
    const { document } = applyEdits(result.baseline.document, r.edits);
    expect(document.workflows!.map((w) => w.steps[0].credential)).toEqual(['shared', 'shared-b']);
    expect(checkDocument(document, 'alias').ok).toBe(true);
    // Before: read 5 + delete 15 for 10h = 200 leaked, and 200 for each of a and b hijacked (their 20m tasks end
    // before shared expires at 10h): 600. After: each keeps read only: leaked 50 + 50, hijacked 50 + 50.
    expect(r.effect.before.total).toBe(600);
    expect(r.effect.after.leakedCopy.total).toBe(100);
    expect(r.effect.after.hijackedAgent.total).toBe(100);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
