/**
 * Reverse exposure: who reaches a resource, worked out by hand from
 * docs/simulation.md, and the same answer as simulating every credential's
 * worst-case leak on the bundled models and on random ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis, type AnalysisContext } from '../../src/analyses/context.js';
import { exposure } from '../../src/analyses/exposure/index.js';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { UNBOUNDED } from '../../src/model/duration.js';
import { toYaml } from '../../src/model/generate.js';
import { analysis, load } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

const SMALL = `
version: 1
detection: { default: 1d, harvested: 1d }
response: { manual: 12h, automated: 0s }
resources:
  - { id: vault, kind: secret-store, sensitivity: high, holds: [db-key] }
  - { id: db, kind: database, sensitivity: critical }
credentials:
  - { id: app-token, ttl: 1d, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: vault, actions: [read] }] }
  - { id: db-key, ttl: never, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: db, actions: [read, write] }] }
  - { id: admin-token, ttl: 2h, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: db, actions: [admin], approval: [admin] }] }
  - { id: bound-key, ttl: never, binding: workload-bound, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: db, actions: [delete] }] }
agents:
  - { id: worker, credentials: [app-token] }
`;

describe('exposure on a small model, by hand', () => {
  const ctx = analysis(SMALL);
  const rows = (action?: string) =>
    exposure(ctx, { resource: 'db', action }).sources.map((s) => [s.kind, s.id, s.action, s.until / 3_600, s.weight]);

  it('ranks every credential, agent and tool reaching db:write by time-weighted weight', () => {
    // No exposure channel: detection.default 1d. db-key leaked: revocation 1d + 12h = 36h, ttl never: stop 36h.
    //   write on critical db: impact 10 × 2 = 20, weight 20 × 36 = 720.
    // app-token leaked: stop min(ttl 24h, 36h) = 24h; it reads vault at 0 and harvests db-key, detected at
    //   1d + harvested 1d = 48h, revoked 48h + 12h = 60h: write 20 × 60 = 1200, through the vault.
    // worker acts with app-token: the same 1200, listed after the credential.
    expect(rows('write')).toEqual([
      ['credential', 'app-token', 'write', 60, 1200],
      ['agent', 'worker', 'write', 60, 1200],
      ['credential', 'db-key', 'write', 36, 720],
    ]);
    const top = exposure(ctx, { resource: 'db', action: 'write' }).sources[0];
    expect(top.path.map((h) => (h.kind === 'access' ? `${h.resource}:${h.action}` : 'id' in h ? h.id : ''))).toEqual([
      'app-token',
      'vault:read',
      'db-key',
      'db:write',
    ]);
  });

  it('without an action, takes every action granted on the resource; approval-gated ones apart', () => {
    const result = exposure(ctx, { resource: 'db' });
    expect(result.actions).toEqual(['admin', 'delete', 'read', 'write']);
    // read: impact 10 × 1; app-token's 10 × 60 = 600, db-key's 10 × 36 = 360.
    expect(rows().filter((r) => r[2] === 'read')).toEqual([
      ['credential', 'app-token', 'read', 60, 600],
      ['agent', 'worker', 'read', 60, 600],
      ['credential', 'db-key', 'read', 36, 360],
    ]);
    // admin needs a person at each use: gated, not reached. bound-key is workload-bound: a leaked copy reaches nothing.
    expect(result.gated.map((g) => [g.credential, g.action])).toEqual([['admin-token', 'admin']]);
    expect(result.sources.some((s) => s.id === 'bound-key' || s.action === 'admin')).toBe(false);
  });

  it('simulates only the credentials that could reach the resource at all', () => {
    // vault: only app-token grants it; nobody reaches app-token.
    expect(exposure(ctx, { resource: 'vault' }).simulated).toBe(1);
    expect(exposure(ctx, { resource: 'db' }).simulated).toBe(4);
  });

  it('an unbounded access weighs more than any bounded one', () => {
    const never = analysis(
      SMALL.replace('response: { manual: 12h', 'response: { manual: 12h').replace(
        '{ id: db-key, ttl: never, binding: bearer, revocation: { mode: manual, propagation: 0s }',
        '{ id: db-key, ttl: never, binding: bearer, revocation: { mode: none, propagation: 0s }',
      ),
    );
    const first = exposure(never, { resource: 'db', action: 'write' }).sources[0];
    expect([first.id, first.weight]).toEqual(['app-token', UNBOUNDED]);
  });
});

/** What exposure must say: every credential whose own worst-case leak reaches a pair of the resource. */
function bruteForce(ctx: AnalysisContext, resource: string): string[] {
  const out: string[] = [];
  for (const c of ctx.model.credentials) {
    for (const p of simulateLeak(ctx, { credential: c.id }).reached)
      if (p.resource === resource) out.push(`${c.id} ${p.action} ${p.from} ${p.until}`);
  }
  return out.sort();
}

function credentialRows(ctx: AnalysisContext, resource: string): string[] {
  return exposure(ctx, { resource })
    .sources.filter((s) => s.kind === 'credential')
    .map((s) => `${s.id} ${s.action} ${s.from} ${s.until}`)
    .sort();
}

describe('exposure agrees with simulate', () => {
  const models = readdirSync('models').filter((f) => f.endsWith('.yaml'));
  it.each(models)('on models/%s, for every resource', (file) => {
    const loaded = load(readFileSync(`models/${file}`, 'utf8'), `models/${file}`);
    const ctx = prepareAnalysis(loaded.model, loaded.relations);
    for (const r of loaded.model.resources) expect(credentialRows(ctx, r.id)).toEqual(bruteForce(ctx, r.id));
  });

  it('on random small models', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const loaded = load(toYaml(randomModel(seed)));
        const ctx = prepareAnalysis(loaded.model, loaded.relations);
        for (const r of loaded.model.resources) expect(credentialRows(ctx, r.id)).toEqual(bruteForce(ctx, r.id));
      }),
      { numRuns: 100 },
    );
  });
});
