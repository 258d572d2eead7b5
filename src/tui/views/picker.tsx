/** The model picker: the models of ./models, of a folder, or the bundled examples. */
import { Box } from 'ink';
import { formatDiagnostic } from '../../reports/diagnostics.js';
import { ListView, type ListItem } from '../components/list-view.js';
import { T } from '../components/styled.js';
import { cut } from '../format.js';
import type { Diagnostic } from '../../yaml/diagnostic.js';

type Props = {
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly width: number;
  readonly height: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly filter?: string;
  readonly filtering: boolean;
};

export function PickerView({ items, cursor, width, height, diagnostics, filter, filtering }: Props) {
  const notes = diagnostics.slice(0, 3).map((d) => cut(formatDiagnostic(d), width));
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{cut(`Choose a model (${items.length}) · Enter opens it`, width)}</T>
      {notes.map((n, i) => (
        <T key={i} color="yellow">
          {n}
        </T>
      ))}
      <ListView
        items={items}
        cursor={cursor}
        width={width}
        height={height - 1 - notes.length}
        focused
        filter={filter}
        filtering={filtering}
        empty="no model files found: give a model or a folder, as in leakradius tui models/"
      />
    </Box>
  );
}
