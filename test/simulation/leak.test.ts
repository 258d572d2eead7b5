/**
 * Leaked-token replay on small hand-made models. Every expected number is
 * worked out by hand from the rules in docs/simulation.md; the arithmetic is
 * in the comments. Each model writes every figure, so no catalogue default is
 * involved.
 */
import { describe, expect, it } from 'vitest';
import { simulateLeak, formatPath } from '../../src/analyses/simulation/leak.js';
import { UNBOUNDED } from '../../src/model/duration.js';
import { analysis, D, H, M } from '../helpers/model.js';

const HEADER = `
version: 1
detection: { default: 3d, channels: { logs: 2d, prompt-context: 7d, ci-logs: 10m }, harvested: 1d }
response: { manual: 8h, automated: 2m }
`;

const PAT_MODEL = `${HEADER}
agents:
  - { id: coder, owner: platform, purpose: fix tests, credentials: [pat] }
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
  - { id: cluster, kind: cluster, sensitivity: critical }
credentials:
  - id: pat
    ttl: 90d
    issuance: static
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    exposure: [logs, prompt-context]
    grants:
      - { resource: repo, actions: [read, write] }
  - id: deploy-key
    ttl: 30d
    issuance: static
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    grants:
      - { resource: cluster, actions: [deploy] }
`;

describe('replay and lifetime of the leaked credential', () => {
  it('a bearer PAT with manual revocation lives until detection plus the manual response', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat' });
    // Worst channel: prompt-context (7d) beats logs (2d). Detected at 0 + 7d.
    expect(r.channel).toBe('prompt-context');
    expect(r.timeline.detected).toBe(7 * D);
    // Manual: revocation issued at 7d + 8h = 633,600 s; propagation 0; expiry 90d is later.
    expect(r.timeline.revocationIssued).toBe(7 * D + 8 * H);
    expect(r.timeline.stopped).toBe(633_600);
    // Exposure window = stop - leak = 633,600 s (7d8h).
    expect(r.exposureWindow).toBe(633_600);
  });

  it('scores every pair reached, and weights it by hours of access', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat' });
    const pairs = r.reached.map((p) => `${p.resource}:${p.action}`);
    expect(pairs).toEqual(['cluster:deploy', 'repo:read', 'repo:write']);
    // repo is high (5): read 5x1 = 5, write 5x2 = 10. cluster is critical (10): deploy 10x4 = 40.
    expect(r.score).toBe(5 + 10 + 40);
    // pat pairs last 0 -> 7d8h = 176 h: 15 x 176 = 2,640.
    // deploy-key is harvested at 0, issued fresh: expires 30d; its detection is 7d + 1d (harvested) = 8d,
    // manual revocation at 8d + 8h, so it stops at 8d8h = 200 h: 40 x 200 = 8,000.
    expect(r.timeWeightedScore).toBeCloseTo(2_640 + 8_000, 6);
  });

  it('explains each pair with its path', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat' });
    const deploy = r.reached.find((p) => p.action === 'deploy')!;
    expect(formatPath(deploy.path)).toBe('pat → repo:read → deploy-key → cluster:deploy');
    expect(deploy.from).toBe(0);
    expect(deploy.until).toBe(8 * D + 8 * H);
  });

  it('revocation lag runs from detection until the harvested key is dead too', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat' });
    // Last stop: deploy-key at 8d8h. Detection at 7d. Lag = 1d8h = 115,200 s.
    expect(r.revocationLag).toBe(D + 8 * H);
  });

  it('uses the channel given instead of the worst one', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat', channel: 'logs' });
    // logs: detected at 2d, revoked at 2d8h: window 2d8h = 201,600 s.
    expect(r.exposureWindow).toBe(2 * D + 8 * H);
  });

  it('a leak later in the credential life shortens nothing for a static credential, but shifts the clock', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat', at: 10 * D });
    // Detected at 10d + 7d = 17d, revoked at 17d8h; stop 17d8h; window = 17d8h - 10d = 7d8h.
    expect(r.timeline.stopped).toBe(17 * D + 8 * H);
    expect(r.exposureWindow).toBe(7 * D + 8 * H);
  });

  it('a leak after the credential expired gives nothing', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat', at: 91 * D });
    // Expires at 90d; detection at 98d is moot. stop = 90d < leak 91d: window max(0, 90d - 91d) = 0.
    expect(r.exposureWindow).toBe(0);
    expect(r.reached).toEqual([]);
    expect(r.score).toBe(0);
  });

  it('uses detection.default when the credential lists no channel', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'deploy-key' });
    // No exposure: detection.default 3d; manual: stop 3d8h = 288,000 s.
    expect(r.channel).toBeNull();
    expect(r.exposureWindow).toBe(3 * D + 8 * H);
  });
});

