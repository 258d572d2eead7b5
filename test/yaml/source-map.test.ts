/**
 * The source map finds a node by walking its path in the parser's events:
 * short mappings and lists are walked, long ones indexed, and keys are compared
 * with the source text unless they are written with escapes. Every place is
 * known from how the document below is written, line by line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/yaml/parse.js';

/** How a key named `k<n>` is written: plain, quoted, or with an escape the parser decodes. */
const STYLES = [
  (n: number) => `k${n}`,
  (n: number) => `"k${n}"`,
  (n: number) => `'k${n}'`,
  (n: number) => `"\\u006b${n}"`,
] as const;

/** Each entry: its key's style and how many items its list has (more than 16 of either is indexed). */
const layout = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 })), {
  minLength: 1,
  maxLength: 40,
  size: 'max',
});

/**
 * `k<i>:` at column 1, then its items one a line as `  - v<i>.<j>` (the item
 * at column 5); an empty list written `k<i>: []`.
 */
function write(entries: readonly (readonly [number, number])[]): { text: string; keyLine: number[] } {
  const lines: string[] = [];
  const keyLine: number[] = [];
  entries.forEach(([style, items], i) => {
    keyLine.push(lines.length + 1);
    if (items === 0) lines.push(`${STYLES[style](i)}: []`);
    else {
      lines.push(`${STYLES[style](i)}:`);
      for (let j = 0; j < items; j++) lines.push(`  - v${i}.${j}`);
    }
  });
  return { text: `${lines.join('\n')}\n`, keyLine };
}

describe('the source map', () => {
  it('locates every key and item of short and long mappings and lists, whatever the key style', () => {
    fc.assert(
      fc.property(layout, (entries) => {
        const { text, keyLine } = write(entries);
        const parsed = parseYaml('x.yaml', text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const map = parsed.document.sourceMap;
        // Asked from the last entry back, so a long mapping is indexed on a lookup past its first entries.
        for (let i = entries.length - 1; i >= 0; i--) {
          const items = entries[i][1];
          expect(map.locateKey([`k${i}`])).toEqual({ line: keyLine[i], column: 1 });
          for (let j = items - 1; j >= 0; j--) {
            expect(map.has([`k${i}`, j])).toBe(true);
            expect(map.locate([`k${i}`, j])).toEqual({ line: keyLine[i] + 1 + j, column: 5 });
          }
          expect(map.has([`k${i}`, items])).toBe(false);
          // A missing item is placed at its list: `[]` after `k<i>: `, else the first `-`.
          const list =
            items === 0
              ? { line: keyLine[i], column: text.split('\n')[keyLine[i] - 1].indexOf('[') + 1 }
              : { line: keyLine[i] + 1, column: 3 };
          expect(map.locate([`k${i}`, items])).toEqual(list);
        }
        expect(map.has([`k${entries.length}`])).toBe(false);
        expect(map.has(['k0', 'x'])).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
