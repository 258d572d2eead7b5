/** The scenarios a workshop can run, from ./scenarios or the bundled ones. */
import { Box } from 'ink';
import { ListView, type ListItem } from '../components/list-view.js';
import { Lines } from '../components/lines.js';
import { T } from '../components/styled.js';
import { cut, s } from '../format.js';
import { formatDiagnostic } from '../../reports/diagnostics.js';
import type { ScenarioEntry } from '../session.js';
import type { Row } from '../rows.js';

type Props = {
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly selected?: ScenarioEntry;
  readonly width: number;
  readonly height: number;
  readonly filter?: string;
  readonly filtering: boolean;
};

export function scenarioRows(entries: readonly ScenarioEntry[]): Row[] {
  return entries.map((e) => {
    const name = e.scenario ? s(e.scenario.name) : 'invalid scenario';
    const leak = e.scenario
      ? `leaks ${s(e.scenario.leak.credential)}`
      : `${e.diagnostics.length} problem${e.diagnostics.length === 1 ? '' : 's'}`;
    return { key: e.file, search: `${e.file} ${e.scenario?.name ?? ''}`, cells: [name, leak, s(e.file)] };
  });
}

export function ScenariosView({ items, cursor, selected, width, height, filter, filtering }: Props) {
  const detail = !selected
    ? []
    : selected.scenario
      ? [
          `${s(selected.scenario.name)} (${s(selected.file)})`,
          selected.scenario.description ? s(selected.scenario.description) : '',
          `model ${s(selected.scenario.model)} · leak of ${s(selected.scenario.leak.credential)}${selected.scenario.leak.channel ? ` through ${s(selected.scenario.leak.channel)}` : ''} at ${selected.scenario.leak.at ?? '0s'} · ${selected.scenario.attacker ?? 'external'} attacker`,
        ].filter(Boolean)
      : selected.diagnostics.map(formatDiagnostic);
  const listHeight = Math.max(4, height - 6);
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{cut(`Workshop: choose a scenario (${items.length}) · Enter runs it one event at a time`, width)}</T>
      <ListView
        items={items}
        cursor={cursor}
        width={width}
        height={listHeight}
        focused
        filter={filter}
        filtering={filtering}
        empty="no scenarios found in ./scenarios"
      />
      <Lines lines={detail} width={width} height={height - listHeight - 1} boldFirst />
    </Box>
  );
}