describe('binding decides who can replay', () => {
  const bound = PAT_MODEL.replace(
    'binding: bearer\n    revocation: { mode: manual, propagation: 0s }\n    exposure',
    'binding: workload-bound\n    revocation: { mode: manual, propagation: 0s }\n    exposure',
  );

  it('an external attacker cannot use a workload-bound credential', () => {
    const r = simulateLeak(analysis(bound), { credential: 'pat' });
    expect(r.usable).toBe(false);
    expect(r.exposureWindow).toBe(0);
    expect(r.reached).toEqual([]);
    expect(r.score).toBe(0);
    expect(r.timeWeightedScore).toBe(0);
    // The credential itself still dies only at 7d8h: lag = 7d8h - 7d = 8h.
    expect(r.revocationLag).toBe(8 * H);
  });

  it('an attacker inside the workload uses it', () => {
    const r = simulateLeak(analysis(bound), { credential: 'pat', attacker: 'in-workload' });
    expect(r.usable).toBe(true);
    expect(r.exposureWindow).toBe(7 * D + 8 * H);
    expect(r.score).toBe(55);
  });

  it("an attacker inside the workload also holds the workload's other credentials", () => {
    // coder also holds ci-token (bound, 1d, automated): in-workload it is the attacker's from the leak
    // until 7d (prompt-context detection) + 2m, but it expires first at 1d.
    const model = bound
      .replace('credentials: [pat] }', 'credentials: [pat, ci-token] }')
      .replace(
        'credentials:\n  - id: pat',
        'credentials:\n  - { id: ci-token, ttl: 1d, binding: workload-bound, revocation: { mode: automated, propagation: 0s }, grants: [{ resource: cluster, actions: [read] }] }\n  - id: pat',
      );
    const r = simulateLeak(analysis(model), { credential: 'pat', attacker: 'in-workload' });
    const ci = r.acquired.find((a) => a.credential === 'ci-token')!;
    expect(ci.how).toBe('in-workload');
    expect(ci.until).toBe(D);
    // cluster:read 10x1 = 10 joins the 55 of the earlier test.
    expect(r.score).toBe(65);
    // External: ci-token is bound and not the attacker's.
    expect(simulateLeak(analysis(model), { credential: 'pat' }).score).toBe(0);
  });

  it('a bound credential harvested from another workload stays useless, even in-workload', () => {
    const keyBound = PAT_MODEL.replace(
      'ttl: 30d\n    issuance: static\n    binding: bearer',
      'ttl: 30d\n    issuance: static\n    binding: sender-constrained',
    );
    const r = simulateLeak(analysis(keyBound), { credential: 'pat', attacker: 'in-workload' });
    // Only pat's own pairs: 5 + 10.
    expect(r.score).toBe(15);
    const key = r.acquired.find((a) => a.credential === 'deploy-key')!;
    expect(key.usable).toBe(false);
    expect(formatPath(key.path)).toBe('pat → repo:read → deploy-key');
  });
});

const SHORT = (mode: string, extra = '') => `${HEADER}
agents:
  - { id: runner, owner: ci, purpose: build, credentials: [task-token] }
resources:
  - { id: bucket, kind: bucket, sensitivity: medium }
credentials:
  - id: task-token
    ttl: 1h
    issuance: per-task
    binding: bearer
    revocation: { mode: ${mode}, propagation: 30s }
    exposure: [ci-logs]
    grants:
      - { resource: bucket, actions: [read] }
${extra}
workflows:
  - id: build
    agent: runner
    duration: 20m
    steps:
      - { resource: bucket, action: read }
`;

