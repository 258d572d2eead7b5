/** Every key of the keymap, grouped by where it applies. */
import { Box } from 'ink';
import { ListView } from '../components/list-view.js';
import { Lines, lineCount } from '../components/lines.js';
import { T } from '../components/styled.js';
import { BADGE_LEGEND, cut } from '../format.js';
import { CONTEXT_TITLE, KEYMAP, bindingLabel, type KeyContext } from '../keymap.js';
import type { Row } from '../rows.js';

/** One row per binding, with a heading row before each context. */
export function helpRows(): Row[] {
  const rows: Row[] = [];
  let context: KeyContext | undefined;
  KEYMAP.forEach((b, i) => {
    if (b.context !== context) {
      context = b.context;
      rows.push({ key: `h:${context}`, search: CONTEXT_TITLE[context], cells: [`${CONTEXT_TITLE[context]}`] });
    }
    rows.push({
      key: String(i),
      search: `${b.command} ${b.description}`,
      cells: [`  ${bindingLabel(b).padEnd(16)} ${b.description}`],
    });
  });
  return rows;
}

type Props = { readonly cursor: number; readonly width: number; readonly height: number };

export function HelpView({ cursor, width, height }: Props) {
  const legendRows = lineCount([`Risk badges: ${BADGE_LEGEND}`], width);
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{cut('Keys · ↑↓ scroll · Esc or ? closes', width)}</T>
      <Lines lines={[{ text: `Risk badges: ${BADGE_LEGEND}`, dim: true }]} width={width} height={legendRows} />
      <ListView items={helpRows()} cursor={cursor} width={width} height={height - 1 - legendRows} focused />
    </Box>
  );
}
