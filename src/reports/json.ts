/**
 * Every JSON report leakradius writes (check, SARIF, simulate, recommend,
 * delegation, graph, validate, rules): pretty-printed, with a final newline.
 * Strings keep their value but for what no reader should get raw: control,
 * bidirectional and invisible characters and lone surrogates are shown as
 * escapes, as the text reports show them. `##[` is written `#\u0023[`, the
 * same value, so a CI log that prints the report never runs it as a command.
 */
import { visibleText } from './terminal.js';

export function jsonReport(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? visibleText(v) : v), 2);
  return `${text.replace(/##\[/g, '#\\u0023[')}\n`;
}
