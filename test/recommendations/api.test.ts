/** The engine API the TUI uses: toggling recommendations one by one and reading the total risk. */
import { describe, expect, it } from 'vitest';
import {
  applyRecommendations,
  baselineOf,
  rankCandidates,
  recommend,
  whatIf,
  type Candidate,
} from '../../src/analyses/recommendations/index.js';
import { load } from '../helpers/model.js';
import { HEADER } from './helpers.js';

const MODEL = `${HEADER}
agents:
  - { id: prod-bot, environment: prod, credentials: [key] }
  - { id: prod-bot-2, environment: prod, credentials: [key] }
  - { id: stg-bot, environment: staging, credentials: [key] }
resources:
  - { id: prod-db, kind: database, sensitivity: critical, environment: prod }
  - { id: stg-db, kind: database, sensitivity: medium, environment: staging }
credentials:
  - { id: key, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, environments: [prod, staging], exposure: [logs], grants: [{ resource: prod-db, actions: [read, delete] }, { resource: stg-db, actions: [read, write] }] }
workflows:
  - { id: report, agent: prod-bot, duration: 20m, steps: [{ resource: prod-db, action: read }] }
  - { id: report-2, agent: prod-bot-2, duration: 20m, steps: [{ resource: prod-db, action: read }] }
  - { id: test, agent: stg-bot, duration: 20m, steps: [{ resource: stg-db, action: read }, { resource: stg-db, action: write }] }
`;

describe('whatIf', () => {
  const loaded = load(MODEL);
  const result = recommend(loaded);
  const ids = result.recommendations.map((r) => r.id);

  it('with nothing selected, measures the model as it is', () => {
    const w = whatIf(result, []);
    if (!w.ok) throw new Error(w.reasons.join('\n'));
    expect(w.selection.applied).toEqual([]);
    // key: prod-db read 10 + delete 30, stg-db read 2 + write 4 = 46 for its 10h ttl = 460, leaked. Each of the
    // three agents holds it, hijacked: its 20m task ends before key expires at 10h, which the agent's workload
    // keeps using: 460 each, 1380. Total 460 + 1380 = 1840.
    expect(w.selection.effect.after.leakedCopy.total).toBe(460);
    expect(w.selection.effect.after.hijackedAgent.total).toBe(1380);
    expect(w.selection.effect.after.total).toBe(1840);
    expect(w.selection.effect.credentials).toEqual([]);
  });

  it("with one selected, gives that recommendation's own measured effect", () => {
    for (const r of result.recommendations) {
      const w = whatIf(result, [r.id]);
      if (!w.ok) throw new Error(w.reasons.join('\n'));
      expect(w.selection.effect.after.total, r.id).toBeCloseTo(r.effect.after.total, 9);
    }
  });

  it('with everything selected, applies alternatives once and matches the combined effect', () => {
    expect(ids).toContain('segmentation:key/environment');
    expect(ids).toContain('segmentation:key/user');
    const w = whatIf(result, ids);
    if (!w.ok) throw new Error(w.reasons.join('\n'));
    const second =
      ids.indexOf('segmentation:key/user') > ids.indexOf('segmentation:key/environment')
        ? 'segmentation:key/user'
        : 'segmentation:key/environment';
    expect(w.selection.skipped.map((s) => s.id)).toEqual([second]);
    expect(result.combined.skipped.map((s) => s.id)).toEqual([second]);
    expect(w.selection.effect.after.total).toBeCloseTo(result.combined.effect.after.total, 9);
    expect(w.selection.document).toEqual(result.combined.document);
  });

  it('never changes the loaded document, and gives the same answer every time', () => {
    const before = JSON.stringify(loaded.document);
    applyRecommendations(loaded.document, result.recommendations, ids);
    whatIf(result, ids);
    expect(JSON.stringify(loaded.document)).toBe(before);
    const again = recommend(load(MODEL));
    expect(JSON.stringify(again.recommendations)).toBe(JSON.stringify(result.recommendations));
    expect(JSON.stringify(again.combined)).toBe(JSON.stringify(result.combined));
  });
});

describe('the combination', () => {
  // Two credentials both permit the one step; removing either grant alone keeps the workflow running,
  // removing both would stop it. Each removal is a valid recommendation; only one can be in the combination.
  const MODEL2 = `${HEADER}
agents: [{ id: bot, credentials: [x, y] }]
resources: [{ id: db, kind: database, sensitivity: high }]
credentials:
  - { id: x, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
  - { id: y, ttl: 5h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }] }
workflows:
  - { id: report, agent: bot, duration: 20m, steps: [{ resource: db, action: read }] }
`;
  const candidate = (credential: number, id: string): Candidate => ({
    id,
    kind: 'unused-scope',
    title: id,
    why: 'test',
    takes: 'test',
    subjects: [],
    edits: [
      { op: 'remove', path: ['credentials', credential, 'grants', 0], old: { resource: 'db', actions: ['read'] } },
    ],
  });

  it('adds recommendations one by one when all at once would stop a workflow', () => {
    const result = rankCandidates(baselineOf(load(MODEL2)), [candidate(1, 'drop-y'), candidate(0, 'drop-x')]);
    // Leaked copies: x db read 5 for 10h = 50; y 5 for 5h = 25. The hijacked bot holds both: db read until the later
    // stop, 10h: 50. Total 125. Dropping x leaves y: 25 + 25 = 50; dropping y leaves x: 50 + 50 = 100.
    expect(result.recommendations.map((r) => [r.id, r.effect.after.total])).toEqual([
      ['drop-x', 50],
      ['drop-y', 100],
    ]);
    expect(result.combined.applied).toEqual(['drop-x']);
    expect(result.combined.skipped).toEqual([
      {
        id: 'drop-y',
        reason:
          'together with the ones before it: workflow "report" step 1: no credential available to agent "bot" grants "read" on "db"',
      },
    ]);
    expect(result.combined.effect.after.total).toBe(50);
  });
});
