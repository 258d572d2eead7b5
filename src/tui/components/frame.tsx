/**
 * The screen: a title line, the body, a status line and the keys of the
 * current view. Sized by props so that rendering depends on nothing else.
 */
import type { ReactNode } from 'react';
import { Box } from 'ink';
import { fit } from '../format.js';
import { T } from './styled.js';

type Props = {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly view: string;
  readonly status: string;
  readonly keys: string;
  readonly children: ReactNode;
};

/** Lines the frame itself takes: title, status and keys. */
export const FRAME_LINES = 3;

export function Frame({ width, height, title, view, status, keys, children }: Props) {
  const right = ` ${view} · ? help · q quit`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <T bold inverse>
        {fit(`${fit(` leakradius · ${title}`, Math.max(0, width - right.length))}${right}`, width)}
      </T>
      <Box flexDirection="column" height={Math.max(1, height - FRAME_LINES)} overflow="hidden">
        {children}
      </Box>
      <T color="cyan">{fit(status, width)}</T>
      <T dim>{fit(keys, width)}</T>
    </Box>
  );
}
