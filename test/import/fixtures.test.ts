/**
 * `leakradius import` on every fixture (written from each format's documentation) writes a model
 * that validates, and `check` on the fixtures themselves points its findings at their own lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importConfigurations, type ConfigFile } from '../../src/import/index.js';
import { loadModel } from '../../src/model/load.js';
import { modelYaml } from '../../src/reports/model-yaml.js';
import { cli } from '../helpers/cli.js';
import { run } from '../helpers/run.js';

const ROOT = 'test/fixtures/import';
const FORMATS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'continue',
  'github-workflow',
  'kubernetes',
  'agent-card',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function configs(dir: string): ConfigFile[] {
  return filesUnder(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

function imported(dir: string) {
  const result = importConfigurations(configs(dir));
  const loaded = loadModel('imported.yaml', modelYaml(result.document));
  return { result, loaded };
}

/** The 1-based line of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${text} not in ${file}`);
  return index + 1;
}

describe('every fixture imports into a valid model', () => {
  for (const format of FORMATS) {
    const cases = readdirSync(join(ROOT, format));
    it(`${format}: at least three fixtures`, () => expect(cases.length).toBeGreaterThanOrEqual(3));
    for (const name of cases) {
      it(`${format}/${name}`, () => {
        const { result, loaded } = imported(join(ROOT, format, name));
        expect(result.diagnostics).toEqual([]);
        expect(result.imported.map((f) => f.format)).toContain(format);
        expect(loaded.ok, JSON.stringify(loaded.ok ? '' : loaded.diagnostics)).toBe(true);
        // Every element says where it came from.
        const doc = result.document;
        for (const list of [doc.agents, doc.tools, doc.resources, doc.credentials])
          for (const e of list ?? []) expect(e.source?.file, e.id).toMatch(new RegExp(`^${ROOT}/${format}/${name}/`));
      });
    }
  }
});

describe('what the import reads', () => {
  it('Claude Desktop: a literal token is a credential of its file, never copied; filesystem paths are resources', () => {
    const { result } = imported(`${ROOT}/claude-desktop/basic`);
    const file = `${ROOT}/claude-desktop/basic/claude_desktop_config.json`;
    const token = result.document.credentials!.find(
      (c) => c.id === 'claude-desktop/github/GITHUB_PERSONAL_ACCESS_TOKEN',
    )!;
    expect(token.source).toEqual({
      file,
      line: lineOf(file, 'ghp_'),
      literal: true,
      ...(token.source?.assumed ? { assumed: token.source.assumed } : {}),
    });
    expect(token.exposure).toEqual(['repo-commit']);
    expect(result.document.resources!.map((r) => r.id)).toEqual([
      'path:/Users/dana/Desktop',
      'path:/Users/dana/Downloads',
      'github-repositories',
    ]);
  });

  it('Claude Desktop in Docker: GITHUB_READ_ONLY makes the GitHub grant read-only; a read-only mount too', () => {
    const { result } = imported(`${ROOT}/claude-desktop/docker`);
    const grants = Object.fromEntries(result.document.credentials!.map((c) => [c.id, c.grants]));
    expect(grants['claude-desktop/github/GITHUB_PERSONAL_ACCESS_TOKEN']).toEqual([
      { resource: 'github-repositories', actions: ['read'] },
    ]);
    expect(grants['claude-desktop/files/local-user']).toEqual([
      { resource: 'path:/Users/dana/projects', actions: ['read'] },
    ]);
  });

  it('Claude Code: ${VAR} and ${VAR:-default} are references, headersHelper a credential it never runs', () => {
    const { result } = imported(`${ROOT}/claude-code/project`);
    const ids = result.document.credentials!.map((c) => c.id).sort();
    expect(ids).toEqual(['claude-code/internal-docs/headers-helper', 'env:API_KEY', 'env:GITHUB_PAT']);
    expect(result.document.credentials!.every((c) => c.source?.literal !== true)).toBe(true);
  });

  it('the same literal secret in two files is one credential, held by both clients', () => {
    const result = importConfigurations([...configs(`${ROOT}/claude-code/user`), ...configs(`${ROOT}/cursor/literal`)]);
    const slack = result.document.credentials!.filter((c) => c.name === 'SLACK_BOT_TOKEN');
    expect(slack).toHaveLength(1);
    const holders = result.document.agents!.filter((a) => a.credentials?.includes(slack[0].id)).map((a) => a.id);
    expect(holders).toEqual(['claude-code', 'cursor']);
  });

  it('VS Code: JSONC with comments and trailing commas; a password input is the credential, at its input', () => {
    const { result } = imported(`${ROOT}/vscode/inputs`);
    const file = `${ROOT}/vscode/inputs/.vscode/mcp.json`;
    const pat = result.document.credentials!.find((c) => c.id === 'vscode-input:github-pat')!;
    expect(pat.source?.line).toBe(lineOf(file, '"type": "promptString",') - 1); // the input's `{`
    // db-host is an input but no password: not a credential.
    expect(result.document.credentials!.map((c) => c.id)).toEqual(['vscode-input:github-pat']);
  });

  it('GitHub Actions: job permissions become grants, the default is assumed, OIDC derives a short AWS session', () => {
    const { result } = imported(`${ROOT}/github-workflow/deploy-aws`);
    const byId = Object.fromEntries(result.document.credentials!.map((c) => [c.id, c]));
    expect(byId['deploy/deploy/GITHUB_TOKEN'].grants).toEqual([{ resource: 'github:contents', actions: ['read'] }]);
    expect(byId['deploy/deploy/aws']).toMatchObject({
      kind: 'aws-sts-session',
      ttl: '900s',
      derivedFrom: 'deploy/deploy/oidc',
    });
    const azure = imported(`${ROOT}/github-workflow/gcp-azure`).result.document.credentials!.find(
      (c) => c.id === 'cloud/azure/GITHUB_TOKEN',
    )!;
    expect(azure.source?.assumed).toContain('grants');
    expect(azure.grants).toHaveLength(14);
  });

  it('GitHub Actions: an AI agent started by comments exposes what it holds to prompt context', () => {
    const { result } = imported(`${ROOT}/github-workflow/claude`);
    for (const c of result.document.credentials!) expect(c.exposure, c.id).toEqual(['prompt-context']);
  });

  it('Kubernetes: reading secrets harvests the legacy token stored there, across files', () => {
    const { result } = imported(`${ROOT}/kubernetes`);
    const secrets = result.document.resources!.find((r) => r.id === 'k8s:agents/secrets')!;
    expect(secrets.holds).toEqual(['k8s:agents/billing-bot-token']);
    const support = result.document.credentials!.find((c) => c.id === 'k8s:agents/support-agent/token')!;
    expect(support.grants).toContainEqual({ resource: 'k8s:agents/secrets', actions: ['read'] });
    expect(support.grants).toContainEqual({ resource: 'k8s:agents/pods', actions: ['delete', 'read'] });
    // automountServiceAccountToken: false: only the projected tokens, the vault one without RBAC grants.
    const research = result.document.credentials!.filter((c) => c.id.startsWith('k8s:agents/research-agent/'));
    expect(research.map((c) => [c.id, c.ttl, c.grants?.length ?? 0])).toEqual([
      ['k8s:agents/research-agent/projected', '600s', 5],
      ['k8s:agents/research-agent/projected:vault', '3600s', 0],
    ]);
  });

  it('A2A: mutualTLS is sender-constrained, scopes are actions on the agent’s API', () => {
    const mtls = imported(`${ROOT}/agent-card/mtls`).result.document.credentials!;
    expect(mtls.map((c) => [c.id, c.binding])).toEqual([
      ['a2a:Ledger-Agent/mtls', 'sender-constrained'],
      ['a2a:Ledger-Agent/key', 'bearer'],
    ]);
    const oauth = imported(`${ROOT}/agent-card/oauth`).result.document.credentials![0];
    expect(oauth.grants).toEqual([
      { agent: 'a2a:Travel-Planner', actions: ['invoke'] },
      { resource: 'a2a:Travel-Planner/api', actions: ['trips-book', 'trips-read'] },
    ]);
  });
});

describe('check on the configurations directly', () => {
  const cases: [string, string, string][] = [
    // [input, rule, the text on the line the finding must point at]
    [`${ROOT}/claude-desktop/basic/claude_desktop_config.json`, 'LR018', 'ghp_'],
    [`${ROOT}/claude-code/user/.claude.json`, 'LR018', 'sk_live_'],
    [`${ROOT}/cursor/literal/.cursor/mcp.json`, 'LR018', 'sk-proj-'],
    [`${ROOT}/vscode/user/Code/User/mcp.json`, 'LR018', 'glpat-'],
    [`${ROOT}/windsurf/url/mcp_config.json`, 'LR018', 'X-API-Key'],
    [`${ROOT}/claude-desktop/remote/claude_desktop_config.json`, 'LR018', 'postgresql://'],
    [`${ROOT}/github-workflow/claude/.github/workflows/claude.yml`, 'LR015', 'actions/checkout@v4'],
    [`${ROOT}/kubernetes/rbac/agent.yaml`, 'LR013', 'name: billing-bot-token'],
    [`${ROOT}/agent-card/legacy/agent.json`, 'LR010', '"authentication"'],
  ];
  for (const [input, rule, text] of cases) {
    it(`${input}: ${rule} at the line of ${text}`, async () => {
      const checked = await run(['check', input, '--format', 'sarif', '--fail-on', 'critical']);
      expect(checked.stderr).toBe('');
      const sarif = JSON.parse(checked.stdout);
      const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === rule);
      expect(results.length, checked.stdout.slice(0, 400)).toBeGreaterThan(0);
      const location = results[0].locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toBe(input);
      const line = lineOf(input, text);
      // SARIF groups the findings of one cause: the others are the result's related locations.
      type Region = { physicalLocation: { region: { startLine: number } } };
      const lines = results.flatMap((r: { locations: Region[]; relatedLocations?: Region[] }) =>
        [...r.locations, ...(r.relatedLocations ?? [])].map((l) => l.physicalLocation.region.startLine),
      );
      expect(lines).toContain(line);
    });
  }
});

describe('--user', () => {
  it('reads the per-user files that exist, says which it found, and marks their literal secrets as config-file exposure', async () => {
    const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const home = mkdtempSync(join(tmpdir(), 'leakradius-home-'));
    try {
      cpSync(`${ROOT}/cursor/literal/.cursor`, join(home, '.cursor'), { recursive: true });
      cpSync(`${ROOT}/claude-code/user/.claude.json`, join(home, '.claude.json'));
      const r = cli(['import', '--user'], { env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('found  ~/.cursor/mcp.json (Cursor)');
      expect(r.stderr).toContain('absent  ~/.codeium/windsurf/mcp_config.json (Windsurf)');
      const loaded = loadModel('user.yaml', r.stdout);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      const literal = loaded.loaded.model.credentials.filter((c) => c.source?.literal);
      expect(literal.map((c) => c.exposure)).toEqual([['config-file'], ['config-file'], ['config-file']]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
