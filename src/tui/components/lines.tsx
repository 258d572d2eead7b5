/** Lines of text wrapped by hand, so a long line costs a known number of rows and the rest is cut. */
import { Box } from 'ink';
import { wrapLine } from '../format.js';
import { T } from './styled.js';

export type Line =
  string | { readonly text: string; readonly color?: string; readonly bold?: boolean; readonly dim?: boolean };

type Props = {
  readonly lines: readonly Line[];
  readonly width: number;
  readonly height: number;
  readonly boldFirst?: boolean;
};

export function Lines({ lines, width, height, boldFirst }: Props) {
  const wrapped = lines.flatMap((line, n) => {
    const l = typeof line === 'string' ? { text: line } : line;
    return wrapLine(l.text, width).map((text) => ({ ...l, text, bold: l.bold ?? (boldFirst && n === 0) }));
  });
  return (
    <Box flexDirection="column" height={Math.max(0, height)} flexShrink={0} overflow="hidden">
      {wrapped.slice(0, Math.max(0, height)).map((l, i) => (
        <T key={i} bold={l.bold} color={l.color} dim={l.dim}>
          {l.text}
        </T>
      ))}
    </Box>
  );
}

/** Rows the lines take once wrapped to `width`. */
export function lineCount(lines: readonly Line[], width: number): number {
  return lines.reduce((n, line) => n + wrapLine(typeof line === 'string' ? line : line.text, width).length, 0);
}
