/**
 * What leakradius reads: only regular files, never more than the limit; a
 * scenario's model only inside the scenario's repository; and nothing of a
 * file that is not a model, policy or scenario is ever quoted back.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/cli/io.js';
import { run } from '../helpers/run.js';

const top = mkdtempSync(join(tmpdir(), 'leakradius-read-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

const SECRET = 'npm_SECRETSECRETSECRET0123456789';
// Outside the repository: a token file, and a shadow-like file whose lines YAML reads as keys.
writeFileSync(join(top, '.npmrc'), `//registry.npmjs.org/:_authToken=${SECRET}\n`);
writeFileSync(join(top, 'shadow'), `root:$6$${SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`);
const repo = join(top, 'repo');
mkdirSync(join(repo, '.git'), { recursive: true });
mkdirSync(join(repo, 'scenarios'));
mkdirSync(join(repo, 'models'));
writeFileSync(join(repo, 'models', 'm.yaml'), 'version: 1\ncredentials: [{ id: a, ttl: 1h }]\n');
const scenario = (model: string) =>
  `kind: scenario\nversion: 1\nname: leak\nmodel: ${model}\nleak: { credential: a }\n`;

describe('reading only regular files, never past the limit', () => {
  it.each([
    ['/dev/zero', 'is a device, not a regular file'],
    ['/dev/urandom', 'is a device, not a regular file'],
  ])('%s is refused at once, unread', async (file, message) => {
    const r = readSource(file);
    expect(r).toEqual({
      ok: false,
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          message: `${message}; leakradius reads models, scenarios and policies only from regular files`,
        },
      ],
    });
  });

  it.skipIf(process.platform === 'win32')('a named pipe is refused without waiting for a writer', async () => {
    const fifo = join(top, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = readSource(fifo);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0].message).toMatch(/^is a named pipe, not a regular file/);
  });

  it('a model given as a link to /dev/zero, in check and as a scenario model, exits 2 at once', async () => {
    symlinkSync('/dev/zero', join(top, 'zero.yaml'));
    const r = await run(['check', join(top, 'zero.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a device, not a regular file');
    writeFileSync(join(top, 's.yaml'), scenario('/dev/zero'));
    const s = await run(['simulate', join(top, 's.yaml'), '--allow-model-outside']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('/dev/zero:1:1: is a device, not a regular file');
  });

  it('a file that claims size 0 (/proc) is read up to the limit and no further', async () => {
    const r = readSource('/proc/self/status', 10);
    expect(!r.ok && r.diagnostics[0].message).toMatch(/above the 10 bytes limit for an input file$/);
  });
});

describe("a scenario's model", () => {
  it('outside the repository is refused at the `model` field, unread', async () => {
    writeFileSync(join(repo, 'scenarios', 'npmrc.yaml'), scenario('../../.npmrc'));
    for (const command of ['simulate', 'validate']) {
      const r = await run([command, 'scenarios/npmrc.yaml'], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `scenarios/npmrc.yaml:4:8: model: "../../.npmrc" is outside the scenario's repository (${resolve(repo)}); a scenario reads only a model inside it (pass --allow-model-outside to read it anyway)`,
      );
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });

  it('read anyway when the user says so, the file is described and never quoted', async () => {
    const r = await run(['simulate', 'scenarios/npmrc.yaml', '--allow-model-outside'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${join(top, '.npmrc')}:1:1: the file is not a mapping: expected a model mapping starting with \`version: 1\`, found a string\n`,
    );
  });

  it('inside the repository, one folder up, is read as before', async () => {
    writeFileSync(join(repo, 'scenarios', 'ok.yaml'), scenario('../models/m.yaml'));
    expect((await run(['validate', 'scenarios/ok.yaml'], { cwd: repo })).code).toBe(0);
  });
});

describe('a file that is not a model, policy or scenario', () => {
  it('given as --policy through a link from the repository, is not followed', async () => {
    symlinkSync(join(top, 'shadow'), join(repo, 'leakradius-policy.yaml'));
    const r = await run(['check', 'models/m.yaml', '--policy', 'leakradius-policy.yaml'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'leakradius-policy.yaml:1:1: is reached through a symbolic link that leaves the repository; leakradius does not follow such links (a pull request can plant them)\n',
    );
  });

  it('named directly, is described by what it is not, not by what it holds', async () => {
    const policy = await run(['check', join(repo, 'models/m.yaml'), '--policy', join(top, 'shadow')]);
    expect(policy.stderr).toBe(
      `${join(top, 'shadow')}:1:1: the file is not a leakradius policy: none of its 2 top-level key(s) is a policy field (a policy starts with \`kind: policy\`)\n`,
    );
    const model = await run(['validate', join(top, 'shadow')]);
    expect(model.stderr).toContain(
      'the file is not a leakradius model: none of its 2 top-level key(s) is a model field',
    );
    for (const r of [policy, model]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
