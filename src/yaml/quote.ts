import { LIMITS } from './limits.js';

/** Printable ASCII other than the quote and the backslash. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** `"gh-pat"`, with control characters escaped and long values cut, safe in any message. */
export function quote(text: string, max: number = LIMITS.quoted): string {
  // Most ids are plain printable ASCII: nothing to escape (findings quote hundreds of thousands).
  if (text.length <= max && PLAIN.test(text)) return `"${text}"`;
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
