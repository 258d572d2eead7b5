/**
 * What-if on one credential: its settings as written and as changed, the
 * worst-case numbers before → after, both timelines on one scale, the model's
 * total risk before → after, and the recommendations that can be toggled.
 */
import { Box } from 'ink';
import type { LeakResult } from '../../analyses/simulation/leak.js';
import type { WorstCase } from '../../analyses/simulation/worst-case.js';
import { UNBOUNDED } from '../../model/duration.js';
import { timelineBar } from '../../reports/timeline.js';
import { ListView, type ListItem } from '../components/list-view.js';
import { Lines, lineCount, type Line } from '../components/lines.js';
import { duration, fit, s, score, window } from '../format.js';
import { RECOMMENDATION_COLUMNS } from '../rows.js';
import type { CredentialSettings } from '../whatif.js';

export interface Side {
  readonly settings: CredentialSettings;
  /** Undefined while the changed model is being derived. */
  readonly worst?: WorstCase;
  readonly leak?: LeakResult;
  /** The model's risk, formatted (the leaked copy, the hijacked agent, their sum), or the progress towards it. */
  readonly risk: { readonly leakedCopy: string; readonly hijackedAgent: string; readonly total: string };
  /** The CI findings, summarised (`7 open, 2 fail the gate`), `…` while computed; undefined without check settings. */
  readonly findings?: string;
}

type Props = {
  readonly credential: string;
  readonly before: Side & { readonly worst: WorstCase; readonly leak: LeakResult };
  readonly after: Side;
  readonly changes: readonly string[];
  /** Why the last change was refused, if it was. */
  readonly refused?: string;
  readonly recommendations: readonly ListItem[];
  /** Shown instead of the recommendations when there are none. */
  readonly recommendationsNote: string;
  /** What the selected recommendation is about (its why), under the list. */
  readonly selectedNote: string;
  readonly cursor: number;
  readonly filter?: string;
  readonly filtering: boolean;
  readonly width: number;
  readonly height: number;
};

const LABEL = 17;

/** `label   before → after`, the numbers the what-if view compares. */
export function comparisonLines(before: Side, after: Side): string[] {
  const pending = (text: string) => text === '…' || text.startsWith('computing');
  const row = (label: string, b: string, a: string) =>
    `  ${label.padEnd(LABEL)}${b} → ${a}${b === a || pending(a) || pending(b) ? '' : '   *'}`;
  const pick = (side: Side, f: (w: WorstCase) => string) => (side.worst ? f(side.worst) : '…');
  return [
    row(
      'exposure window',
      pick(before, (w) => window(w.exposureWindow)),
      pick(after, (w) => window(w.exposureWindow)),
    ),
    row(
      'revocation lag',
      pick(before, (w) => window(w.revocationLag)),
      pick(after, (w) => window(w.revocationLag)),
    ),
    row(
      'blast radius',
      pick(before, (w) => String(w.score)),
      pick(after, (w) => String(w.score)),
    ),
    row(
      'time-weighted',
      pick(before, (w) => score(w.timeWeightedScore)),
      pick(after, (w) => score(w.timeWeightedScore)),
    ),
    row('leaked copy', before.risk.leakedCopy, after.worst ? after.risk.leakedCopy : '…'),
    row('hijacked agent', before.risk.hijackedAgent, after.worst ? after.risk.hijackedAgent : '…'),
    row('total risk', before.risk.total, after.worst ? after.risk.total : '…'),
    ...(before.findings !== undefined
      ? [row('CI findings', before.findings, (after.worst && after.findings) || '…')]
      : []),
  ];
}

/** The credential's four settings: as written, and as changed when they differ. */
export function settingLines(before: CredentialSettings, after: CredentialSettings): string[] {
  const row = (label: string, b: string, a: string, keys: string) =>
    `  ${label.padEnd(LABEL)}${fit(b === a ? b : `${b} → ${a}`, 34)} ${keys}`;
  return [
    row('ttl', duration(before.ttl), duration(after.ttl), 't shorter · T longer'),
    row('binding', before.binding, after.binding, 'b next'),
    row('revocation mode', before.revocation, after.revocation, 'r next'),
    row('issuance', before.issuance, after.issuance, 'i next'),
  ];
}

/**
 * Both timelines drawn to one scale, so a shorter window is a shorter bar;
 * when either never ends each keeps its own scale.
 */
export function comparedBars(before: LeakResult, after: LeakResult, width: number): [string, string] {
  const cells = Math.max(10, width);
  const b = timelineBar(before, cells);
  const a = timelineBar(after, cells);
  if (b.end === UNBOUNDED || a.end === UNBOUNDED) return [b.bar, a.bar];
  const longest = Math.max(b.end, a.end);
  const scaled = (r: LeakResult, end: number) => timelineBar(r, Math.max(10, Math.round((cells * end) / longest))).bar;
  return [scaled(before, b.end), scaled(after, a.end)];
}

export function WhatIfView({
  credential,
  before,
  after,
  changes,
  refused,
  recommendations,
  recommendationsNote,
  selectedNote,
  cursor,
  filter,
  filtering,
  width,
  height,
}: Props) {
  const [barBefore, barAfter] = after.leak
    ? comparedBars(before.leak, after.leak, width - 14)
    : [comparedBars(before.leak, before.leak, width - 14)[0], '…'];
  const core: Line[] = [
    {
      text: `What-if on ${s(credential)} · ${changes.length === 0 ? 'no changes yet' : `${changes.length} change${changes.length === 1 ? '' : 's'} · u undoes all · s saves a copy`}`,
      bold: true,
    },
    ...settingLines(before.settings, after.settings),
    { text: `  ${''.padEnd(LABEL)}as written → with changes (* changed)`, dim: true },
    ...comparisonLines(before, after),
    `  written ${barBefore}`,
    `  changed ${barAfter}`,
    ...(refused ? [{ text: `refused: ${s(refused)}`, color: 'yellow' }] : []),
  ];
  // Rows are handed out in order of use: the numbers, the recommendations, the selected one's why, the list of changes.
  const coreRows = Math.min(lineCount(core, width), height - 1);
  let room = height - coreRows;
  const hasList = recommendations.length > 0 || Boolean(filter);
  const listRows = hasList
    ? Math.min(room, Math.max(3, recommendations.length + 2 + (filter || filtering ? 1 : 0)))
    : 0;
  room -= listRows;
  const noteLines = hasList ? [{ text: selectedNote, dim: true }] : [{ text: recommendationsNote, dim: true }];
  const noteRows = Math.min(room, hasList ? 2 : 3, lineCount(noteLines, width));
  room -= noteRows;
  const changeLines: Line[] = changes.map((c) => ({ text: `  ${s(c)}`, dim: true }));
  const changeRows = Math.min(room, lineCount(changeLines, width));
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={core} width={width} height={coreRows} />
      <Lines lines={changeLines} width={width} height={changeRows} />
      {hasList ? (
        <ListView
          items={recommendations}
          columns={RECOMMENDATION_COLUMNS}
          cursor={cursor}
          width={width}
          height={listRows}
          focused
          filter={filter}
          filtering={filtering}
        />
      ) : null}
      <Lines lines={noteLines} width={width} height={noteRows} />
    </Box>
  );
}
