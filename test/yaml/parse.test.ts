/**
 * The loader keeps the parser's events compactly and builds plain documents
 * from them itself: it must give exactly what js-yaml gives, and the compact
 * events written by the (patched) parser must equal js-yaml's own events.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { load, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CompactEvents, parseCompact } from '../../src/yaml/events.js';
import { parseYaml } from '../../src/yaml/parse.js';

const MODELS = join(import.meta.dirname, '..', '..', 'models');

function fromArray(text: string): CompactEvents {
  const events = new CompactEvents();
  for (const event of parseEvents(text, { filename: 'x.yaml' })) events.push(event);
  return events.seal();
}

function columns(events: CompactEvents) {
  return {
    type: [...events.type.subarray(0, events.length)],
    start: [...events.start.subarray(0, events.length)],
    stop: [...events.stop.subarray(0, events.length)],
    fast: [...events.fast.subarray(0, events.length)],
    details: events.details.length,
  };
}

/** Scalars of every style, keys that clash once resolved, collections in block and flow style. */
const scalar = fc.oneof(
  fc.constantFrom('1', '0x1', '1.0', 'true', 'True', 'null', '~', '', '.inf', 'x', 'a b', '-', 'on'),
  fc.constantFrom('"1"', "'x'", '"a\\"b"', "'it''s'", '"\\u00e9"', '""', "''"),
  fc.stringMatching(/^[a-z][a-z0-9 ._-]{0,8}$/),
);

function block(depth: number): fc.Arbitrary<string> {
  if (depth === 0) return scalar;
  const child = block(depth - 1);
  const indent = (text: string) => text.replace(/\n/g, '\n  ');
  return fc.oneof(
    scalar,
    fc
      .array(fc.tuple(scalar, child), { maxLength: 4 })
      .map((pairs) => (pairs.length === 0 ? '{}' : '\n' + pairs.map(([k, v]) => `${k}: ${indent(v)}`).join('\n'))),
    fc
      .array(child, { maxLength: 4 })
      .map((items) => (items.length === 0 ? '[]' : '\n' + items.map((v) => `- ${indent(v)}`).join('\n'))),
    fc
      .array(fc.tuple(scalar, scalar), { maxLength: 3 })
      .map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.constantFrom('|\n  literal\n  text', '>-\n  folded\n  text', 'plain\n  continued'),
  );
}

const document = fc
  .array(fc.tuple(scalar, block(3)), { minLength: 1, maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}: ${v.replace(/\n/g, '\n  ')}`).join('\n') + '\n');

describe('the streaming loader', () => {
  it('builds what js-yaml builds, and refuses what it refuses, at the same place', () => {
    fc.assert(
      fc.property(document, (text) => {
        const parsed = parseYaml('x.yaml', text);
        let expected: unknown;
        try {
          expected = load(text);
        } catch (error) {
          // js-yaml refuses it: so does the loader (its own refusals, duplicate keys, come first).
          expect(parsed.ok).toBe(false);
          const reason = (error as { reason: string }).reason;
          if (!parsed.ok && parsed.diagnostics[0].message.startsWith('YAML syntax'))
            expect(parsed.diagnostics[0].message).toBe(`YAML syntax: ${reason}`);
          return;
        }
        if (parsed.ok) expect(parsed.document.value).toStrictEqual(expected);
        else expect(parsed.diagnostics.map((d) => d.message).join('\n')).toMatch(/duplicate key|__proto__/);
      }),
      { numRuns: 400 },
    );
  });

  it('the compact events the parser writes equal js-yaml own events, on every bundled model', () => {
    for (const name of readdirSync(MODELS).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(MODELS, name), 'utf8');
      const written = parseCompact(text, { filename: name, maxDepth: 64 });
      // Without the patch the parser returns its own array, and the loader still works, slower.
      expect(written.array).toBeUndefined();
      expect(columns(written.events)).toEqual(columns(fromArray(text)));
    }
  });

  it('the compact events equal js-yaml own events on random documents (backtracking, flow pairs)', () => {
    fc.assert(
      fc.property(document, (text) => {
        let array: CompactEvents;
        try {
          array = fromArray(text);
        } catch {
          return;
        }
        expect(columns(parseCompact(text, { filename: 'x.yaml', maxDepth: 64 }).events)).toEqual(columns(array));
      }),
      { numRuns: 200 },
    );
  });

  it('a key that repeats once resolved is refused where js-yaml refuses it', () => {
    // 0x1 and 1 are both the number 1, so the same key once resolved: js-yaml points at the second key.
    const parsed = parseYaml('x.yaml', 'a: 1\n0x1: a\n1: b\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.diagnostics).toEqual([
        { file: 'x.yaml', line: 3, column: 1, message: 'YAML syntax: duplicated mapping key' },
      ]);
  });

  it('documents with anchors, aliases or tags are built by js-yaml, the same as before', () => {
    const parsed = parseYaml('x.yaml', 'a: &x [1, "2"]\nb: *x\nc: !!str 3\n');
    expect(parsed.ok && parsed.document.value).toStrictEqual({ a: [1, '2'], b: [1, '2'], c: '3' });
    if (parsed.ok) expect(parsed.document.sourceMap.locate(['b'])).toEqual({ line: 2, column: 4 });
  });
});
