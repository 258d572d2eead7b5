/**
 * An output never replaces an input or another output of the same run, keeps
 * the mode of the file it replaces, and a model written back keeps its own
 * line endings and comments (LF, CRLF or CR alone).
 */
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { patchText } from '../../src/yaml/edit-text.js';
import { run } from '../helpers/run.js';

const top = mkdtempSync(join(tmpdir(), 'leakradius-outputs-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));
let n = 0;
function workspace(): string {
  const dir = join(top, String(n++));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(resolve('models/coding-agent.yaml'), join(dir, 'm.yaml'));
  return dir;
}

describe('-o and --write never replace an input or each other', () => {
  it.each([
    [['recommend', 'm.yaml', '-o', 'm.yaml']],
    [['check', 'm.yaml', '-o', './m.yaml']],
    [['graph', 'm.yaml', '--output', 'm.yaml']],
    [['simulate', 'm.yaml', '--leak', 'gh-pat-dana', '-o', 'm.yaml']],
    [['delegation', 'm.yaml', '-o', 'm.yaml']],
  ])('%j exits 2 and leaves the model as it was', async (args) => {
    const dir = workspace();
    const before = readFileSync(join(dir, 'm.yaml'));
    const r = await run(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^leakradius: --output \.?\/?m\.yaml would overwrite m\.yaml, which this command reads; write the report elsewhere$/m,
    );
    expect(readFileSync(join(dir, 'm.yaml')).equals(before)).toBe(true);
  });

  it('--write x -o x writes nothing', async () => {
    const dir = workspace();
    const r = await run(['recommend', 'm.yaml', '--write', 'x.yaml', '-o', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--write x.yaml and --output x.yaml name the same file; give each output a file of its own',
    );
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it("a scenario's model is an input too", async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 's.yaml'),
      'kind: scenario\nversion: 1\nname: s\nmodel: m.yaml\nleak: { credential: gh-pat-dana }\n',
    );
    const r = await run(['simulate', 's.yaml', '-o', 'm.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output m.yaml would overwrite m.yaml, which this command reads');
  });
});

describe('modes', () => {
  it('a 0600 model written with --write --force, and a copy written beside it, stay 0600', async () => {
    const dir = workspace();
    chmodSync(join(dir, 'm.yaml'), 0o600);
    expect((await run(['recommend', 'm.yaml', '--write', 'copy.yaml'], { cwd: dir })).code).toBe(0);
    expect((await run(['recommend', 'm.yaml', '--write', 'm.yaml', '--force'], { cwd: dir })).code).toBe(0);
    expect(statSync(join(dir, 'copy.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'm.yaml')).mode & 0o777).toBe(0o600);
  });
});

describe('line endings', () => {
  const TEXT = '# A model.\nversion: 1\ncredentials:\n  # The token.\n  - id: tok\n    ttl: never   # nobody set one\n';
  it.each([
    ['CRLF', '\r\n'],
    ['CR alone', '\r'],
  ])('a %s file is patched with its comments and its own line breaks', async (_name, eol) => {
    const out = patchText(TEXT.replace(/\n/g, eol), [{ op: 'replace', path: '/credentials/0/ttl', value: '1h' }]);
    expect(out).toBe(TEXT.replace('ttl: never', 'ttl: 1h   ').replace(/\n/g, eol));
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR alone', '\r'],
  ])(
    'recommend --write on a %s model keeps its comments and line breaks (CR alone was an internal error)',
    async (_name, eol) => {
      const dir = workspace();
      const lf = readFileSync(join(dir, 'm.yaml'), 'utf8');
      writeFileSync(join(dir, 'm.yaml'), lf.replace(/\n/g, eol));
      const r = await run(['recommend', 'm.yaml', '--write', 'out.yaml'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('(comments and layout kept)');
      const out = readFileSync(join(dir, 'out.yaml'), 'utf8');
      // Every line break is the file's own, and every comment line of the model is still there.
      expect(out.replace(/\r\n|\r|\n/g, '')).toBe(out.split(eol).join(''));
      const comments = lf.split('\n').filter((l) => l.trim().startsWith('#'));
      const kept = out.split(eol).map((l) => l.trim());
      for (const c of comments) expect(kept).toContain(c.trim());
      expect((await run(['validate', 'out.yaml'], { cwd: dir })).code).toBe(0);
    },
  );
});
