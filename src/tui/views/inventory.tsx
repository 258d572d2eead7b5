/**
 * The inventory: credentials, agents, tools, resources and the CI findings,
 * one pane at a time behind a tab bar, with the selected element described
 * beside the list (or below it on a narrow terminal).
 */
import { Box } from 'ink';
import { ListView, type ListItem } from '../components/list-view.js';
import { T } from '../components/styled.js';
import { fit } from '../format.js';
import { columns } from '../../reports/layout.js';
import { Lines, lineCount } from '../components/lines.js';
import type { Column } from '../rows.js';
import { PANES, type PaneId } from '../state.js';

export const PANE_TITLE: Record<PaneId, string> = {
  credentials: 'Credentials',
  agents: 'Agents',
  tools: 'Tools',
  resources: 'Resources',
  findings: 'Findings',
};

type Props = {
  readonly pane: PaneId;
  /** Count per pane; undefined while unknown. */
  readonly counts: Readonly<Record<PaneId, number | undefined>>;
  readonly items: readonly ListItem[];
  readonly columns?: readonly Column[];
  readonly cursor: number;
  readonly detail: readonly string[];
  /** Shown when the pane has nothing to list (findings without the CI gate). */
  readonly empty: string;
  /**
   * Right of the tab bar: the model's total risk, or the progress towards it,
   * longest first: the first that leaves the tabs whole is shown, else the last.
   */
  readonly summary: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly filter?: string;
  readonly filtering: boolean;
  readonly decorate?: (item: ListItem) => ListItem;
};

/** Wide terminals show the detail beside the list. */
const SIDE_BY_SIDE = 110;

export function InventoryView(props: Props) {
  const { pane, counts, width, height, detail, summary } = props;
  const tabs = PANES.map((p) => {
    const n = counts[p];
    const label = `${PANE_TITLE[p]} ${n === undefined ? '…' : n}`;
    return p === pane ? `[${label}]` : ` ${label} `;
  }).join('');
  // The summary keeps the right edge, as long as the tabs stay whole; on a terminal too narrow for both, the tabs give way.
  const shown = summary.find((text) => columns(tabs) + 2 + columns(text) <= width) ?? summary[summary.length - 1] ?? '';
  const tabLine = `${fit(tabs, Math.max(0, width - columns(shown) - 2))}  ${shown}`;
  const body = height - 1;
  if (width >= SIDE_BY_SIDE) {
    const listWidth = Math.floor(width * 0.55);
    const detailWidth = width - listWidth - 3;
    return (
      <Box flexDirection="column" width={width}>
        <T bold>{fit(tabLine, width)}</T>
        <Box flexDirection="row" height={body}>
          <List {...props} width={listWidth} height={body} />
          <Box
            flexDirection="column"
            marginLeft={1}
            paddingLeft={1}
            width={detailWidth + 2}
            borderStyle="single"
            borderTop={false}
            borderBottom={false}
            borderRight={false}
          >
            <Lines lines={detail} width={detailWidth} height={body} boldFirst />
          </Box>
        </Box>
      </Box>
    );
  }
  // The list takes the rows it needs, the detail what it needs, the list wins beyond half the screen.
  const wanted = props.items.length + (props.columns ? 1 : 0) + 1 + (props.filtering || props.filter ? 1 : 0);
  const detailRows = lineCount(detail, width);
  const listHeight = Math.max(
    Math.min(wanted, 5),
    Math.min(wanted, body - 1 - Math.min(detailRows, Math.floor(body / 2))),
  );
  const detailHeight = body - listHeight;
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{fit(tabLine, width)}</T>
      <List {...props} width={width} height={listHeight} />
      <T dim>{'─'.repeat(width)}</T>
      <Lines lines={detail} width={width} height={detailHeight - 1} boldFirst />
    </Box>
  );
}

function List({ items, columns, cursor, width, height, filter, filtering, empty, decorate }: Props) {
  return (
    <ListView
      items={items}
      columns={columns}
      cursor={cursor}
      width={width}
      height={height}
      focused
      filter={filter}
      filtering={filtering}
      empty={empty}
      decorate={decorate}
    />
  );
}
