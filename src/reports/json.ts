/**
 * Every JSON report leakradius writes (check, SARIF, simulate, recommend,
 * delegation, graph, validate, rules): pretty-printed unless `compact` (what
 * only a machine reads and may be tens of megabytes), with a final newline.
 * What no reader should get raw is shown as an escape, as the text reports
 * show it: control, bidirectional and invisible characters, noncharacters
 * and lone surrogates (the value then holds `\u202e` as text). `##[` is
 * written `#\u0023[`, the same value, so a CI log that prints the report
 * never runs it as a command. Done on the serialised text in one pass: a
 * report of 140,000 credentials pays no function call per string.
 */
const UNSAFE_IN_JSON =
  /\\\\|\\u(00[01][0-9a-f]|d[89a-f][0-9a-f]{2})|\\[bfr]|[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|##\[/g;

const SHORT: Record<string, string> = { '\\b': '08', '\\f': '0c', '\\r': '0d' };

function visible(match: string, escaped: string | undefined): string {
  if (match === '\\\\') return match; // an escaped backslash: a character of the value, left alone
  if (match === '##[') return '#\\u0023[';
  if (escaped !== undefined) return escaped.startsWith('00') ? `\\\\x${escaped.slice(2)}` : `\\\\u${escaped}`; // a control; a lone surrogate
  if (match in SHORT) return `\\\\x${SHORT[match]}`;
  const code = match.charCodeAt(0);
  return code <= 0xff ? `\\\\x${code.toString(16)}` : `\\\\u${code.toString(16).padStart(4, '0')}`;
}

/** Whether there may be anything to escape (an escaped backslash before `u00` can make it say yes needlessly). */
const MAYBE_UNSAFE =
  /\\u(00[01]|d[89a-f])|\\[bfr]|[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|##\[/;

export function jsonReport(value: unknown, options: { compact?: boolean } = {}): string {
  const text = options.compact ? JSON.stringify(value) : JSON.stringify(value, null, 2);
  // Most reports hold nothing to escape: no second copy of a large one.
  return `${MAYBE_UNSAFE.test(text) ? text.replace(UNSAFE_IN_JSON, visible) : text}\n`;
}
