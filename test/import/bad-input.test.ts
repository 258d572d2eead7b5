/** Bad configurations get a located message; the other files are still imported. */
import { describe, expect, it } from 'vitest';
import { importConfigurations } from '../../src/import/index.js';
import { referencesIn, isCredentialName, isLiteralSecret, looksLikeSecret } from '../../src/import/secrets.js';
import { permissionGrants } from '../../src/import/github-workflow.js';
import { verbActions } from '../../src/import/kubernetes.js';
import { scopeAction } from '../../src/import/agent-card.js';
import { MAX_JSON_DEPTH } from '../../src/import/json.js';

const GOOD = { file: '.cursor/mcp.json', text: '{ "mcpServers": { "a": { "command": "npx", "args": ["x"] } } }' };

function run(...files: { file: string; text: string }[]) {
  return importConfigurations(files, { explicit: new Set(files.map((f) => f.file)) });
}

describe('bad input', () => {
  it('invalid JSONC: line and column of the first error, the other file imported', () => {
    const r = run(
      { file: '.vscode/mcp.json', text: '{\n  "servers": {\n    "a": { "command": "npx" }\n    "b": 1\n}\n' },
      GOOD,
    );
    expect(r.diagnostics).toEqual([
      { file: '.vscode/mcp.json', line: 4, column: 5, message: 'JSON syntax: comma expected' },
    ]);
    expect(r.imported.map((f) => f.file)).toEqual(['.cursor/mcp.json']);
  });

  it('a .mcp.json that is something else says so', () => {
    const r = run({ file: 'app/.mcp.json', text: '{ "name": "pkg", "version": "1.0.0" }' });
    expect(r.diagnostics[0]).toMatchObject({ file: 'app/.mcp.json', line: 1, column: 1 });
    expect(r.diagnostics[0].message).toMatch(/no `mcpServers` object/);
  });

  it('a named YAML file that is no known format is an error; found in a folder it is skipped', () => {
    const notes = { file: 'notes.yaml', text: 'just: some\nyaml: [1, 2]\n' };
    expect(run(notes).diagnostics[0].message).toMatch(/not a configuration format leakradius knows/);
    const walked = importConfigurations([notes]);
    expect(walked.diagnostics).toEqual([]);
    expect(walked.skipped).toEqual([{ file: 'notes.yaml', reason: 'not a configuration format leakradius knows' }]);
  });

  it('nesting past the limit, duplicate keys and __proto__ are refused at their place', () => {
    const deep = run({ file: 'x/.mcp.json', text: `${'['.repeat(MAX_JSON_DEPTH + 1)}` });
    expect(deep.diagnostics[0]).toMatchObject({ line: 1, column: MAX_JSON_DEPTH + 1 });
    const dup = run({ file: 'x/.mcp.json', text: '{\n "mcpServers": {},\n "mcpServers": {}\n}' });
    expect(dup.diagnostics[0]).toMatchObject({ line: 3, column: 2, message: 'duplicate key "mcpServers"' });
    const proto = run({ file: 'x/.mcp.json', text: '{ "__proto__": { "polluted": true } }' });
    expect(proto.diagnostics[0].message).toBe('the key `__proto__` is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a server with neither command nor url, in a workflow without jobs: located', () => {
    const r = run(
      { file: '.cursor/mcp.json', text: '{\n  "mcpServers": {\n    "a": { "args": [] }\n  }\n}' },
      { file: '.github/workflows/x.yml', text: 'name: x\non: push\n' },
    );
    expect(r.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      ['.cursor/mcp.json', 3, 'MCP server "a" has neither `command` nor `url`'],
      ['.github/workflows/x.yml', 1, 'GitHub workflow: no `jobs` mapping, so this is not a workflow'],
    ]);
  });

  it('a Kubernetes file with a second document that is broken YAML: its own line', () => {
    const r = run({
      file: 'k8s.yaml',
      text: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a }\n---\nkind: [\n',
    });
    expect(r.diagnostics[0]).toMatchObject({ file: 'k8s.yaml', line: 6 });
  });
});

describe('the shared classification', () => {
  it('reads every reference syntax', () => {
    expect(referencesIn('Bearer ${input:gh} ${env:A} ${B} ${C:-x} ${{ secrets.D }}')).toEqual([
      { scheme: 'input', name: 'gh' },
      { scheme: 'env', name: 'A' },
      { scheme: 'env', name: 'B' },
      { scheme: 'env', name: 'C' },
      { scheme: 'secret', name: 'D' },
    ]);
  });

  it('tells credential names, placeholders and token-looking values apart', () => {
    expect(
      ['GITHUB_TOKEN', 'Authorization', 'X-API-Key', 'DB_PASSWORD', 'OPENAI_API_KEY'].every(isCredentialName),
    ).toBe(true);
    expect(['GITHUB_API_URL', 'TOKEN_PATH', 'SLACK_TEAM_ID', 'AUTH_TYPE', 'LOG_LEVEL'].some(isCredentialName)).toBe(
      false,
    );
    expect(isLiteralSecret('<your-token-here>')).toBe(false);
    expect(isLiteralSecret('Bearer ${input:x}')).toBe(false);
    expect(isLiteralSecret('Bearer abcDEF123456')).toBe(true);
    expect(looksLikeSecret('/Users/dana/projects')).toBe(false);
    expect(looksLikeSecret('@modelcontextprotocol/server-github')).toBe(false);
    expect(looksLikeSecret('FAKEsearchKEYfake0000FAKE0001aB')).toBe(true);
  });

  it('maps GitHub permissions, RBAC verbs and A2A scopes', () => {
    expect([...permissionGrants({ contents: 'read', issues: 'write', 'id-token': 'write' }).scopes]).toEqual([
      ['contents', ['read']],
      ['issues', ['read', 'write']],
    ]);
    expect(permissionGrants({ 'id-token': 'write' }).oidc).toBe(true);
    expect(permissionGrants('read-all').scopes.get('packages')).toEqual(['read']);
    expect(verbActions(['get', 'watch', 'patch', 'deletecollection'])).toEqual(['delete', 'read', 'write']);
    expect(verbActions(['*'])).toEqual(['admin']);
    expect(scopeAction('https://www.googleapis.com/auth/calendar.readonly')).toBe('calendar.readonly');
    expect(scopeAction('read:orders')).toBe('read-orders');
  });
});
