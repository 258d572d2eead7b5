/** Every string from a model file reaches a terminal through `quote`: it must neutralise what a terminal would act on. */
import { describe, expect, it } from 'vitest';
import { quote } from '../../src/model/messages.js';

describe('quote', () => {
  it('wraps a plain id in double quotes and nothing else', () => {
    expect(quote('gh-pat-dana')).toBe('"gh-pat-dana"');
    expect(quote('')).toBe('""');
  });

  it('escapes quotes, backslashes, control characters and bidirectional overrides', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\b')).toBe('"a\\\\b"');
    expect(quote('x\u001b[31my')).toBe('"x\\u001b[31my"');
    expect(quote('tab\there')).toBe('"tab\\there"');
    expect(quote('del\u007f')).toBe('"del\\u007f"');
    expect(quote('evil\u202etxt')).toBe('"evil\\u202etxt"');
    expect(quote('csi\u009bz')).toBe('"csi\\u009bz"');
  });

  it('keeps printable non-ASCII text as it is', () => {
    expect(quote('équipe')).toBe('"équipe"');
  });

  it('cuts long values at 80 characters, or at the limit given', () => {
    expect(quote('a'.repeat(81))).toBe(`"${'a'.repeat(80)}…"`);
    expect(quote('a'.repeat(80))).toBe(`"${'a'.repeat(80)}"`);
    expect(quote('abcdef', 3)).toBe('"abc…"');
  });
});
