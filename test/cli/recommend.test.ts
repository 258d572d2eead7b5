import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { run, scratch } from '../helpers/run.js';
import { applyPatch } from '../helpers/json-patch.js';

// The vault model of test/recommendations/scope.test.ts: tok reads a vault that stores deploy-key, which
// no workflow needs. Total risk 4,580 leaked + 8,100 hijacked = 12,680; removing the read leaves 1,330 + 50 = 1,380
// (the arithmetic is in that test).
const MODEL = `# yaml-language-server: $schema=../docs/model.schema.json
# A bot that reads a database, and could read the vault too.
version: 1
detection: { default: 1d, channels: { logs: 2d, prompt-context: 7d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
agents: [{ id: bot, credentials: [tok] }]
resources:
  - { id: db, kind: database, sensitivity: high }
  - { id: vault, kind: secret-store, sensitivity: high, holds: [deploy-key] }
  - { id: prod, kind: cluster, sensitivity: critical }
credentials:
  # The bot's token.
  - { id: tok, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }, { resource: vault, actions: [read] }] }
  - { id: deploy-key, ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, grants: [{ resource: prod, actions: [deploy] }] }
workflows:
  - { id: report, agent: bot, duration: 20m, steps: [{ resource: db, action: read }] }
`;

describe('leakradius recommend', () => {
  it('prints the recommendations for a person, with before and after', async () => {
    const r = await run(['recommend', 'm.yaml'], { cwd: scratch({ 'm.yaml': MODEL }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total risk now 12680 = leaked copy 4580 + hijacked agent 8100');
    expect(r.stdout).toContain("Remove tok's read on vault, which stores deploy-key");
    expect(r.stdout).toContain('Total risk 12680 → 1380  −11300 (−89%)');
    expect(r.stdout).toContain('leaked copy 4580 → 1330; hijacked agent 8100 → 50');
    expect(r.stdout).toContain('measured on the model with all of them applied');
  });

  it('prints stable JSON', async () => {
    const r = await run(['recommend', 'm.yaml', '--format', 'json'], { cwd: scratch({ 'm.yaml': MODEL }) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'model',
      'file',
      'totalRisk',
      'remaining',
      'recommendations',
      'combined',
      'withheld',
      'considered',
    ]);
    expect(out.totalRisk).toEqual({
      total: 12680,
      unboundedCredentials: 0,
      unboundedAgents: 0,
      boundedRisk: 12680,
      leakedCopy: { total: 4580, unbounded: 0, bounded: 4580 },
      hijackedAgent: { total: 8100, unbounded: 0, bounded: 8100 },
    });
    const harvest = out.recommendations.find((x: { id: string }) => x.id === 'harvest:tok@vault');
    expect(harvest).toMatchObject({
      kind: 'harvest',
      edits: [
        {
          op: 'remove',
          path: 'credentials[0].grants[1]',
          pointer: '/credentials/0/grants/1',
          element: 'credential tok',
          old: { resource: 'vault', actions: ['read'] },
        },
      ],
      takes: "a setting: tok's permissions on vault",
      condition: null,
      effect: {
        totalRisk: { before: 12680, after: 1380, removed: 11300 },
        leakedCopy: { before: 4580, after: 1330, removed: 3250 },
        hijackedAgent: { before: 8100, after: 50, removed: 8050 },
        agents: [
          { agent: 'bot', before: { score: 50, timeWeightedScore: 8100 }, after: { score: 5, timeWeightedScore: 50 } },
        ],
      },
    });
    // tok: db read 5 + vault read 5 for 10h, plus deploy-key's deploy (40) for 80h: 3,300 -> 50.
    expect(harvest.effect.credentials).toEqual([
      {
        credential: 'tok',
        before: { exposureWindowSeconds: 36_000, score: 50, timeWeightedScore: 3300 },
        after: { exposureWindowSeconds: 36_000, score: 5, timeWeightedScore: 50 },
      },
    ]);
    expect(out.recommendations.map((x: { rank: number }) => x.rank)).toEqual(
      out.recommendations.map((_: unknown, i: number) => i + 1),
    );
    expect(out.combined.effect.totalRisk.after).toBeLessThan(12680);
  });

  it('writes the changed model, which validates, and prints a patch that gives the same model', async () => {
    const dir = scratch({ 'm.yaml': MODEL });
    const written = await run(['recommend', 'm.yaml', '--write', 'out.yaml', '--format', 'yaml-patch'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote out.yaml with 4 recommendation(s) applied (comments and layout kept)');
    expect((await run(['validate', 'out.yaml'], { cwd: dir })).code).toBe(0);
    const out = readFileSync(join(dir, 'out.yaml'), 'utf8');
    expect(out.startsWith('# yaml-language-server: $schema=../docs/model.schema.json\n# A bot that reads')).toBe(true);
    // The file's own text, edited in place: comments kept, new members at the end of their mapping.
    expect(out).toContain(
      "  # The bot's token.\n  - { id: tok, ttl: 25m, binding: sender-constrained, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: db, actions: [read] }], issuance: per-task }\n",
    );
    const patch = loadYaml(written.stdout) as never[];
    expect(applyPatch(loadYaml(MODEL), patch)).toEqual(loadYaml(out));
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(MODEL);
  });

  it('refuses to overwrite the input model unless --force is given', async () => {
    const dir = scratch({ 'm.yaml': MODEL });
    const refused = await run(['recommend', 'm.yaml', '--write', './m.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('would overwrite m.yaml, which this command reads');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(MODEL);

    const forced = await run(['recommend', 'm.yaml', '--write', 'm.yaml', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).not.toBe(MODEL);
    expect((await run(['validate', 'm.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('reports an invalid model as file:line:col and exits 2, without a stack trace', async () => {
    const dir = scratch({ 'm.yaml': MODEL });
    writeFileSync(join(dir, 'bad.yaml'), MODEL.replace('resource: vault, actions', 'resource: vaul, actions'));
    const r = await run(['recommend', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^bad\.yaml:13:\d+: credential "tok": unknown resource "vaul" \(did you mean "vault"\?\)/m,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('says so when there is nothing to recommend', async () => {
    const r = await run(['recommend', 'models/hardened.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No recommendation');
  });
});
