/** Reports written with --output replace a file atomically, but never a device, a pipe or a link. */
import { lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existingTarget, writeFileAtomic } from '../../src/cli/io.js';

describe('writeFileAtomic', () => {
  it('creates and replaces a regular file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakradius-write-'));
    const file = join(dir, 'report.txt');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
  });

  it('writes through a symbolic link instead of replacing the link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakradius-write-'));
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    writeFileAtomic(join(dir, 'link.txt'), 'new');
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe('new');
  });

  it('finds what a path names, and tells a device from a regular file', () => {
    // Checked without writing: a regression here must not replace a device of the machine running the tests.
    const target = existingTarget('/dev/null');
    expect(target).toBe('/dev/null');
    expect(statSync(target!).isFile()).toBe(false);
    expect(existingTarget(join(tmpdir(), 'leakradius-no-such-file'))).toBeUndefined();
  });
});
