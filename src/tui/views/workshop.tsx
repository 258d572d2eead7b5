/**
 * A scenario told one event at a time: the events so far (later ones stay
 * hidden until their key press), the timeline, and what the attacker holds
 * at the current event.
 */
import { Box } from 'ink';
import type { LeakResult } from '../../analyses/simulation/leak.js';
import type { ScenarioDocument } from '../../model/scenario.js';
import { Lines, lineCount, type Line } from '../components/lines.js';
import { duration, fit, s } from '../format.js';
import { holdingsAt, type StoryEvent } from '../story.js';
import { leakNumbers, timelineLines } from './leak.js';

type Props = {
  readonly scenario: ScenarioDocument;
  readonly modelName: string;
  readonly result: LeakResult;
  readonly events: readonly StoryEvent[];
  readonly event: number;
  readonly width: number;
  readonly height: number;
};

const KIND_LABEL: Record<StoryEvent['kind'], string> = {
  issued: 'issued',
  leaked: 'leaked',
  'first-replay': 'first replay',
  harvest: 'harvest',
  detection: 'detection',
  revocation: 'revocation',
  stop: 'stop',
  'all-dead': 'all dead',
};

const list = (items: readonly string[]) => (items.length === 0 ? 'nothing' : items.join(', '));

/** What the attacker holds at the current event, in words. */
export function holdingLines(result: LeakResult, events: readonly StoryEvent[], index: number): Line[] {
  const h = holdingsAt(result, events, index);
  return [
    { text: `At ${duration(events[index]?.at ?? 0)} the attacker holds`, bold: true },
    `  credentials: ${list(h.credentials.map((c) => `${s(c.id)} (${c.how}, until ${duration(c.until)})`))}`,
    `  reaches ${h.pairs.length} pair${h.pairs.length === 1 ? '' : 's'}, impact ${h.impact}: ${list(h.pairs.map((p) => s(`${p.resource}:${p.action}`)))}`,
    `  can task: ${list(h.agents.map(s))}`,
  ];
}

export function eventLine(e: StoryEvent, current: boolean): string {
  return `${current ? '›' : ' '} ${duration(e.at).padEnd(8)} ${KIND_LABEL[e.kind].padEnd(13)} ${s(e.text)}`;
}

export function WorkshopView({ scenario, modelName, result, events, event, width, height }: Props) {
  const current = events[event];
  const head: Line[] = [
    { text: `Workshop · ${s(scenario.name)} · model ${s(modelName)}`, bold: true },
    `Event ${event + 1} of ${events.length} · → or Space next · ← back · 0 restart`,
  ];
  const holding = current ? holdingLines(result, events, event) : [];
  const finished = event === events.length - 1;
  const tail: Line[] = finished ? [{ text: leakNumbers(result), bold: true }, ...timelineLines(result, width)] : [];
  const fixed = lineCount(head, width) + lineCount(holding, width) + 1;
  const room = Math.max(1, height - fixed - lineCount(tail, width));
  // Keep the current event visible: show the last `room` events up to it.
  const shown = events.slice(0, event + 1).slice(-room);
  const hidden = events.length - event - 1;
  return (
    <Box flexDirection="column" width={width}>
      <Lines lines={head} width={width} height={lineCount(head, width)} />
      {shown.map((e, i) => (
        <Lines
          key={i}
          lines={[{ text: fit(eventLine(e, e === current), width).trimEnd(), bold: e === current }]}
          width={width}
          height={1}
        />
      ))}
      <Lines
        lines={[
          {
            text: hidden > 0 ? `  … ${hidden} more event${hidden === 1 ? '' : 's'}` : '  (end of the story)',
            dim: true,
          },
        ]}
        width={width}
        height={1}
      />
      <Lines lines={holding} width={width} height={lineCount(holding, width)} />
      {tail.length > 0 ? <Lines lines={tail} width={width} height={lineCount(tail, width)} /> : null}
    </Box>
  );
}