describe('revocation modes', () => {
  it('on-task-end revokes when the task ends, before detection', () => {
    const r = simulateLeak(analysis(SHORT('on-task-end')), { credential: 'task-token' });
    // Detection via ci-logs at 10m; automated response 2m would revoke at 12m, but the task ends at 20m:
    // revocation = min(0 + 20m, 10m + 2m) = 12m; stop = min(1h, 12m + 30s) = 750 s.
    expect(r.timeline.revocationIssued).toBe(12 * M);
    expect(r.exposureWindow).toBe(750);
  });

  it('on-task-end with late detection: the task end wins', () => {
    const model = SHORT('on-task-end').replace('ci-logs: 10m', 'ci-logs: 2d');
    const r = simulateLeak(analysis(model), { credential: 'task-token' });
    // revocation = min(20m, 2d + 2m) = 20m; stop = 20m + 30s = 1,230 s.
    expect(r.exposureWindow).toBe(1_230);
  });

  it('automated revocation follows detection by response.automated', () => {
    const r = simulateLeak(analysis(SHORT('automated')), { credential: 'task-token' });
    // 10m + 2m + 30s propagation = 750 s, before expiry at 1h.
    expect(r.exposureWindow).toBe(750);
  });

  it('mode none leaves only expiry', () => {
    const r = simulateLeak(analysis(SHORT('none')), { credential: 'task-token' });
    // Never revoked: stop = expiry = 1h = 3,600 s; bucket:read impact 2x1 = 2 for 1 h.
    expect(r.timeline.revocationIssued).toBe(UNBOUNDED);
    expect(r.exposureWindow).toBe(3_600);
    expect(r.timeWeightedScore).toBeCloseTo(2, 9);
  });

  it('never-expiring and never-revoked is unbounded, and says so', () => {
    const model = SHORT('none').replace('ttl: 1h', 'ttl: never');
    const r = simulateLeak(analysis(model), { credential: 'task-token' });
    expect(r.exposureWindow).toBe(UNBOUNDED);
    expect(r.timeWeightedScore).toBe(UNBOUNDED);
    expect(r.revocationLag).toBe(UNBOUNDED);
    expect(r.score).toBe(2);
  });

  it('a refreshable credential lives to its maximum lifetime, not its ttl', () => {
    const model = SHORT('none').replace('ttl: 1h', 'ttl: 1h\n    maxLifetime: 30d');
    const r = simulateLeak(analysis(model), { credential: 'task-token' });
    // The holder keeps refreshing it: expiry = 30d = 2,592,000 s.
    expect(r.exposureWindow).toBe(30 * D);
  });
});

describe('confused deputy and delegation', () => {
  const DEPUTY = `${HEADER}
agents:
  - { id: chatbot, owner: support, purpose: answer, credentials: [ops] }
  - id: deployer
    owner: platform
    purpose: deploy
    credentials: [kube]
    delegates:
      - { to: helper, mode: passthrough }
  - { id: helper, owner: platform, purpose: help, credentials: [db-cert] }
resources:
  - { id: cluster, kind: cluster, sensitivity: critical }
  - { id: db, kind: database, sensitivity: high }
credentials:
  - id: ops
    ttl: 1h
    binding: bearer
    revocation: { mode: automated, propagation: 0s }
    exposure: [logs]
    grants:
      - { agent: deployer, actions: [invoke] }
  - id: kube
    ttl: 1h
    binding: workload-bound
    revocation: { mode: automated, propagation: 0s }
    grants:
      - { resource: cluster, actions: [deploy] }
  - id: db-cert
    ttl: 1h
    binding: workload-bound
    revocation: { mode: automated, propagation: 0s }
    grants:
      - { resource: db, actions: [read] }
`;

  it('invoking an agent reaches what it acts with, for as long as the invoke lasts', () => {
    const r = simulateLeak(analysis(DEPUTY), { credential: 'ops' });
    // ops: detected at 2d (logs), automated revocation 2d2m, but it expires at 1h: window 1h.
    expect(r.exposureWindow).toBe(H);
    // deployer acts with kube from inside its workload (binding does not stop a deputy): cluster:deploy 10x4 = 40.
    // deployer delegates to helper, which acts with db-cert: db:read 5x1 = 5. Invoke itself is no pair.
    expect(r.reached.map((p) => `${p.resource}:${p.action}`)).toEqual(['cluster:deploy', 'db:read']);
    expect(r.score).toBe(45);
    // Both for the 1 h the attacker can invoke deployer: 45 x 1 = 45.
    expect(r.timeWeightedScore).toBeCloseTo(45, 9);
    const deploy = r.reached.find((p) => p.action === 'deploy')!;
    expect(formatPath(deploy.path)).toBe('ops → invoke deployer → deployer acting with kube → cluster:deploy');
    const read = r.reached.find((p) => p.action === 'read')!;
    expect(formatPath(read.path)).toBe(
      'ops → invoke deployer → delegate to helper → helper acting with db-cert → db:read',
    );
    expect(r.tasked.map((t) => t.agent)).toEqual(['deployer', 'helper']);
  });

  it('an approval on invoke stops the deputy', () => {
    const gated = DEPUTY.replace(
      '{ agent: deployer, actions: [invoke] }',
      '{ agent: deployer, actions: [invoke], approval: [invoke] }',
    );
    const r = simulateLeak(analysis(gated), { credential: 'ops' });
    expect(r.reached).toEqual([]);
  });
});

describe('step-up approval', () => {
  it('holds an approval-gated action back and reports it as gated', () => {
    const model = PAT_MODEL.replace(
      '- { resource: cluster, actions: [deploy] }',
      '- { resource: cluster, actions: [read, deploy], approval: [deploy] }',
    );
    const r = simulateLeak(analysis(model), { credential: 'pat' });
    expect(r.reached.map((p) => `${p.resource}:${p.action}`)).toEqual(['cluster:read', 'repo:read', 'repo:write']);
    expect(r.gated.map((p) => `${p.resource}:${p.action}`)).toEqual(['cluster:deploy']);
    // cluster:read 10x1 = 10 replaces deploy's 40: score 5 + 10 + 10 = 25.
    expect(r.score).toBe(25);
  });
});

