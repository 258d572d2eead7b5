import type { Diagnostic } from './diagnostic.js';

/** Model files larger than this are refused before parsing (a 10,000-agent model is about 9 MB). */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns raw bytes into YAML text, refusing what is not text: a NUL byte or
 * invalid UTF-8 means a binary file, and parsing it would only produce noise.
 */
export function decodeSource(file: string, bytes: Uint8Array, maxBytes = MAX_SOURCE_BYTES): Decoded {
  if (bytes.byteLength > maxBytes) return refuse(file, 1, 1, tooLarge(bytes.byteLength, maxBytes));
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return refuse(
      file,
      ...lineColumnOfByte(bytes, nul),
      `binary content (NUL byte at offset ${nul}); a model must be a UTF-8 YAML text file`,
    );
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return refuse(
      file,
      ...lineColumnOfByte(bytes, bad),
      `invalid UTF-8 at byte offset ${bad}; a model must be a UTF-8 YAML text file`,
    );
  }
  return { ok: true, text };
}

export function tooLarge(size: number, maxBytes: number): string {
  return `file is ${formatBytes(size)}, above the ${formatBytes(maxBytes)} limit for a model file`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
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
