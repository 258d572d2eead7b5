/**
 * `leakradius check`, `rules` and `policy init` as a pipeline runs them: exit codes, files, determinism.
 * One run spawns the built binary; the others call the same `runCli` in this process (output and
 * exit code are the same, without half a second of start-up each).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { run, scratch } from '../helpers/run.js';
import { at } from '../helpers/check.js';

// A bearer PAT of a person that never expires, held by an autonomous agent:
// LR001 high, LR005 high, LR014 high, LR004 medium (write unused). Nothing critical.
const RISKY = `version: 1
detection: { default: 1h }
response: { manual: 1h, automated: 1m }
agents:
  - { id: coder, owner: dev, purpose: fix tests, credentials: [gh-pat] }
resources:
  - { id: repo, kind: repository, sensitivity: medium }
credentials:
  - id: gh-pat
    subject: human
    ttl: never
    exposure: [logs]
    revocation: { mode: automated }
    grants:
      - { resource: repo, actions: [read, write] }
workflows:
  - { id: w, agent: coder, duration: 10m, steps: [{ resource: repo, action: read }] }
`;

// Short-lived, bound, used exactly as granted: no finding at all.
const CLEAN = `version: 1
agents:
  - { id: coder, owner: dev, purpose: fix tests, credentials: [task-token] }
resources:
  - { id: repo, kind: repository, sensitivity: medium }
credentials:
  - id: task-token
    ttl: 15m
    binding: sender-constrained
    issuance: per-task
    revocation: { mode: on-task-end }
    exposure: [logs]
    grants:
      - { resource: repo, actions: [read] }
workflows:
  - { id: w, agent: coder, duration: 10m, steps: [{ resource: repo, action: read }] }
`;

describe('leakradius check: exit codes', () => {
  it('exits 0 when nothing reaches --fail-on', async () => {
    const dir = scratch({ 'models/clean.yaml': CLEAN });
    const r = await run(['check', 'models'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1 file checked: 0 findings. Passed (--fail-on high).\n');
  });

  it('exits 1 on findings at or above --fail-on (default high), and lists them as file:line:col severity rule message', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY });
    const r = cli(['check', 'models/risky.yaml'], { cwd: dir }); // the built binary, once, end to end
    expect(r.code).toBe(1);
    const ttl = at(RISKY, 'never');
    expect(r.stdout).toContain(
      `models/risky.yaml:${ttl.line}:${ttl.column} high LR001@credential:gh-pat credential "gh-pat" never expires`,
    );
    expect(r.stdout.split('\n')[0]).toBe('models/risky.yaml');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(
      '1 file checked: 4 findings (3 high, 1 medium). Failed: 3 findings at or above high.',
    );
  });

  it('--fail-on moves the threshold', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY });
    expect((await run(['check', 'models', '--fail-on', 'critical'], { cwd: dir })).code).toBe(0);
    expect((await run(['check', 'models', '--fail-on', 'medium'], { cwd: dir })).code).toBe(1);
    expect((await run(['check', 'models', '--fail-on', 'low'], { cwd: dir })).code).toBe(1);
  });

  it('exits 2 on an invalid model, with its file:line:col diagnostics and no report', async () => {
    const bad = CLEAN.replace('ttl: 15m', 'ttl: 15 minutes');
    const dir = scratch({ 'models/bad.yaml': bad, 'models/clean.yaml': CLEAN });
    const r = await run(['check', 'models'], { cwd: dir });
    expect(r.code).toBe(2);
    const { line, column } = at(bad, '15 minutes');
    expect(r.stderr).toContain(
      `models/bad.yaml:${line}:${column}: credential "task-token": ttl: bad duration "15 minutes"`,
    );
    expect(r.stdout).toBe('');
  });

  it('exits 2 with every diagnostic of a file that has 150,000 problems, not an internal error', async () => {
    const entries = 150_000;
    const dir = scratch({ 'models/many.yaml': `version: 1\ncredentials:\n${'  - {}\n'.repeat(entries)}` });
    const r = await run(['check', 'models'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(entries);
    // The last entry sits on line 2 + 150,000; its column is that of `{}` after `  - `.
    expect(lines.at(-1)).toBe(`models/many.yaml:${2 + entries}:5: credential #${entries}: missing required field "id"`);
  });

  it('reports every credential of a model of 140,000', async () => {
    const count = 140_000;
    const credentials = Array.from({ length: count }, (_, i) => `  - { id: c${i}, ttl: 1h }\n`).join('');
    const dir = scratch({ 'models/wide.yaml': `version: 1\ncredentials:\n${credentials}` });
    const r = await run(['check', 'models', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // no agent holds them: nothing to find
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { credentials: unknown[] };
    expect(report.credentials).toHaveLength(count);
  });

  it('exits 2 on an invalid policy, a missing input, a bad baseline and bad usage', async () => {
    const badPolicy = 'kind: policy\nversion: 1\nthresholds: { maxDelegationDepth: zero }\n';
    const dir = scratch({ 'models/clean.yaml': CLEAN, 'policy.yaml': badPolicy, 'b.json': '{"tool":"other"}' });
    const policy = await run(['check', 'models', '--policy', 'policy.yaml'], { cwd: dir });
    expect(policy.code).toBe(2);
    const { line, column } = at(badPolicy, 'zero');
    expect(policy.stderr).toMatch(
      new RegExp(`^policy\\.yaml:${line}:${column}: maxDelegationDepth: expected a whole number`),
    );
    expect((await run(['check', 'nothing-here'], { cwd: dir })).code).toBe(2);
    const baseline = await run(['check', 'models', '--baseline', 'b.json'], { cwd: dir });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('b.json:1:1: baseline: not a JSON report');
    expect((await run(['check', 'models', '--fail-on', 'severe'], { cwd: dir })).code).toBe(2);
    expect((await run(['check', 'models', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    expect((await run(['check', 'models', '--today', '2025-02-30'], { cwd: dir })).code).toBe(2);
    const unwritable = await run(['check', 'models', '--output', 'no-such-folder/report.txt'], { cwd: dir });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe('no-such-folder/report.txt:1:1: cannot write the output: no such file or folder\n');
    for (const r of [policy, baseline]) expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });
});

describe('leakradius check: acceptances', () => {
  const policy = (expires: string, finding = 'LR0**@credential:gh-pat') =>
    `kind: policy\nversion: 1\naccept:\n  - finding: ${finding}\n    reason: moving to a GitHub App (PLAT-42)\n    owner: platform-team\n    expires: ${expires}\n`;

  it('an acceptance in force keeps the run green and is reported as accepted', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY, 'policy.yaml': policy('2025-12-31') });
    const r = await run(
      ['check', 'models', '--policy', 'policy.yaml', '--today', '2025-06-01', '--fail-on', 'medium'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[accepted until 2025-12-31 by platform-team: moving to a GitHub App (PLAT-42)]');
    expect(r.stdout).toContain('0 findings, 4 accepted. Passed');
  });

  it('an expired acceptance fails the run and says so', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY, 'policy.yaml': policy('2025-05-31') });
    const r = await run(['check', 'models', '--policy', 'policy.yaml', '--today', '2025-06-01'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[acceptance expired 2025-05-31 (platform-team): fails again]');
    expect(r.stdout).toContain('4 expired acceptances');
  });

  it('a stale acceptance is reported, and fails the run only under --strict', async () => {
    const dir = scratch({
      'models/clean.yaml': CLEAN,
      'policy.yaml': policy('2030-01-01', 'LR001@credential:old-pat'),
    });
    const lenient = await run(['check', 'models', '--policy', 'policy.yaml', '--today', '2025-06-01'], { cwd: dir });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(
      'policy.yaml:4:5 stale LR001@credential:old-pat (platform-team, until 2030-01-01)',
    );
    const strict = await run(['check', 'models', '--policy', 'policy.yaml', '--today', '2025-06-01', '--strict'], {
      cwd: dir,
    });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('Failed: 1 stale acceptance under --strict.');
  });
});

describe('leakradius check: baselines', () => {
  const BEFORE = `version: 1
detection: { default: 1h }
agents:
  - { id: coder, owner: dev, purpose: fix tests, credentials: [gh-pat] }
resources:
  - { id: app-repo, kind: repository, sensitivity: high, holds: [kubeconfig] }
  - { id: prod-cluster, kind: cluster, sensitivity: critical }
credentials:
  - { id: gh-pat, ttl: 1h, revocation: { mode: automated }, grants: [{ resource: app-repo, actions: [write] }] }
  - { id: kubeconfig, ttl: 1h, revocation: { mode: automated }, grants: [{ resource: prod-cluster, actions: [deploy] }] }
`;

  it('fails only on what got worse, and says what the leak now reaches', async () => {
    const dir = scratch({ 'models/m.yaml': BEFORE });
    const first = await run(['check', 'models', '--format', 'json', '--output', 'baseline.json'], { cwd: dir });
    expect(first.code).toBe(1); // kubeconfig reaches prod-cluster:deploy already (LR009)
    // Unchanged: the known findings no longer fail.
    expect((await run(['check', 'models', '--baseline', 'baseline.json'], { cwd: dir })).code).toBe(0);
    // The pull request lets the agent read the repository that stores the kubeconfig.
    writeFileSync(join(dir, 'models/m.yaml'), BEFORE.replace('actions: [write]', 'actions: [read, write]'));
    const r = await run(['check', 'models', '--baseline', 'baseline.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'regression the leak of "gh-pat" now reaches prod-cluster:deploy; its blast-radius score grew from 10 to 55',
    );
    expect(r.stdout).toContain('[new]');
  });
});

describe('leakradius check: deterministic output', () => {
  it('gives byte-identical output for the same input, in every format', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY, 'models/clean.yaml': CLEAN });
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'github']) {
      const a = await run(['check', 'models', '--format', format, '--today', '2025-06-01'], { cwd: dir });
      const b = await run(['check', 'models', '--format', format, '--today', '2025-06-01'], { cwd: dir });
      expect(a.stdout.length, format).toBeGreaterThan(0);
      expect(a.stdout, format).toBe(b.stdout);
    }
  });

  it('keeps finding ids when the model file is reordered', async () => {
    const reordered = `version: 1
workflows:
  - { steps: [{ action: read, resource: repo }], duration: 10m, agent: coder, id: w }
credentials:
  - grants: [{ actions: [read, write], resource: repo }]
    revocation: { mode: automated }
    exposure: [logs]
    ttl: never
    subject: human
    id: gh-pat
resources: [{ sensitivity: medium, kind: repository, id: repo }]
agents: [{ credentials: [gh-pat], purpose: fix tests, owner: dev, id: coder }]
response: { automated: 1m, manual: 1h }
detection: { default: 1h }
`;
    const ids = async (yaml: string) => {
      const dir = scratch({ 'm.yaml': yaml });
      return (
        JSON.parse((await run(['check', 'm.yaml', '--format', 'json'], { cwd: dir })).stdout) as {
          findings: { id: string }[];
        }
      ).findings
        .map((f) => f.id)
        .sort();
    };
    expect(await ids(reordered)).toEqual(await ids(RISKY));
    expect(await ids(RISKY)).toEqual([
      'LR001@credential:gh-pat',
      'LR004@credential:gh-pat',
      'LR005@credential:gh-pat',
      'LR014@credential:gh-pat',
    ]);
  });

  it('colours only a terminal that wants colour, never with NO_COLOR', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY });
    // Not a terminal: plain text even when NO_COLOR is unset.
    expect((await run(['check', 'models'], { cwd: dir, env: { NO_COLOR: '' } })).stdout).not.toContain('\u001b[');
    expect((await run(['check', 'models'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } })).stdout).toContain(
      '\u001b[31mhigh\u001b[39m',
    );
    expect(
      (await run(['check', 'models'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
    // A report written to a file is never coloured.
    await run(['check', 'models', '--output', 'report.txt'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('high LR001');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('neutralises control characters from model files before they reach the terminal', async () => {
    // An escape sequence in a file name, and in an agent id quoted into a message.
    const hostile = RISKY.replace('purpose: fix tests', 'purpose: ""');
    const dir = scratch({ 'e\u001b[31m.yaml': hostile });
    const e = await run(['check', 'e\u001b[31m.yaml'], { cwd: dir });
    expect(e.stdout).toContain('agent "coder" has no purpose');
    expect(e.stdout).toContain('e\\x1b[31m.yaml:');
    expect(e.stdout).not.toContain('\u001b');
    // Free text from a policy (an acceptance's reason) with a screen-clearing sequence and a newline.
    writeFileSync(
      join(dir, 'p.yaml'),
      'kind: policy\nversion: 1\naccept:\n  - { finding: "LR014@credential:gh-pat", reason: "ok\\e[2J\\nfine", owner: me, expires: 2030-01-01 }\n',
    );
    for (const format of ['text', 'github', 'markdown']) {
      const r = await run(['check', 'e\u001b[31m.yaml', '--policy', 'p.yaml', '--format', format], { cwd: dir });
      expect(r.stdout, format).not.toContain('\u001b');
      if (format === 'text') expect(r.stdout).toContain('ok\\x1b[2J\\x0afine');
    }
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY });
    const r = await run(['check', 'models', '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('leakradius rules', () => {
  it('lists the catalogue in id order, as text and JSON', async () => {
    const json = await run(['rules', '--format', 'json']);
    expect(json.code).toBe(0);
    const rules = (
      JSON.parse(json.stdout) as { rules: { id: string; owasp: { nhi: { id: string; name: string }[] } }[] }
    ).rules;
    expect(rules.map((r) => r.id)).toEqual(Array.from({ length: 18 }, (_, i) => `LR${String(i + 1).padStart(3, '0')}`));
    expect(rules[0].owasp.nhi).toEqual([{ id: 'NHI7', name: 'Long-Lived Secrets' }]);
    const text = await run(['rules']);
    expect(text.stdout.split('\n')[0]).toBe(
      'LR001  high     Long-lived or static credential held by an autonomous agent',
    );
  });
});

describe('leakradius policy init', () => {
  it('writes the default policy, refuses to overwrite it, and overwrites with --force', async () => {
    const dir = scratch({ 'models/risky.yaml': RISKY });
    expect((await run(['policy', 'init'], { cwd: dir })).code).toBe(0);
    const written = readFileSync(join(dir, 'leakradius-policy.yaml'), 'utf8');
    expect(written).toContain('kind: policy');
    // The written policy is usable as it is, and is the default: same verdict.
    expect((await run(['check', 'models', '--policy', 'leakradius-policy.yaml'], { cwd: dir })).stdout).toBe(
      (await run(['check', 'models'], { cwd: dir })).stdout,
    );
    writeFileSync(join(dir, 'leakradius-policy.yaml'), 'mine');
    const again = await run(['policy', 'init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('leakradius-policy.yaml already exists; pass --force to overwrite it');
    expect(readFileSync(join(dir, 'leakradius-policy.yaml'), 'utf8')).toBe('mine');
    expect((await run(['policy', 'init', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'leakradius-policy.yaml'), 'utf8')).toBe(written);
    expect((await run(['policy', 'init', 'ci/policy.yaml'], { cwd: dir })).code).toBe(2); // no such folder: a clear error, not a crash
  });

  it('skips policy files when checking a folder', async () => {
    const dir = scratch({ 'models/clean.yaml': CLEAN });
    await run(['policy', 'init', 'models/policy.yaml'], { cwd: dir });
    expect((await run(['check', 'models'], { cwd: dir })).stdout).toBe(
      '1 file checked: 0 findings. Passed (--fail-on high).\n',
    );
  });
});