describe('derived tokens and revocation lag', () => {
  const DERIVED = (revokedWithParent: boolean) => `${HEADER}
agents:
  - { id: orchestrator, owner: ai, purpose: plan, credentials: [parent] }
resources:
  - { id: docs, kind: bucket, sensitivity: medium }
credentials:
  - id: parent
    ttl: 1h
    binding: bearer
    revocation: { mode: automated, propagation: 0s }
    exposure: [ci-logs]
  - id: child
    ttl: 12h
    binding: bearer
    derivedFrom: parent
    revokedWithParent: ${revokedWithParent}
    revocation: { mode: manual, propagation: 0s }
    grants:
      - { resource: docs, actions: [read] }
`;

  it('a minted token that does not die with its parent outlives it', () => {
    const r = simulateLeak(analysis(DERIVED(false)), { credential: 'parent' });
    // parent: detected at 10m (ci-logs), automated revocation at 12m: stop = min(1h, 12m) = 12m = 720 s.
    expect(r.exposureWindow).toBe(720);
    // The attacker can mint child until it loses parent, so the worst instance is minted at 12m:
    // it expires at 12m + 12h; its detection is 10m + 1d, manual revocation at 1d8h10m: stop 12h12m = 43,920 s.
    const child = r.acquired.find((a) => a.credential === 'child')!;
    expect(child.how).toBe('minted');
    expect(child.from).toBe(0);
    expect(child.until).toBe(43_920);
    // Lag = 12h12m - 10m = 43,320 s.
    expect(r.revocationLag).toBe(43_320);
    // docs:read 2x1 = 2 from 0 to 12h12m (12.2 h) = 24.4.
    expect(r.timeWeightedScore).toBeCloseTo(24.4, 9);
  });

  it('a minted token revoked with its parent dies with it', () => {
    const r = simulateLeak(analysis(DERIVED(true)), { credential: 'parent' });
    // child stop = min(12h, parent's 12m) = 720 s; lag = 12m - 10m = 120 s.
    expect(r.revocationLag).toBe(120);
    // docs:read 2 for 12 min = 0.2 h: 0.4.
    expect(r.timeWeightedScore).toBeCloseTo(0.4, 9);
  });
});

describe('cycles terminate', () => {
  const CYCLE = `${HEADER}
agents:
  - { id: a, owner: t, purpose: p, credentials: [key-a], delegates: [{ to: b, mode: passthrough }] }
  - { id: b, owner: t, purpose: p, credentials: [key-b], delegates: [{ to: a, mode: passthrough }] }
resources:
  - { id: vault-a, kind: secret-store, sensitivity: high, holds: [key-b] }
  - { id: vault-b, kind: secret-store, sensitivity: high, holds: [key-a] }
credentials:
  - id: key-a
    ttl: 1d
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    exposure: [logs]
    grants:
      - { resource: vault-a, actions: [read] }
      - { agent: b, actions: [invoke] }
  - id: key-b
    ttl: 1d
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    grants:
      - { resource: vault-b, actions: [read] }
      - { agent: a, actions: [invoke] }
`;

  it("A holds B's key, B's store holds A's key: both are found once and the search ends", () => {
    const r = simulateLeak(analysis(CYCLE), { credential: 'key-a' });
    expect(r.reached.map((p) => `${p.resource}:${p.action}`)).toEqual(['vault-a:read', 'vault-b:read']);
    expect(r.acquired.map((a) => `${a.credential}:${a.how}`)).toEqual(['key-a:leaked', 'key-b:harvested']);
    // key-a: expires 1d (before detection at 2d). key-b harvested at 0: expires 1d. Both stop at 1d.
    expect(r.exposureWindow).toBe(D);
  });

  it('a hop delay on a harvest cycle still ends', () => {
    const r = simulateLeak(analysis(CYCLE), { credential: 'key-a', hopDelay: 5 * M });
    expect(r.reached.length).toBe(2);
  });
});

describe('hop delay', () => {
  it('shifts when each hop is gained', () => {
    const r = simulateLeak(analysis(PAT_MODEL), { credential: 'pat', hopDelay: 5 * M });
    const deploy = r.reached.find((p) => p.action === 'deploy')!;
    // One hop (the harvest) at 5m: deploy-key gained at 300 s, issued fresh then; its stop is still
    // bounded by revocation at 8d8h = 720,000 s.
    expect(deploy.from).toBe(300);
    expect(deploy.until).toBe(720_000);
    // Time-weighted: 15 x 176 + 40 x (720,000 - 300) / 3,600 = 2,640 + 7,996.666...
    expect(r.timeWeightedScore).toBeCloseTo(2_640 + (40 * 719_700) / 3_600, 6);
  });
});
