/**
 * The one YAML emitter: js-yaml's `dump`, with every string that could act on
 * whoever reads the text written in double quotes with escapes. A model
 * written to stdout may land in a terminal or a CI log: a line starting (after
 * blanks) with `::` is a GitHub workflow command, and bidirectional or
 * zero-width characters make text read differently from what it holds. The
 * document read back is the same value.
 */
import { DEFAULT_SCALAR_STYLE_RULES, SCALAR_STYLE, dump, type DumpOptions, type ScalarLayout } from 'js-yaml';

/** Characters that reorder or hide text: written as `\uXXXX`, which only a double-quoted scalar can hold. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/**
 * What makes a string hazardous anywhere but in double quotes: `::` that a line
 * break or a fold at a blank could put at the start of a line, control
 * characters other than tab and line feed, and the invisible characters.
 */
const HAZARD = /(?:^|\s)::|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** Applied after js-yaml's own rules: a double-quoted scalar stays on one line, with escapes. */
function doubleQuoteHazards(layout: ScalarLayout): void {
  if (HAZARD.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}

const RULES = [...Object.values(DEFAULT_SCALAR_STYLE_RULES), doubleQuoteHazards];

/** `value` as YAML text, safe to show on a terminal or in a CI log. */
export function dumpYaml(value: unknown, options: Omit<DumpOptions, 'scalarStyleRules'> = {}): string {
  const text = dump(value, { ...options, scalarStyleRules: RULES });
  // Every invisible character now sits inside a double-quoted scalar, where an escape means it.
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
