/**
 * The corners of the leak simulation: harvest loops settled exactly, a store
 * read at the latest moment with and without a hop delay, a pair's access as
 * the union of its paths, what the revocation lag counts, and everything the
 * attacker obtains or is held back from. Every expected figure is worked out
 * by hand from docs/simulation.md, with the arithmetic in a comment.
 */
import { describe, expect, it } from 'vitest';
import { simulateLeak, type LeakResult } from '../../src/analyses/simulation/leak.js';
import { UNBOUNDED } from '../../src/model/duration.js';
import { analysis, D, H, M } from '../helpers/model.js';

const pair = (r: LeakResult, name: string) => r.reached.find((p) => `${p.resource}:${p.action}` === name)!;
const held = (r: LeakResult, credential: string) => r.acquired.find((a) => a.credential === credential)!;

/**
 * x's store can be read with y, y's store with x. The leaked `entry` (10m)
 * reads x's store. x is revoked by hand a day after detection; y automatically
 * 10m after it. Detection 50m; `detection.harvested` 0, so x and y are
 * detected at 50m too.
 */
const LOOP = `version: 1
detection: { default: 50m, harvested: 0s }
response: { manual: 1d, automated: 10m }
resources:
  - { id: store-x, kind: secret-store, sensitivity: high, holds: [x] }
  - { id: store-y, kind: secret-store, sensitivity: high, holds: [y] }
credentials:
  - { id: entry, ttl: 10m, grants: [{ resource: store-x, actions: [read] }] }
  - { id: x, ttl: 10m, revocation: { mode: manual }, grants: [{ resource: store-y, actions: [read] }] }
  - { id: y, ttl: 10m, revocation: { mode: automated }, grants: [{ resource: store-x, actions: [read] }] }
`;

describe('a harvest loop ends where its shortest-lived link stops', () => {
  // entry stops at 10m (ttl; detection 50m). A store is read at the latest moment its reader is held:
  // x read with entry at 10m lasts to 10m + 10m = 20m; y read with x at 20m lasts to 30m; x read with y at
  // 30m to 40m... each turn adds a ttl until y's revocation bites at 50m + 10m = 1h: y read then lasts to
  // 1h (capped), x read with y at 1h lasts to 1h + 10m = 1h10m, far before x's own revocation (50m + 1d).
  for (const [hop, name] of [
    [0, '0s'],
    [1, '1s'],
    [M, '1m'],
  ] as const) {
    it(`with a hop delay of ${name}: y until 1h, x until 1h10m (one ttl after y stops), not x's revocation`, () => {
      const r = simulateLeak(analysis(LOOP), { credential: 'entry', hopDelay: hop });
      expect([held(r, 'x').from, held(r, 'x').until]).toEqual([hop, H + 10 * M]);
      expect([held(r, 'y').from, held(r, 'y').until]).toEqual([2 * hop, H]);
      // Lag: detection at 50m, the last credential (x) stops at 1h10m: 20m.
      expect(r.revocationLag).toBe(20 * M);
      // store-x:read through entry [0, 10m) and through y [2·hop, 1h): one span [0, 1h) of 1h.
      expect([pair(r, 'store-x:read').from, pair(r, 'store-x:read').until, pair(r, 'store-x:read').held]).toEqual([
        0,
        H,
        H,
      ]);
      // store-y:read through x [hop, 1h10m). Impact high × read = 5 each:
      // 5 × 1 h + 5 × (4,200 − hop) / 3,600 h; hop 0: 5 + 5.8333 = 10.8333; hop 1m: 5 + 5.75 = 10.75.
      expect(pair(r, 'store-y:read').held).toBe(H + 10 * M - hop);
      expect(r.timeWeightedScore * 3_600).toBe(5 * H + 5 * (H + 10 * M - hop));
    });
  }

  it('two never-revoked 10-minute credentials reading each other are held for ever, with or without a hop delay', () => {
    const forever = LOOP.replace('revocation: { mode: manual }', 'revocation: { mode: none }').replace(
      'revocation: { mode: automated }',
      'revocation: { mode: none }',
    );
    for (const hop of [0, 1]) {
      // Each turn of the loop takes a copy 10m later, and nothing ever revokes them.
      const r = simulateLeak(analysis(forever), { credential: 'entry', hopDelay: hop });
      expect([held(r, 'x').until, held(r, 'y').until]).toEqual([UNBOUNDED, UNBOUNDED]);
      expect(r.timeWeightedScore).toBe(UNBOUNDED);
      expect(r.revocationLag).toBe(UNBOUNDED);
    }
  });

  it('a credential that can read its own store keeps taking fresh copies until it is revoked', () => {
    // x alone: its store holds x, and x reads it. Read with entry at 10m, x lasts to 20m, read with
    // itself at 20m to 30m ... until its revocation at 50m + 1d.
    const self = LOOP.replace(
      'grants: [{ resource: store-y, actions: [read] }]',
      'grants: [{ resource: store-x, actions: [read] }]',
    );
    const r = simulateLeak(analysis(self), { credential: 'entry' });
    expect(held(r, 'x').until).toBe(50 * M + D);
  });
});

