/**
 * The leak of one credential: the timeline to scale (exposure window and
 * revocation lag), the numbers, the reached pairs and the path of the
 * selected one. Everything shown comes from one `simulateLeak` result.
 */
import { Box } from 'ink';
import { formatPath, type LeakResult } from '../../analyses/simulation/leak.js';
import type { Credential } from '../../model/types.js';
import { timelineBar } from '../../reports/timeline.js';
import { ListView, type ListItem } from '../components/list-view.js';
import { Lines, lineCount, type Line } from '../components/lines.js';
import { duration, flowItems, s, score, window } from '../format.js';
import type { Column, Row } from '../rows.js';

type Props = {
  readonly result: LeakResult;
  readonly credential: Credential;
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly width: number;
  readonly height: number;
  readonly filter?: string;
  readonly filtering: boolean;
};

const REACHED_COLUMNS: readonly Column[] = [
  { title: 'resource', width: 0 },
  { title: 'action', width: 8 },
  { title: 'impact', width: 6 },
  { title: 'from', width: 8 },
  { title: 'until', width: 8 },
];

/** The timeline drawn `width` wide, with its legend flowed into lines. */
export function timelineLines(result: LeakResult, width: number, label = 'Timeline'): Line[] {
  const bar = timelineBar(result, Math.max(10, width - 2));
  return [
    {
      text: `${label} 0 → ${duration(bar.end)} · ═ the attacker holds the leaked credential · ─ after it stops`,
      dim: true,
    },
    `  ${bar.bar}`,
    `  ${bar.marks}`,
    // The legend comes as `I issued 0s  L leaked 0s`: each event stays on one line.
    ...flowItems(bar.legend.split('  '), width - 2).map((l) => `  ${l}`),
  ];
}

/** The reached pairs as list rows. */
export function reachedRows(result: LeakResult): Row[] {
  return result.reached.map((r) => ({
    key: `${r.resource}:${r.action}`,
    search: `${r.resource}:${r.action} ${formatPath(r.path)}`,
    cells: [s(r.resource), s(r.action), String(r.impact), duration(r.from), duration(r.until)],
  }));
}

export function leakHeadline(result: LeakResult, credential: Credential): string {
  const kind = credential.kind ? ` (${s(credential.kind)})` : '';
  const channel = result.channel ? `through ${s(result.channel)}` : 'through an unlisted channel';
  return `Leak of ${s(result.credential)}${kind} ${channel} · ${result.attacker} attacker`;
}

export function leakNumbers(result: LeakResult): string {
  return `exposure window ${window(result.exposureWindow)} · revocation lag ${window(result.revocationLag)} · blast radius ${result.score} · time-weighted ${score(result.timeWeightedScore)}`;
}

export function LeakView({ result, credential, items, cursor, width, height, filter, filtering }: Props) {
  const head: Line[] = [{ text: leakHeadline(result, credential), bold: true }];
  if (!result.usable) {
    head.push({
      text: `NOT REPLAYABLE: ${credential.binding}, so a copy works only inside its own workload; an ${result.attacker} attacker reaches nothing.`,
      color: 'green',
    });
  }
  head.push(...timelineLines(result, width));
  head.push({ text: leakNumbers(result), bold: true });
  const obtained = result.acquired.filter((a) => a.how !== 'leaked');
  const summary = [
    `Reached ${result.reached.length} pair${result.reached.length === 1 ? '' : 's'}`,
    obtained.length > 0
      ? `obtains ${obtained.map((a) => `${s(a.credential)} (${a.how}${a.usable ? '' : ', bound'})`).join(', ')}`
      : 'obtains no other credential',
    result.tasked.length > 0 ? `tasks ${result.tasked.map((a) => s(a.agent)).join(', ')}` : '',
    result.gated.length + result.gatedInvocations.length > 0
      ? `${result.gated.length + result.gatedInvocations.length} held back by approval`
      : '',
  ].filter(Boolean);
  head.push(summary.join(' · '));
  const headRows = Math.min(lineCount(head, width), height - 4);
  const selected = result.reached.find((r) => `${r.resource}:${r.action}` === items[cursor]?.key);
  const path = selected ? `path: ${s(formatPath(selected.path))}` : '';
  const pathRows = Math.min(2, lineCount([path], width));
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={head} width={width} height={headRows} />
      <ListView
        items={items}
        columns={REACHED_COLUMNS}
        cursor={cursor}
        width={width}
        height={Math.max(3, height - headRows - pathRows)}
        focused
        filter={filter}
        filtering={filtering}
        empty={result.usable ? 'nothing reached' : 'nothing reached: the attacker cannot use the copy'}
      />
      <Lines lines={[{ text: path, dim: true }]} width={width} height={pathRows} />
    </Box>
  );
}
