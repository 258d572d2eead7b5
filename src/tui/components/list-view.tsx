/**
 * A windowed list: only the rows that fit are rendered, the selected one
 * marked with `›` (and inverse video when colour is on), with counts of the
 * rows hidden above and below and the filter being typed.
 */
import { memo } from 'react';
import { Box } from 'ink';
import { fit } from '../format.js';
import { listWindow } from '../list.js';
import type { Column } from '../rows.js';
import { T } from './styled.js';

export interface ListItem {
  readonly key: string;
  readonly cells: readonly string[];
  /** Colour of the last cell (a badge), if any. */
  readonly accent?: string;
}

type Props = {
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly width: number;
  /** Rows for the whole list, title and hints included. */
  readonly height: number;
  readonly columns?: readonly Column[];
  readonly focused: boolean;
  readonly filter?: string;
  readonly filtering?: boolean;
  readonly empty?: string;
  /** Adds to a visible row what is worth computing for visible rows only (a risk badge). */
  readonly decorate?: (item: ListItem) => ListItem;
};

/** Widths of the columns for a row `width` wide: the first takes what the others leave. */
export function columnWidths(columns: readonly Column[], width: number): number[] {
  const fixed = columns.slice(1).reduce((sum, c) => sum + c.width + 1, 0);
  return [Math.max(8, width - fixed), ...columns.slice(1).map((c) => c.width)];
}

export function rowText(cells: readonly string[], widths: readonly number[] | undefined, width: number): string {
  if (!widths) return fit(cells.join('  '), width);
  return cells.map((c, i) => fit(c, widths[i] ?? 8)).join(' ');
}

export function ListView({
  items,
  cursor,
  width,
  height,
  columns,
  focused,
  filter,
  filtering,
  empty = 'nothing here',
  decorate,
}: Props) {
  const inner = width - 2; // room for the cursor mark
  const widths = columns ? columnWidths(columns, inner) : undefined;
  const showFilter = filtering || (filter !== undefined && filter !== '');
  const rowsHeight = Math.max(1, height - (columns ? 1 : 0) - (showFilter ? 1 : 0) - 1);
  const win = listWindow(items.length, cursor, rowsHeight);
  const hint = [win.above > 0 ? `▲ ${win.above} more` : '', win.below > 0 ? `▼ ${win.below} more` : '']
    .filter(Boolean)
    .join('  ');
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden">
      {showFilter ? (
        <T>
          {fit(
            `/${filter ?? ''}${filtering ? '▏' : ''}  ${items.length} match${items.length === 1 ? '' : 'es'}${filtering ? ' · Enter keep · Esc clear' : ''}`,
            width,
          )}
        </T>
      ) : null}
      {widths && columns ? (
        <T dim>{`  ${rowText(
          columns.map((c) => c.title),
          widths,
          inner,
        )}`}</T>
      ) : null}
      {items.length === 0 ? <T dim>{`  ${empty}`}</T> : null}
      {items.slice(win.start, win.end).map((item, i) => (
        <ListRow
          key={item.key}
          item={decorate ? decorate(item) : item}
          selected={win.start + i === cursor}
          focused={focused}
          widths={widths}
          width={inner}
        />
      ))}
      <T dim>{fit(hint, width)}</T>
    </Box>
  );
}

const ListRow = memo(function ListRow({
  item,
  selected,
  focused,
  widths,
  width,
}: {
  item: ListItem;
  selected: boolean;
  focused: boolean;
  widths?: number[];
  width: number;
}) {
  const mark = selected ? (focused ? '› ' : '· ') : '  ';
  if (item.accent && widths) {
    const head = rowText(item.cells.slice(0, -1), widths.slice(0, -1), width);
    const last = fit(item.cells[item.cells.length - 1] ?? '', widths[widths.length - 1]);
    return (
      <T>
        <T inverse={selected && focused}>{`${mark}${head} `}</T>
        <T color={item.accent} bold>
          {last}
        </T>
      </T>
    );
  }
  return <T inverse={selected && focused}>{`${mark}${rowText(item.cells, widths, width)}`}</T>;
});
