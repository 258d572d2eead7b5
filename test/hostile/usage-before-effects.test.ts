/** A usage mistake is found before any command runs: nothing is written, no internal error. */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'leakradius-usage-'));
copyFileSync(resolve('models/coding-agent.yaml'), join(dir, 'in.yaml'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('argument validation finishes before a handler runs', () => {
  it.each([
    [['recommend', 'in.yaml', '--write', 'side.yaml', '--frce'], 'Unknown argument: frce'],
    [['check', 'in.yaml', '--format', 'sarf', '-o', 'r.sarif'], 'Given: "sarf"'],
    [['policy', 'init', 'f.yaml', '--bogus'], 'Unknown argument: bogus'],
    [['graph', 'in.yaml', '--format', 'x', '-o', 'g.json'], 'Given: "x"'],
    [['simulate', 'in.yaml', '--leak', 'gh-pat-dana', '--format', 'yaml', '-o', 's.txt'], 'Given: "yaml"'],
  ])('%j writes nothing and exits 2', async (args, message) => {
    const result = await run(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['in.yaml']);
  });

  it('keeps the lines of a multi-line usage message instead of escaping the newline', async () => {
    const result = await run(['graph', 'in.yaml', '--format', 'x'], { cwd: dir });
    expect(result.stderr).toContain('Invalid values:\n  Argument: format');
    expect(existsSync(join(dir, 'g.json'))).toBe(false);
  });
});
