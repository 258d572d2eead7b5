/**
 * Text with optional colour: colour only when the terminal wants it (NO_COLOR
 * turns it off), and never as the only carrier of meaning, since every
 * coloured word also says what it means.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Text } from 'ink';

export const ColorContext = createContext(false);

type Props = {
  readonly children?: ReactNode;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
  readonly wrap?: 'wrap' | 'truncate-end';
};

export function T({ children, color, bold, dim, inverse, wrap = 'truncate-end' }: Props) {
  const enabled = useContext(ColorContext);
  if (!enabled) return <Text wrap={wrap}>{children}</Text>;
  return (
    <Text wrap={wrap} color={color} bold={bold} dimColor={dim} inverse={inverse}>
      {children}
    </Text>
  );
}
