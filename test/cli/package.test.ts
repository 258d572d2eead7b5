/**
 * What `npm pack` ships: the built command line, the examples and the docs with the licence; no
 * source maps, bench or capture scripts; js-yaml bundled as patched here (an install from the
 * tarball runs no install script, so it could not apply the patch itself). Listed without
 * building (`--dry-run --ignore-scripts`): `npm test` has built dist/ already.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Packed {
  readonly files: readonly { path: string }[];
  readonly bundled: readonly string[];
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const listing = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
const packed = JSON.parse(listing.stdout || '[{"files":[],"bundled":[]}]')[0] as Packed;
const paths = packed.files.map((f) => f.path);
const own = paths.filter((p) => !p.startsWith('node_modules/'));

describe('the package', () => {
  it('holds the built command line, the examples, the docs and the licence', () => {
    expect(listing.status, listing.stderr).toBe(0);
    for (const file of [
      'package.json',
      'LICENSE',
      'README.md',
      'bin/leakradius.js',
      'dist/cli/main.js',
      'dist/model/model-validator.js',
      'models/coding-agent.yaml',
      'scenarios/coding-agent-pat-in-prompt.yaml',
      'docs/ci.md',
    ])
      expect(paths).toContain(file);
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
  });

  it('leaves out the sources, source maps, the bench and the capture scripts', () => {
    expect(own.filter((p) => /\.map$|\.tsbuildinfo$|^src\/|^test\/|^patches\/|bench|capture/.test(p))).toEqual([]);
  });

  it('runs nothing when installed, and brings the patched js-yaml with it', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(scripts[hook], hook).toBeUndefined();
    expect(packed.bundled).toContain('js-yaml');
    expect(paths).toContain('node_modules/js-yaml/dist/js-yaml.mjs');
    // the copy that is packed is the patched one: it accepts an event sink
    expect(readFileSync('node_modules/js-yaml/dist/js-yaml.mjs', 'utf8')).toContain('events.typeAt(index)');
  });
});
