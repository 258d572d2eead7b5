/**
 * No secret value from a configuration ever reaches an output: not the model `import` writes, not
 * its report, not `check` in any format, not `validate`, `simulate`, `graph` or `recommend` on the
 * imported model, not an error message. Every fixture's fake secret (they all contain FAKE) is
 * looked for in everything every command prints or writes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { run, scratch } from '../helpers/run.js';

const ROOT = 'test/fixtures/import';
const work = scratch({}, 'leakradius-import-secrets-');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every fake secret in the fixtures, and its last 16 characters (a value cut short must not show either). */
const SECRETS = [
  ...new Set(
    filesUnder(ROOT)
      .filter((f) => !f.endsWith('deep.json'))
      .flatMap((f) => readFileSync(f, 'utf8').match(/[A-Za-z0-9_-]*FAKE[A-Za-z0-9_-]*/g) ?? []),
  ),
];
const NEEDLES = SECRETS.flatMap((s) => [s, s.slice(-16)]);

function expectNoSecret(what: string, ...texts: string[]): void {
  for (const text of texts)
    for (const needle of NEEDLES) expect(text.includes(needle), `${what} shows ${needle}`).toBe(false);
}

function output(r: CliResult): string {
  return `${r.stdout}\n${r.stderr}`;
}

describe('secrets are never copied', () => {
  it('the fixtures hold fake secrets to look for', async () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(11);
  });

  const model = join(work, 'imported.yaml');

  it('import: the model, its report (text and JSON) and its errors', async () => {
    const text = await run(['import', ROOT, '--out', model]);
    expect(text.code).toBe(2); // the bad fixtures: reported, the rest imported
    expect(text.stderr).toMatch(/bad\/\.cursor\/mcp\.json:7:3: JSON syntax/);
    expectNoSecret('import', output(text), readFileSync(model, 'utf8'));
    const json = await run(['import', ROOT, '--format', 'json']);
    expectNoSecret('import --format json', output(json));
    expect((await run(['validate', model])).code).toBe(0);
  }, 120_000);

  it('check on the configurations directly, in every format', async () => {
    const inputs = readdirSync(ROOT)
      .filter((d) => d !== 'bad')
      .map((d) => join(ROOT, d));
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'github']) {
      const r = await run(['check', ...inputs, '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(1);
      expectNoSecret(`check --format ${format}`, output(r));
    }
  }, 240_000);

  it('validate, simulate, graph and recommend on the imported model', async () => {
    await run(['import', ROOT, '--out', model]);
    expectNoSecret('validate', output(await run(['validate', model, '--format', 'json'])));
    const literal = [...readFileSync(model, 'utf8').matchAll(/- id: (\S+)\n(?:(?!- id:)[\s\S])*?literal: true/g)].map(
      (m) => m[1],
    );
    expect(literal.length).toBeGreaterThanOrEqual(8);
    for (const id of literal) {
      for (const format of ['text', 'json'])
        expectNoSecret(`simulate ${id}`, output(await run(['simulate', model, '--leak', id, '--format', format])));
    }
    for (const format of ['mermaid', 'dot', 'json'])
      expectNoSecret(`graph ${format}`, output(await run(['graph', model, '--format', format])));
    expectNoSecret('recommend', output(await run(['recommend', model, '--format', 'json'])));
  }, 300_000);
});