describe('a stored credential is read at the latest moment the attacker can read its store', () => {
  /** pat (1h) reads a vault holding an app key of 2h; the key is revoked by hand 8h after its detection. */
  const VAULT = `version: 1
detection: { default: 1d, harvested: 1d }
response: { manual: 8h, automated: 2m }
resources:
  - { id: vault, kind: secret-store, sensitivity: low, holds: [app-key] }
  - { id: db, kind: database, sensitivity: high }
credentials:
  - { id: pat, ttl: 1h, grants: [{ resource: vault, actions: [read] }] }
  - { id: app-key, ttl: 2h, grants: [{ resource: db, actions: [write] }] }
`;

  it('the copy is the one issued when the reader is lost: its ttl counts from there', () => {
    // pat stops at 1h. The vault read at 1h gives a copy of app-key valid to 1h + 2h = 3h (its
    // revocation, at 1d + 1d + 8h, is later). From 0 (no hop delay): db:write 5 × 2 = 10 for 3 h = 30,
    // vault:read 1 × 1 for 1 h = 1. Total 31.
    const r = simulateLeak(analysis(VAULT), { credential: 'pat' });
    expect([held(r, 'app-key').from, held(r, 'app-key').until]).toEqual([0, 3 * H]);
    expect(r.timeWeightedScore).toBe(31);
    // Lag: detection at 1d, everything stopped by 3h: 0.
    expect(r.revocationLag).toBe(0);
  });

  it('with a hop delay the copy is the same one: only when it is first held moves', () => {
    // Hop 10m: the vault is first read at 10m; the copy taken at 1h still lasts to 3h.
    // db:write 10 × (3h − 10m) = 10 × 2.8333 h = 28.333; vault:read 1 × 1 h. Total 29.333.
    const r = simulateLeak(analysis(VAULT), { credential: 'pat', hopDelay: 10 * M });
    expect([held(r, 'app-key').from, held(r, 'app-key').until]).toEqual([10 * M, 3 * H]);
    expect(r.timeWeightedScore * 3_600).toBe(10 * (3 * H - 10 * M) + 1 * H);
  });

  it('a hop that would end after the reader is lost gives nothing', () => {
    // Hop 1h: the read would complete at 1h, when pat is already dead.
    const r = simulateLeak(analysis(VAULT), { credential: 'pat', hopDelay: H });
    expect(r.acquired.map((a) => a.credential)).toEqual(['pat']);
    expect(r.score).toBe(1);
  });
});

