/**
 * The command line in a user's CI and shell: its own version, folders that
 * hold more than models, a policy found by itself, the flags people type,
 * finding ids, GitHub annotations and SARIF paths. Run in-process.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, scratch } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const OWN_VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const CODING_AGENT = readFileSync('models/coding-agent.yaml', 'utf8');

// A bearer PAT of a person that never expires, held by an autonomous agent:
// LR001 high, LR005 high, LR014 high, LR004 medium (write unused).
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

const WORKFLOW = 'name: ci\non: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n';
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata: { a: b }\n';
// YAML of tools leakradius neither models nor imports.
const COMPOSE = 'version: "3.8"\nservices:\n  web: { image: nginx }\n';
const MKDOCS = 'site_name: docs\nnav: [index.md]\n';

const POLICY_WITHOUT_LR001 = 'kind: policy\nversion: 1\nrules:\n  LR001: { enabled: false }\n';

describe('--version', () => {
  it("prints leakradius's own version, not the version of the project it is run in", async () => {
    const host = scratch({ 'package.json': '{ "name": "host", "version": "9.9.9" }\n' });
    const r = await run(['--version'], { cwd: host });
    expect(r.stdout).toBe(`${OWN_VERSION}\n`);
    expect(OWN_VERSION).not.toBe('9.9.9');
  });

  it('the binary answers it too, by its own short path (it loads no argument parser)', () => {
    const host = scratch({ 'package.json': '{ "name": "host", "version": "9.9.9" }\n' });
    const r = cli(['--version'], { cwd: host });
    expect(r).toMatchObject({ code: 0, stdout: `${OWN_VERSION}\n`, stderr: '' });
  });
});

describe('folders that hold more than models', () => {
  const dir = scratch({
    'agents/risky.yaml': RISKY,
    'agents/ci.yml': WORKFLOW,
    'agents/deploy/cm.yaml': CONFIG_MAP,
    'agents/compose.yaml': COMPOSE,
    'agents/docs/mkdocs.yml': MKDOCS,
  });

  it('checks the models, imports the configurations, and lists the rest on stderr', async () => {
    const r = await run(['check', 'agents'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('agents/risky.yaml:');
    // The model, and the workflow and manifest imported together as one more.
    expect(r.stdout).toMatch(/^2 files checked/m);
    expect(r.stderr).toBe(
      'leakradius: skipped 2 YAML file(s) that are not leakradius models or configurations it imports (--exclude leaves them out):\n' +
        '  agents/compose.yaml\n  agents/docs/mkdocs.yml\n',
    );
  });

  it('says nothing of them under --quiet, or when --exclude leaves them out', async () => {
    expect((await run(['check', 'agents', '--quiet'], { cwd: dir })).stderr).toBe('');
    const r = await run(['check', 'agents', '--exclude', 'compose.yaml', '--exclude', 'agents/docs/**'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('--exclude leaves configurations out too, --include keeps only what matches', async () => {
    const models = await run(['check', 'agents', '--include', 'risky.yaml'], { cwd: dir });
    expect(models.stdout).toMatch(/^1 file checked/m);
    expect(models.stderr).toBe('');
    const noWorkflow = await run(['check', 'agents', '--exclude', '*.yml', '--exclude', 'deploy/**', '-q'], {
      cwd: dir,
    });
    expect(noWorkflow.stdout).toMatch(/^1 file checked/m);
  });

  it('still reports a file named on the command line that is neither a model nor a configuration, once', async () => {
    const r = await run(['check', 'agents/compose.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^agents\/compose\.yaml:1:10: /);
    expect(lines.some((l) => l.includes('unknown field "services"'))).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('stops on a folder with nothing to check', async () => {
    const r = await run(['check', 'agents/docs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents/docs: the folder holds no leakradius model (1 YAML file(s), none of them one)');
  });

  it('validate, with --include, takes only the matching files', async () => {
    const r = await run(['validate', 'agents', '--include', '*.yml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents: the folder holds no leakradius model, scenario or policy (2 YAML file(s)');
  });

  it('validate lists the skipped files in its JSON report', async () => {
    const r = await run(['validate', 'agents', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { skipped: string[]; files: { file: string }[] };
    expect(report.skipped).toEqual([
      'agents/ci.yml',
      'agents/compose.yaml',
      'agents/deploy/cm.yaml',
      'agents/docs/mkdocs.yml',
    ]);
    expect(report.files.map((f) => f.file)).toEqual(['agents/risky.yaml']);
  });
});

describe('a policy found by itself', () => {
  // A repository with the policy at its root, run from a folder two levels down.
  const repo = scratch({ '.git/HEAD': 'ref: refs/heads/main\n', 'leakradius-policy.yaml': POLICY_WITHOUT_LR001 });
  const deep = join(repo, 'teams', 'a');
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, 'risky.yaml'), RISKY);
  writeFileSync(join(deep, 'other-policy.yaml'), 'kind: policy\nversion: 1\n');

  it('is used from any folder of the repository, and the run says which', async () => {
    const r = await run(['check', 'risky.yaml'], { cwd: deep });
    expect(r.stdout).not.toContain('LR001@');
    expect(r.stdout).toContain('LR005@credential:gh-pat');
    expect(r.stderr).toBe(
      `leakradius: using the policy ${join(repo, 'leakradius-policy.yaml')} (--policy <file> for another, --no-policy for none)\n`,
    );
  });

  it('gives way to --policy and to --no-policy', async () => {
    const given = await run(['check', 'risky.yaml', '--policy', 'other-policy.yaml'], { cwd: deep });
    expect(given.stdout).toContain('LR001@credential:gh-pat');
    expect(given.stderr).toBe('');
    const none = await run(['check', 'risky.yaml', '--no-policy'], { cwd: deep });
    expect(none.stdout).toContain('LR001@credential:gh-pat');
    expect(none.stderr).toBe('');
  });

  it('is .leakradius.yaml too, and is not looked for above the repository', async () => {
    const outside = scratch({
      '.leakradius.yaml': POLICY_WITHOUT_LR001,
      'inner/.git/HEAD': 'x\n',
      'inner/m.yaml': RISKY,
    });
    const inRoot = await run(['check', 'm.yaml'], { cwd: join(outside, 'inner') });
    expect(inRoot.stdout).toContain('LR001@credential:gh-pat');
    const beside = await run(['check', 'inner/m.yaml'], { cwd: outside });
    expect(beside.stdout).not.toContain('LR001@');
    expect(beside.stderr).toContain('using the policy .leakradius.yaml');
  });
});

describe('flags people type', () => {
  it('--no-color wins over FORCE_COLOR, --color over NO_COLOR', async () => {
    const args = ['rules'];
    const plain = await run([...args, '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('\x1b[');
    const coloured = await run([...args, '--color'], { env: { NO_COLOR: '1' } });
    expect(coloured.stdout).toContain('\x1b[');
  });

  it('every command has an example in its --help, and none lists --version', async () => {
    const top = await run(['--help']);
    expect(top.stdout).toContain('--version');
    const names = [...top.stdout.matchAll(/^ {2}leakradius (\w+)/gm)].map((m) => m[1]);
    expect(names).toContain('completion');
    for (const name of names) {
      const help = await run([name, '--help']);
      expect(help.stdout, name).toContain('Examples:');
      expect(help.stdout, name).not.toContain('--version');
    }
  });

  it('describes every option, and shows no empty default for a list of files', async () => {
    for (const name of ['validate', 'check', 'delegation', 'simulate', 'recommend', 'graph', 'rules', 'kinds']) {
      const help = (await run([name, '--help'])).stdout;
      expect(help, name).not.toContain('[default: []]');
      // An option line with nothing between the flag and its type has no description.
      expect(help, name).not.toMatch(/^\s+(-\w, )?--[\w-]+\s{2,}\[(string|number|boolean|array|choices)/m);
    }
  });

  it('completion prints a script that asks leakradius for the completions', async () => {
    const bash = await run(['completion'], { env: { SHELL: '/bin/bash' } });
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('leakradius --get-yargs-completions');
    expect(bash.stdout).toContain('complete -o bashdefault -o default -F _leakradius_yargs_completions leakradius');
    const words = await run(['--get-yargs-completions', 'leakradius', '']);
    expect(words.stdout.split('\n')).toEqual(expect.arrayContaining(['check', 'simulate', 'completion']));
  });

  it('generate --out refuses to overwrite a file unless --force', async () => {
    const dir = scratch({ 'org.yaml': 'mine\n' });
    const r = await run(['generate', '--agents', '1', '--out', 'org.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('org.yaml already exists; pass --force to overwrite it');
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).toBe('mine\n');
    expect((await run(['generate', '--agents', '1', '--out', 'org.yaml', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).toMatch(/^version: 1$/m);
  });

  it('-o - and -o /dev/stdout write to stdout', async () => {
    const plain = (await run(['rules'])).stdout;
    expect(plain).toContain('LR001');
    expect((await run(['rules', '-o', '-'])).stdout).toBe(plain);
    expect((await run(['rules', '-o', '/dev/stdout'])).stdout).toBe(plain);
  });
});

describe('finding ids where people need them', () => {
  const dir = scratch({ 'risky.yaml': RISKY });

  it('shows each finding with its id, ready for an acceptance', async () => {
    const r = await run(['check', 'risky.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(
      /^ {2}risky\.yaml:\d+:\d+ high LR001@credential:gh-pat credential "gh-pat" never expires/m,
    );
  });

  it('refuses an acceptance of a rule that does not exist, in a policy or a model', async () => {
    const accept = (finding: string) =>
      `accept:\n  - { finding: "${finding}", reason: spare, owner: ops, expires: 2099-01-01 }\n`;
    const files = scratch({
      'typo-policy.yaml': `kind: policy\nversion: 1\n${accept('LR01@credential:gh-pat')}`,
      'star-policy.yaml': `kind: policy\nversion: 1\n${accept('LR0*@credential:gh-pat')}`,
      'model.yaml': RISKY + accept('LR099@credential:*'),
    });
    const policy = await run(['check', join(dir, 'risky.yaml'), '--policy', 'typo-policy.yaml'], { cwd: files });
    expect(policy.code).toBe(2);
    expect(policy.stderr).toMatch(
      /^typo-policy\.yaml:4:5: acceptance "LR01@credential:gh-pat": there is no rule "LR01" \(did you mean "LR001"\?\)/m,
    );
    // A star in the rule part is fine as long as it matches a rule.
    expect((await run(['check', join(dir, 'risky.yaml'), '--policy', 'star-policy.yaml'], { cwd: files })).code).toBe(
      0,
    );
    const model = await run(['check', 'model.yaml', '--no-policy'], { cwd: files });
    expect(model.code).toBe(2);
    expect(model.stderr).toContain('acceptance "LR099@credential:*": there is no rule "LR099"');
    const validate = await run(['validate', 'model.yaml', 'typo-policy.yaml'], { cwd: files });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('there is no rule "LR099"');
    expect(validate.stderr).toContain('there is no rule "LR01"');
  });
});

describe('CI surfaces', () => {
  const repo = scratch({ '.git/HEAD': 'x\n', 'agents/coding-agent.yaml': CODING_AGENT });

  it('annotates the most severe findings first, 10 per level, and counts the rest', async () => {
    const json = JSON.parse((await run(['check', 'agents', '--format', 'json'], { cwd: repo })).stdout) as {
      findings: { severity: string; id: string }[];
    };
    const errors = json.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    const critical = json.findings.filter((f) => f.severity === 'critical').map((f) => f.id);
    expect(errors.length).toBeGreaterThan(10);
    expect(critical.length).toBeGreaterThan(0);

    const r = await run(['check', 'agents', '--format', 'github'], { cwd: repo });
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(commands).toHaveLength(10);
    commands.slice(0, critical.length).forEach((c) => expect(c).toMatch(/::critical: /));
    expect(r.stdout).toContain(`leakradius: ${errors.length - 10} more not annotated`);
    // The findings past the limit are still in the log, one per line, and none is a workflow command.
    const rest = r.stdout.split('\n').filter((l) => l.startsWith('- agents/coding-agent.yaml:'));
    expect(rest).toHaveLength(errors.length - 10);
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const summary = join(scratch({ 'summary.md': '# earlier step\n' }), 'summary.md');
    await run(['check', 'agents', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n### leakradius check: failed\n')).toBe(true);
    await run(['check', 'agents', '--format', 'sarif', '-o', 'x.sarif'], {
      cwd: repo,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(readFileSync(summary, 'utf8')).toBe(text);
  });

  it('gives SARIF and annotation paths from the repository that holds the model, wherever it runs', async () => {
    const elsewhere = scratch();
    const model = relative(elsewhere, join(repo, 'agents', 'coding-agent.yaml'));
    const sarif = JSON.parse((await run(['check', model, '--format', 'sarif'], { cwd: elsewhere })).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['agents/coding-agent.yaml']);
    const github = await run(['check', model, '--format', 'github'], { cwd: elsewhere });
    expect(github.stdout).toMatch(/^::error file=agents\/coding-agent\.yaml,/m);
  });
});
