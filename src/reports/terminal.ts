/**
 * Text that reaches a terminal. Strings from model files are untrusted: an
 * escape sequence in a name could rewrite the screen or the window title, so
 * every control character is shown as a visible escape instead of being sent.
 */

// C0 controls (but tab and newline), DEL, C1 controls, the bidirectional and zero-width characters
// that can make text read differently from what it is, the noncharacters U+FFFE and U+FFFF (which
// XML cannot carry), and lone surrogates (half a character: no encoding can write them).
const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const INVISIBLE_INLINE =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * GitHub Actions runs `::command::` at the start of a line (after spaces) and
 * `##[command]` anywhere in one, in everything a step prints. leakradius never
 * prints either itself, so where they come from a model they are defused: the
 * first character of each is shown as an escape.
 */
const WORKFLOW_COMMAND = /(^|\s)::|##\[/g;

/** Printable ASCII with no colon or hash: nothing to escape (most names and ids). */
const PLAIN = /^[\x20-\x22\x24-\x39\x3b-\x7e]*$/;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function defuse(match: string, space: string | undefined): string {
  return match === '##[' ? '#\\x23[' : `${space ?? ''}\\x3a:`;
}

/** Neutralises control and invisible characters, keeping newlines and tabs: for JSON values and labels of other formats. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escape);
}

/** Neutralises control characters and workflow commands; keeps newlines and tabs. */
export function safeText(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.replace(INVISIBLE, escape).replace(WORKFLOW_COMMAND, defuse);
}

/** Neutralises control characters, newlines and tabs included, and workflow commands: for one-line fields such as names. */
export function safeInline(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.replace(INVISIBLE_INLINE, escape).replace(WORKFLOW_COMMAND, defuse);
}

export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const wrap = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** ANSI styling, or none: meaning is always carried by the text as well. */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    yellow: wrap(enabled, 33, 39),
    green: wrap(enabled, 32, 39),
    cyan: wrap(enabled, 36, 39),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorWanted(isTty: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTty && env.TERM !== 'dumb';
}
