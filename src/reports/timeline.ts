/**
 * The leak timeline drawn to scale as one line of text: the exposure window
 * (leak to stop) as a solid bar, the revocation lag (detection to the last
 * credential's stop) marked, and a letter for each event. Shared by the text
 * report and the TUI.
 */
import { UNBOUNDED, formatDuration, type Seconds } from '../model/duration.js';
import type { LeakResult } from '../analyses/simulation/leak.js';

export interface TimelineEvent {
  readonly letter: string;
  readonly name: string;
  readonly at: Seconds;
}

export function timelineEvents(result: LeakResult): TimelineEvent[] {
  const t = result.timeline;
  const events: TimelineEvent[] = [
    { letter: 'I', name: 'issued', at: t.issued },
    { letter: 'L', name: 'leaked', at: t.leaked },
    { letter: 'D', name: 'detected', at: t.detected },
  ];
  if (t.revocationIssued !== UNBOUNDED) events.push({ letter: 'R', name: 'revoked', at: t.revocationIssued });
  if (t.expires !== UNBOUNDED) events.push({ letter: 'E', name: 'expires', at: t.expires });
  events.push({ letter: 'S', name: 'stopped', at: t.stopped });
  // The lag runs from detection; a lag of 0 means everything was dead by then, so there is no later event.
  const lastDead = t.detected + result.revocationLag;
  if (result.revocationLag > 0 && result.revocationLag !== UNBOUNDED && lastDead > t.stopped)
    events.push({ letter: 'X', name: 'all dead', at: lastDead });
  return events.sort((a, b) => a.at - b.at);
}

export interface TimelineBar {
  /** The bar itself: `═` while the attacker holds the leaked credential, `─` after, `·` before. */
  readonly bar: string;
  /** The event letters placed under the bar. */
  readonly marks: string;
  /** The time at the right edge (the scale), or UNBOUNDED when the story never ends. */
  readonly end: Seconds;
  readonly legend: string;
}

/** Draws the timeline `width` characters wide. Unbounded stops run off the right edge (`→`). */
export function timelineBar(result: LeakResult, width: number): TimelineBar {
  const events = timelineEvents(result);
  // Scale to the incident, not to a far-off expiry that no longer matters once the credential stopped.
  const finite = events
    .filter((e) => e.at !== UNBOUNDED && !(e.letter === 'E' && e.at > result.timeline.stopped))
    .map((e) => e.at);
  const horizon = Math.max(1, ...finite);
  const open = events.some((e) => e.at === UNBOUNDED);
  const end = open ? horizon * 1.25 : horizon;
  const cells = Math.max(10, width);
  const column = (at: Seconds) => (at === UNBOUNDED || at > end ? cells - 1 : Math.round((at / end) * (cells - 1)));
  const t = result.timeline;
  const bar: string[] = [];
  for (let i = 0; i < cells; i++) {
    const at = (i / (cells - 1)) * end;
    bar.push(at < t.leaked ? '·' : result.usable && at <= t.stopped ? '═' : '─');
  }
  const usableUntil = result.usable ? t.stopped : t.leaked;
  if (open && usableUntil === UNBOUNDED) bar[cells - 1] = '→';
  const marks = Array.from({ length: cells }, () => ' ');
  for (const e of events) {
    let c = column(e.at);
    while (c < cells - 1 && marks[c] !== ' ') c++;
    marks[c] = e.letter;
  }
  const legend = events
    .map((e) => `${e.letter} ${e.name} ${e.at === UNBOUNDED ? 'never' : formatDuration(e.at)}`)
    .join('  ');
  return { bar: bar.join(''), marks: marks.join('').trimEnd(), end: open ? UNBOUNDED : end, legend };
}
