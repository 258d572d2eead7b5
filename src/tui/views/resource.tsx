/**
 * Who reaches a resource: every credential, agent and tool whose worst-case
 * leak reaches one of its actions, heaviest first, with the path of the
 * selected row. Everything shown comes from one `exposure` result; Enter
 * opens the leak of the row's credential.
 */
import { Box } from 'ink';
import type { Exposure } from '../../analyses/exposure/index.js';
import { formatPath } from '../../analyses/simulation/leak.js';
import { ListView, type ListItem } from '../components/list-view.js';
import { Lines, lineCount, type Line } from '../components/lines.js';
import { duration, s, score } from '../format.js';
import type { Column, Row } from '../rows.js';

type Props = {
  readonly result: Exposure;
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly width: number;
  readonly height: number;
  readonly filter?: string;
  readonly filtering: boolean;
};

const EXPOSURE_COLUMNS: readonly Column[] = [
  { title: 'who', width: 0 },
  { title: 'action', width: 8 },
  { title: 'weight', width: 10 },
  { title: 'from', width: 7 },
  { title: 'until', width: 7 },
];

/** Rows keyed by position (a source may reach several actions): `kind:id:action`. */
export function exposureRows(result: Exposure): Row[] {
  return result.sources.map((x) => ({
    key: `${x.kind}:${x.id}:${x.action}`,
    search: `${x.kind} ${x.id} ${x.credential} ${x.action}`,
    cells: [
      `${x.kind} ${s(x.id)}${x.kind === 'credential' ? '' : ` via ${s(x.credential)}`}`,
      s(x.action),
      score(x.weight),
      duration(x.from),
      duration(x.until),
    ],
  }));
}

export function ResourceView({ result, items, cursor, width, height, filter, filtering }: Props) {
  const kinds = (['credential', 'agent', 'tool'] as const).map((k) => {
    const n = new Set(result.sources.filter((x) => x.kind === k).map((x) => x.id)).size;
    return `${n} ${k}${n === 1 ? '' : 's'}`;
  });
  const head: Line[] = [
    {
      text: `Who reaches ${s(result.resource)} (${result.actions.map(s).join(', ')}): ${kinds.join(', ')}`,
      bold: true,
    },
    {
      text: 'each from its worst-case leak · weight = impact × hours of access · Enter opens the credential’s leak',
      dim: true,
    },
  ];
  if (result.gated.length > 0)
    head.push({ text: `${result.gated.length} more held back by human approval`, dim: true });
  const headRows = Math.min(lineCount(head, width), height - 4);
  const selected = result.sources.find((x) => `${x.kind}:${x.id}:${x.action}` === items[cursor]?.key);
  const path = selected ? `path: ${s(formatPath(selected.path))}` : '';
  const pathRows = Math.min(2, lineCount([path], width));
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={head} width={width} height={headRows} />
      <ListView
        items={items}
        columns={EXPOSURE_COLUMNS}
        cursor={cursor}
        width={width}
        height={Math.max(3, height - headRows - pathRows)}
        focused
        filter={filter}
        filtering={filtering}
        empty="nobody reaches it: no credential's worst-case leak does"
      />
      <Lines lines={[{ text: path, dim: true }]} width={width} height={pathRows} />
    </Box>
  );
}
