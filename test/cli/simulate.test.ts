import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, scratch } from '../helpers/run.js';

const MODEL = `version: 1
detection: { default: 3d, channels: { logs: 2d, prompt-context: 7d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
agents: [{ id: coder, owner: platform, purpose: fix tests, credentials: [pat] }]
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
  - { id: cluster, kind: cluster, sensitivity: critical }
credentials:
  - { id: pat, ttl: 90d, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs, prompt-context], grants: [{ resource: repo, actions: [read, write] }] }
  - { id: deploy-key, ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: cluster, actions: [deploy] }] }
`;

const SCENARIO = `kind: scenario
version: 1
name: PAT read from logs
model: ../models/m.yaml
leak: { credential: pat, channel: logs }
response: { manual: 1h }
`;

describe('leakradius simulate', () => {
  const dir = scratch({ 'models/m.yaml': MODEL, 'scenarios/s.yaml': SCENARIO });

  it('prints the documented JSON', async () => {
    const r = await run(['simulate', 'models/m.yaml', '--leak', 'pat', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // prompt-context (7d) is the worst channel; manual response 8h: stop at 7d8h = 633,600 s.
    expect(out.channel).toBe('prompt-context');
    expect(out.exposureWindowSeconds).toBe(633_600);
    // The harvested deploy-key stops at 8d8h = 720,000 s: lag = 720,000 - 604,800 = 115,200 s.
    expect(out.revocationLagSeconds).toBe(115_200);
    expect(out.blastRadius.score).toBe(55);
    expect(out.blastRadius.reached.find((p: { action: string }) => p.action === 'deploy')).toMatchObject({
      resource: 'cluster',
      fromSeconds: 0,
      untilSeconds: 720_000,
      path: ['pat', 'repo:read', 'deploy-key', 'cluster:deploy'],
    });
  });

  it('runs a scenario, with its overrides, relative to the scenario file', async () => {
    const r = await run(['simulate', 'scenarios/s.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // logs: detected at 2d; the scenario's manual response 1h: stop at 2d1h = 176,400 s.
    expect(out.exposureWindowSeconds).toBe(176_400);
    // The scenario sets the manual response; the model sets detection: no model-level figure is assumed.
    expect(out.assumptions.filter((a: { element: string }) => a.element === 'model')).toEqual([]);
  });

  it('flags win over the scenario', async () => {
    const out = JSON.parse(
      (await run(['simulate', 'scenarios/s.yaml', '--channel', 'prompt-context', '--format', 'json'], { cwd: dir }))
        .stdout,
    );
    // 7d + 1h = 608,400 s.
    expect(out.exposureWindowSeconds).toBe(608_400);
  });

  it('text output shows the timeline, pairs and paths', async () => {
    const r = await run(['simulate', 'models/m.yaml', '--leak', 'pat'], { cwd: dir });
    expect(r.stdout).toContain('exposure window 7d8h   revocation lag 1d8h');
    expect(r.stdout).toContain('pat → repo:read → deploy-key → cluster:deploy');
    expect(r.stdout).toContain('Blast radius: score 55');
  });

  it('explains an unknown credential and a bad duration with exit 2', async () => {
    const unknown = await run(['simulate', 'models/m.yaml', '--leak', 'pta'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'leakradius: unknown credential "pta" (did you mean "pat"?); the model has: pat, deploy-key\nRun `leakradius --help` for usage.\n',
    );
    const bad = await run(['simulate', 'models/m.yaml', '--leak', 'pat', '--at', 'soon'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at: bad duration "soon"');
  });

  it('refuses --seed without --runs (it seeds only the sampling --runs does) with exit 2', async () => {
    const r = await run(['simulate', 'models/m.yaml', '--leak', 'pat', '--seed', '7'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--seed seeds the sampling of detection times, which only --runs <N> does: give --runs too',
    );
    expect(r.stdout).toBe('');
  });

  it('reports an invalid scenario with file:line:col', async () => {
    writeFileSync(
      join(dir, 'scenarios', 'bad.yaml'),
      'kind: scenario\nversion: 1\nname: x\nmodel: ../models/m.yaml\nleak: { credentail: pat }\n',
    );
    const r = await run(['simulate', 'scenarios/bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenarios/bad.yaml:5:');
  });
});

describe('leakradius simulate --hijack', () => {
  const dir = scratch({ 'models/m.yaml': MODEL, 'scenarios/s.yaml': SCENARIO });

  it('prints the hijacked-agent worst case of an agent', async () => {
    // coder, hijacked: no workflow, so the hijack lasts until the response, prompt-context 7d + 8h = 176h. pat stops
    // then too (90d expiry later): repo 15 x 176 = 2,640. deploy-key, harvested from repo: detection 7d + 1d,
    // revoked at 8d8h = 200h: 40 x 200 = 8,000. Time-weighted 10,640.
    const json = JSON.parse(
      (await run(['simulate', 'models/m.yaml', '--hijack', 'coder', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(json).toMatchObject({
      agent: 'coder',
      attacker: 'hijacked-agent',
      detectedSeconds: 7 * 86_400,
      taskEndSeconds: null,
      hijackEndsSeconds: 176 * 3_600,
      holds: [{ credential: 'pat', untilSeconds: 176 * 3_600 }],
      blastRadius: { score: 55, timeWeightedScore: 10_640 },
    });
    const text = await run(['simulate', 'models/m.yaml', '--hijack', 'coder'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Hijack of agent coder');
    expect(text.stdout).toContain('Blast radius: score 55, time-weighted 10640');
    expect(text.stdout).toContain("counts in the model's hijacked-agent risk");
  });

  it('refuses an unknown agent, a scenario, and leak options', async () => {
    const unknown = await run(['simulate', 'models/m.yaml', '--hijack', 'codr'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown agent "codr" (did you mean "coder"?)');
    const mixed = await run(['simulate', 'models/m.yaml', '--hijack', 'coder', '--leak', 'pat'], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--hijack cannot be combined with --leak');
    const scenario = await run(['simulate', 'scenarios/s.yaml', '--hijack', 'coder'], { cwd: dir });
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain('--hijack takes a model file, not a scenario');
  });
});
