/** The engine API the TUI uses: toggling recommendations one by one and reading the total risk. */
import { describe, expect, it } from 'vitest';
import { applyRecommendations, recommend, whatIf } from '../../src/analyses/recommendations/index.js';
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
    // key: prod-db read 10 + delete 30, stg-db read 2 + write 4 = 46 for its 10h ttl = 460.
    expect(w.selection.effect.after.total).toBe(460);
    expect(w.selection.effect.credentials).toEqual([]);
  });

  it('with one selected, gives that recommendation\'s own measured effect', () => {
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
    const second = ids.indexOf('segmentation:key/user') > ids.indexOf('segmentation:key/environment') ? 'segmentation:key/user' : 'segmentation:key/environment';
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
