/**
 * The one YAML emitter writes what a configuration or a model holds without
 * letting it act on the reader: a model written to stdout (`import`,
 * `recommend`) lands in terminals and CI logs. Whatever the strings, no line
 * starts (after blanks) with `::`, no control, bidirectional or zero-width
 * character is written raw, and the text reads back as the same value.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpYaml } from '../../src/yaml/emit.js';
import { cli } from '../helpers/cli.js';

/** Characters a reader acts on: C0 and C1 controls, line and paragraph separators, bidi and zero-width marks. */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const commandLines = (text: string) => text.split('\n').filter((l) => /^\s*::/.test(l));

/** Strings built from the pieces that break readers, and plain words and blanks. */
const hostile = fc
  .array(
    fc.constantFrom(
      '::error::x',
      '::add-mask::',
      '::',
      ' ',
      '\n',
      '\r',
      '\t',
      'word',
      'a'.repeat(70),
      '\u001b[31m',
      '\u0007',
      '\u0085',
      '\u009b',
      '\u2028',
      '\u202e',
      '\u2066',
      '\u200b',
      '\ufeff',
      '#',
      ': ',
      '- ',
      '"',
      "'",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('the YAML emitter', () => {
  it('writes no workflow command and no raw control or invisible character, and reads back the same', () => {
    fc.assert(
      fc.property(hostile, hostile, (key, value) => {
        const doc = { agents: [{ id: 'a', name: value, nested: { [key]: [value, { x: value }] } }] };
        for (const lineWidth of [120, -1]) {
          const text = dumpYaml(doc, { noRefs: true, lineWidth });
          expect(commandLines(text)).toEqual([]);
          expect(RAW.test(text)).toBe(false);
          expect(load(text)).toEqual(doc);
        }
      }),
      { numRuns: 500, seed: 18 },
    );
  });

  it('leaves a string with nothing hazardous as js-yaml writes it', () => {
    expect(dumpYaml({ name: 'coding agent', note: 'two\nlines' })).toBe(
      'name: coding agent\nnote: |-\n  two\n  lines\n',
    );
  });
});

describe('import writes a hostile configuration as inert text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leakradius-emit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps server names with workflow commands, escapes and bidi characters off the CI log', () => {
    mkdirSync(join(dir, '.git'));
    // JSON escapes: the names hold ESC, BEL, RLO, LS, NEL and a line that starts with `::`.
    writeFileSync(
      join(dir, '.mcp.json'),
      `{ "mcpServers": {
  "gh\\u001b[31m\\u0007\\u202eevil\\u2028\\u0085": { "command": "npx", "env": { "GITHUB_TOKEN": "\${GH}" } },
  "\\n::error title=Injected::All checks passed": { "command": "node", "env": { "OPENAI_API_KEY": "\${OPENAI}" } }
} }
`,
    );
    const r = cli(['import', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Injected');
    expect(commandLines(r.stdout)).toEqual([]);
    expect(commandLines(r.stderr)).toEqual([]);
    expect(RAW.test(r.stdout + r.stderr)).toBe(false);
    const model = load(r.stdout) as { tools: { name: string }[] };
    expect(model.tools.map((t) => t.name)).toContain('\n::error title=Injected::All checks passed');
  });
});
