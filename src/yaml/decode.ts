import type { Diagnostic } from './diagnostic.js';
import { LIMITS, LIMIT_MESSAGES } from './limits.js';

export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns raw bytes into YAML text, refusing what is not UTF-8 text: UTF-16 and
 * UTF-32 are named as such (with how to convert them); otherwise a NUL byte or
 * invalid UTF-8 means a binary file, and parsing it would only produce noise.
 */
export function decodeSource(file: string, bytes: Uint8Array, maxBytes: number = LIMITS.sourceBytes): Decoded {
  if (bytes.byteLength > maxBytes) return refuse(file, 1, 1, LIMIT_MESSAGES.tooLarge(bytes.byteLength, maxBytes));
  const wide = wideEncoding(bytes);
  if (wide !== undefined) return refuse(file, 1, 1, wide);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return refuse(file, ...lineColumnOfByte(bytes, nul), LIMIT_MESSAGES.nul(nul));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return refuse(file, ...lineColumnOfByte(bytes, bad), LIMIT_MESSAGES.invalidUtf8(bad));
  }
  return { ok: true, text };
}

/** The message for UTF-16 or UTF-32 text (by its byte order mark, or by NULs beside ASCII), else undefined. */
function wideEncoding(b: Uint8Array): string | undefined {
  if (
    b.length >= 4 &&
    ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) ||
      (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))
  )
    return LIMIT_MESSAGES.utf32();
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return LIMIT_MESSAGES.utf16('little-endian', true);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return LIMIT_MESSAGES.utf16('big-endian', true);
  // Without a mark: ASCII text in UTF-16 has a NUL beside every character.
  if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0)
    return LIMIT_MESSAGES.utf16('little-endian', false);
  if (b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0)
    return LIMIT_MESSAGES.utf16('big-endian', false);
  return undefined;
}

function refuse(file: string, line: number, column: number, message: string): Decoded {
  return { ok: false, diagnostic: { file, line, column, message } };
}

function lineColumnOfByte(bytes: Uint8Array, offset: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return [line, offset - start + 1];
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
