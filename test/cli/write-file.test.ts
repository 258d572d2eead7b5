/**
 * Every output goes through one writer: atomic, through a temporary file no
 * one can plant a link at, keeping the mode of what it replaces, never over an
 * input or twice over one file, and never over an edit made while it ran.
 */
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Outputs, existingTarget } from '../../src/cli/io.js';

const root = mkdtempSync(join(tmpdir(), 'leakradius-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => mkdtempSync(join(root, `${n++}-`));

function write(file: string, text: string, inputs: string[] = [], options = {}): void {
  const outputs = new Outputs(inputs);
  outputs.claim(file, '--output');
  outputs.write(file, text, options);
}

describe('the one writer', () => {
  it('creates and replaces a regular file, leaving no temporary file behind', () => {
    const dir = folder();
    const file = join(dir, 'report.txt');
    write(file, 'one');
    write(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('writes through a symbolic link instead of replacing the link (outside a repository)', () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    write(join(dir, 'link.txt'), 'new');
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

  it('cannot be redirected by a link planted where the temporary file used to be (time and process id)', () => {
    const dir = folder();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    // The former name was `.<Date.now()>-<pid>.leakradius.tmp`: plant every one of the next 3 seconds.
    const now = Date.now();
    for (let t = now; t < now + 3000; t++) symlinkSync(victim, join(dir, `.${t}-${process.pid}.leakradius.tmp`));
    write(join(dir, 'report.txt'), 'report');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('report');
  });

  it('keeps the mode of the file it replaces, and gives a copy the mode of its model', () => {
    const dir = folder();
    const model = join(dir, 'm.yaml');
    writeFileSync(model, 'version: 1\n');
    chmodSync(model, 0o600);
    write(model, 'version: 1\nname: x\n', [], {});
    expect(statSync(model).mode & 0o777).toBe(0o600);
    const copy = join(dir, 'copy.yaml');
    write(copy, 'version: 1\n', [model], { modeFrom: model });
    expect(statSync(copy).mode & 0o777).toBe(0o600);
  });

  it('refuses an input, and one file named by two outputs', () => {
    const dir = folder();
    const input = join(dir, 'm.yaml');
    writeFileSync(input, 'version: 1\n');
    const outputs = new Outputs([input]);
    expect(() => outputs.claim(join(dir, '.', 'm.yaml'), '--output')).toThrow(
      /would overwrite .*m\.yaml, which this command reads/,
    );
    outputs.claim(join(dir, 'x.yaml'), '--write');
    expect(() => outputs.claim(join(dir, 'x.yaml'), '--output')).toThrow(
      /--write .* and --output .* name the same file/,
    );
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it('refuses to replace a file edited after it was claimed, and keeps the edit', () => {
    const dir = folder();
    const model = join(dir, 'm.yaml');
    writeFileSync(model, 'version: 1\n');
    const outputs = new Outputs([model]);
    outputs.claim(model, '--write', { replaceInput: true });
    writeFileSync(model, 'version: 1\nname: edited meanwhile\n');
    expect(() => outputs.write(model, 'version: 1\nname: recommended\n')).toThrow(
      /changed on disk while leakradius ran/,
    );
    expect(readFileSync(model, 'utf8')).toBe('version: 1\nname: edited meanwhile\n');
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it('creates only where nothing is, when asked to', () => {
    const dir = folder();
    const file = join(dir, 'p.yaml');
    write(file, 'one', [], { createOnly: true });
    expect(() => write(file, 'two', [], { createOnly: true })).toThrow(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('one');
    expect(readdirSync(dir)).toEqual(['p.yaml']);
  });
});
