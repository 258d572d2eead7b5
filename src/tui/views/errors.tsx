/** A model that does not load: every problem as `file:line:col: message`, and the file is watched. */
import { Box } from 'ink';
import { formatDiagnostic } from '../../reports/diagnostics.js';
import type { Diagnostic } from '../../yaml/diagnostic.js';
import { Lines, lineCount } from '../components/lines.js';
import { ListView } from '../components/list-view.js';
import { T } from '../components/styled.js';
import { cut, s } from '../format.js';

type Props = {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly cursor: number;
  readonly width: number;
  readonly height: number;
  readonly watching: boolean;
};

export function ErrorsView({ file, diagnostics, cursor, width, height, watching }: Props) {
  const items = diagnostics.map((d, i) => ({ key: String(i), cells: [formatDiagnostic(d)] }));
  const count = diagnostics.length === 1 ? '1 problem' : `${diagnostics.length} problems`;
  // The selected problem in full below the list, where the list cuts it.
  const selected = diagnostics[cursor] ? [formatDiagnostic(diagnostics[cursor])] : [];
  const selectedRows = Math.min(4, lineCount(selected, width));
  return (
    <Box flexDirection="column" width={width}>
      <T bold color="red">
        {cut(`${s(file)} does not load: ${count}`, width)}
      </T>
      <T dim>
        {cut(
          watching ? 'Fix the file and save it: leakradius reloads it here.' : 'Fix the file, then open it again.',
          width,
        )}
      </T>
      <ListView items={items} cursor={cursor} width={width} height={Math.max(2, height - 2 - selectedRows)} focused />
      <Lines lines={selected} width={width} height={selectedRows} />
    </Box>
  );
}