describe("a pair's access is the union of its paths", () => {
  /**
   * pat reads r directly, and a store holding k1, which reads a store holding
   * k2, which reads r too: a path of two harvests. k1 and k2 never expire and
   * are revoked by hand: 1d + 1d + 8h = 56h.
   */
  const TWO_PATHS = `version: 1
detection: { default: 1d, harvested: 1d }
response: { manual: 8h, automated: 2m }
resources:
  - { id: r, kind: database, sensitivity: high }
  - { id: store1, kind: secret-store, sensitivity: low, holds: [k1] }
  - { id: store2, kind: secret-store, sensitivity: low, holds: [k2] }
credentials:
  - { id: pat, ttl: 1h, grants: [{ resource: r, actions: [read] }, { resource: store1, actions: [read] }] }
  - { id: k1, ttl: never, grants: [{ resource: store2, actions: [read] }] }
  - { id: k2, ttl: never, grants: [{ resource: r, actions: [read] }] }
`;

  it('from is the earliest start, not the start of the path that lasts longest', () => {
    // Hop 30m: r:read through pat [0, 1h), through k2 (two hops) [1h, 56h): from 0, until 56h, held 56h.
    // store1:read through pat [0, 1h); store2:read through k1 [30m, 56h).
    // Time-weighted: (5 × 56h + 1 × 1h + 1 × 55h30m) / 1h = 280 + 1 + 55.5 = 336.5.
    const r = simulateLeak(analysis(TWO_PATHS), { credential: 'pat', hopDelay: 30 * M });
    const read = pair(r, 'r:read');
    expect([read.from, read.until, read.held]).toEqual([0, 56 * H, 56 * H]);
    expect(r.timeWeightedScore).toBe(336.5);
    // The path shown is the one that holds longest: through k1 and k2.
    expect(read.path.filter((h) => h.kind === 'credential').map((h) => (h.kind === 'credential' ? h.id : ''))).toEqual([
      'pat',
      'k1',
      'k2',
    ]);
  });

  it('where the paths leave a gap, the score counts only the time held', () => {
    // pat of 20m, hop 15m: r:read through pat [0, 20m), through k2 [30m, 56h): a gap of 10m.
    // held 20m + (56h − 30m) = 1,200 + 199,800 = 201,000 s. store1:read [0, 20m) = 1,200 s;
    // store2:read through k1 [15m, 56h) = 201,600 − 900 = 200,700 s.
    // Time-weighted: (5 × 201,000 + 1,200 + 200,700) / 3,600 = 1,206,900 / 3,600 = 335.25.
    const short = TWO_PATHS.replace('{ id: pat, ttl: 1h,', '{ id: pat, ttl: 20m,');
    const r = simulateLeak(analysis(short), { credential: 'pat', hopDelay: 15 * M });
    const read = pair(r, 'r:read');
    expect([read.from, read.until, read.held]).toEqual([0, 56 * H, 201_000]);
    expect(r.timeWeightedScore).toBe(335.25);
  });

  it('without a hop delay every path starts at 0: held is until − from', () => {
    // (5 × 56h + 1 × 1h + 1 × 56h) / 1h = 280 + 1 + 56 = 337.
    const r = simulateLeak(analysis(TWO_PATHS), { credential: 'pat' });
    expect([pair(r, 'r:read').from, pair(r, 'r:read').held]).toEqual([0, 56 * H]);
    expect(r.timeWeightedScore).toBe(337);
  });
});

describe('what the revocation lag counts, and what the attacker obtains', () => {
  const WORKLOAD = `version: 1
detection: { default: 1d, harvested: 1d }
response: { manual: 8h, automated: 2m }
agents:
  - { id: bot, owner: team, purpose: test, credentials: [session, deploy-key] }
  - { id: reviewer, owner: team, purpose: test, credentials: [review] }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - id: session
    ttl: 1h
    revocation: { mode: automated }
    grants:
      - { resource: repo, actions: [read] }
      - { agent: reviewer, actions: [invoke], approval: [invoke] }
  - { id: deploy-key, ttl: never, binding: workload-bound, grants: [{ resource: repo, actions: [write] }] }
  - { id: review, ttl: 1h, grants: [{ resource: repo, actions: [admin] }] }
  - { id: child, ttl: 15m, derivedFrom: session, binding: workload-bound, grants: [{ resource: repo, actions: [write] }] }
`;

  it('in the workload, the lag runs until every credential of the workload is dead', () => {
    // session stops at 1h (ttl; detection 1d). An attacker inside bot's workload also holds
    // deploy-key, which never expires and is revoked by hand at 1d + 8h: lag 8h.
    const r = simulateLeak(analysis(WORKLOAD), { credential: 'session', attacker: 'in-workload' });
    expect(r.revocationLag).toBe(8 * H);
    // From outside, deploy-key is not held: session itself stopped before detection, lag 0.
    expect(simulateLeak(analysis(WORKLOAD), { credential: 'session' }).revocationLag).toBe(0);
  });

  it('a minted child the attacker cannot use is listed, not usable', () => {
    const r = simulateLeak(analysis(WORKLOAD), { credential: 'session' });
    expect(held(r, 'child')).toMatchObject({ how: 'minted', usable: false, from: 0, until: 0 });
  });

  it('an invocation behind an approval is listed with the gated pairs', () => {
    const r = simulateLeak(analysis(WORKLOAD), { credential: 'session' });
    expect(r.gatedInvocations.map((g) => g.agent)).toEqual(['reviewer']);
    expect(r.gatedInvocations[0].path.at(-1)).toEqual({ kind: 'agent', id: 'reviewer', how: 'invoked' });
    expect(r.tasked).toEqual([]);
  });
});
