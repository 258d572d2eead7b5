import { describe, expect, it } from 'vitest';
import { columns, cut, fit, pack, pad, wrap } from '../../src/reports/layout.js';
import { flowItems, wrapLine } from '../../src/tui/format.js';

// Widths by hand: an ASCII letter is 1 column; a CJK ideograph (東, 京) and an
// emoji (🔑) are 2; a combining acute accent (U+0301) is 0.
describe('text layout in terminal columns', () => {
  it('measures wide and zero-width characters', () => {
    expect(columns('abc')).toBe(3);
    expect(columns('東京')).toBe(4);
    expect(columns('🔑 key')).toBe(6); // 2 + 1 + 3
    expect(columns('e\u0301')).toBe(1);
  });

  it('pads to the same column whatever the script', () => {
    // '東京' is 4 columns: 6 spaces make 10; 'tokyo' is 5: 5 spaces make 10.
    expect(pad('東京', 10)).toBe('東京      ');
    expect(pad('tokyo', 10)).toBe('tokyo     ');
    expect(pad('東京', 6, true)).toBe('  東京');
    expect(pad('longer than', 4)).toBe('longer than');
  });

  it('cuts at a whole character and never exceeds the width', () => {
    // 5 columns wanted: '…' takes 1, leaving 4: '東京' (4) fits, '都' would make 6.
    expect(fit('東京都庁', 5)).toBe('東京…');
    // 4 columns: 3 left for text: '東' (2) fits, '京' would make 4; one space pads to 4.
    expect(fit('東京都庁', 4)).toBe('東… ');
    expect(columns(fit('東京都庁', 4))).toBe(4);
    expect(cut('東京都庁', 4)).toBe('東…');
    // a combining accent stays with its letter
    expect(fit('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(fit('🔑🔑🔑', 4)).toBe('🔑… ');
    expect(fit('abc', 0)).toBe('');
  });

  it('wraps words by their columns, with a first and a following prefix', () => {
    // width 10: '- ' (2) + '東京' (4) = 6; + ' ' + '大阪' would be 11 > 10: new line.
    expect(wrap('東京 大阪 ab', 10, '- ', '  ')).toEqual(['- 東京', '  大阪 ab']);
    // by .length '- 東京 大阪' is 7 and would have stayed on one line
    expect(pack(['ab', 'cd', 'ef'], 6, '  ')).toEqual(['ab  cd', 'ef']);
  });

  it('lays the TUI out in columns too', () => {
    // 8 columns: '東京 大阪' is 9: the second word moves to a line indented by 2.
    expect(wrapLine('東京 大阪', 8)).toEqual(['東京', '  大阪']);
    // items 4 columns each, two spaces between: 4 + 2 + 4 = 10 fits 10, a third does not.
    expect(flowItems(['東京', '大阪', '京都'], 10)).toEqual(['東京  大阪', '京都']);
  });
});
