/**
 * Text laid out in terminal columns, the one place that measures it: a CJK
 * character or an emoji takes two columns, a combining mark none, so a name
 * written in any script lines up with the rest. Widths come from
 * string-width, which the terminal renderer (Ink) measures with too.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter();

/** How many columns `text` takes on a terminal. */
export function columns(text: string): number {
  return stringWidth(text);
}

/** Cuts text (with `…`) or pads it with spaces to exactly `width` columns. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const used = columns(text);
  if (used <= width) return text + ' '.repeat(width - used);
  const kept = prefix(text, width - 1);
  return `${kept}…${' '.repeat(Math.max(0, width - 1 - columns(kept)))}`;
}

/** Cuts text to at most `width` columns (with `…`), without padding. */
export function cut(text: string, width: number): string {
  return fit(text, width).trimEnd();
}

/** Pads on the right (left with `alignRight`) to `width` columns; longer text is left as it is. */
export function pad(text: string, width: number, alignRight = false): string {
  const space = ' '.repeat(Math.max(0, width - columns(text)));
  return alignRight ? space + text : text + space;
}

/**
 * Lays `items` out left to right, `separator` between them, on lines at most
 * `width` columns wide: the first line starts with `first`, the others with
 * `rest`. An item too long for a line gets a line of its own.
 */
export function pack(items: readonly string[], width: number, separator: string, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let used = columns(first);
  let empty = true;
  const gap = columns(separator);
  for (const item of items) {
    const size = columns(item);
    if (!empty && used + gap + size > width) {
      lines.push(line);
      line = rest;
      used = columns(rest);
      empty = true;
    }
    line += empty ? item : separator + item;
    used += (empty ? 0 : gap) + size;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** Words of `text` on lines at most `width` columns wide, the first after `first`, the others after `rest`. */
export function wrap(text: string, width: number, first = '', rest = ' '.repeat(columns(first))): string[] {
  return pack(text.split(/\s+/).filter(Boolean), width, ' ', first, rest);
}

/** The longest start of `text`, in whole graphemes, that takes at most `width` columns. */
function prefix(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = columns(segment);
    if (used + size > width) break;
    out += segment;
    used += size;
  }
  return out;
}
