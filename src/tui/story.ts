/**
 * A leak told as a story for a workshop: the events of one simulation result
 * in time order (issued, leaked, first replay, harvests, detection,
 * revocation, stop, and the moment the last touched credential dies), and
 * what the attacker holds at each. Everything is read off the `LeakResult`;
 * nothing is simulated a second time.
 */
import { UNBOUNDED, parseDuration, type DurationText, type Seconds } from '../model/duration.js';
import type { ScenarioDocument } from '../model/scenario.js';
import type { LeakInput, LeakResult, PathHop } from '../analyses/simulation/leak.js';

export type StoryEventKind =
  'issued' | 'leaked' | 'first-replay' | 'harvest' | 'detection' | 'revocation' | 'stop' | 'all-dead';

export interface StoryEvent {
  readonly kind: StoryEventKind;
  readonly at: Seconds;
  /** For a harvest: the credentials obtained. */
  readonly credentials?: readonly string[];
  /** One line saying what happens. */
  readonly text: string;
}

export interface Holdings {
  /** Credentials the attacker can use at that moment, with until when. */
  readonly credentials: readonly { readonly id: string; readonly how: string; readonly until: Seconds }[];
  /** Pairs the attacker can exercise at that moment. */
  readonly pairs: readonly {
    readonly resource: string;
    readonly action: string;
    readonly impact: number;
    readonly until: Seconds;
  }[];
  /** Agents the attacker can task at that moment. */
  readonly agents: readonly string[];
  readonly impact: number;
}

const ORDER: readonly StoryEventKind[] = [
  'issued',
  'leaked',
  'first-replay',
  'harvest',
  'detection',
  'revocation',
  'stop',
  'all-dead',
];

export function storyEvents(result: LeakResult): StoryEvent[] {
  const t = result.timeline;
  const c = result.credential;
  const events: StoryEvent[] = [
    { kind: 'issued', at: t.issued, text: `${c} is issued` },
    { kind: 'leaked', at: t.leaked, text: `${c} leaks${result.channel ? ` through ${result.channel}` : ''}` },
  ];
  if (!result.usable) {
    events.push({
      kind: 'first-replay',
      at: t.leaked,
      text: `the ${result.attacker} attacker cannot replay ${c}: it only works inside its own workload`,
    });
  } else {
    const direct = result.reached.filter((r) => harvestedVia(r.path) === undefined);
    const first = earliest(direct.map((r) => r.from));
    if (first !== undefined) {
      const pairs = direct.filter((r) => r.from === first).map((r) => `${r.resource}:${r.action}`);
      events.push({ kind: 'first-replay', at: first, text: `the attacker replays it: ${list(pairs)}` });
    }
  }
  for (const [at, names] of harvestsByTime(result)) {
    events.push({
      kind: 'harvest',
      at,
      credentials: names,
      text: `the attacker obtains ${list(names.map((n) => describeAcquired(result, n)))}`,
    });
  }
  events.push({ kind: 'detection', at: t.detected, text: 'the leak is detected' });
  if (t.revocationIssued !== UNBOUNDED)
    events.push({ kind: 'revocation', at: t.revocationIssued, text: `revocation of ${c} is issued` });
  const stopWhy =
    t.stopped === UNBOUNDED
      ? 'never stops working: it neither expires nor gets revoked'
      : t.stopped === t.expires
        ? 'expires'
        : 'stops working: the revocation has reached every verifier';
  events.push({ kind: 'stop', at: t.stopped, text: `${c} ${stopWhy}` });
  const lastDead = result.revocationLag === UNBOUNDED ? UNBOUNDED : t.detected + result.revocationLag;
  if (lastDead > t.stopped) {
    events.push({
      kind: 'all-dead',
      at: lastDead,
      text:
        lastDead === UNBOUNDED
          ? 'some credential the attacker obtained never stops working'
          : 'the last credential the attacker obtained stops working',
    });
  }
  return events.sort((a, b) => a.at - b.at || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/**
 * What the attacker holds once the story has reached event `index`: every
 * capability live at that event's time whose gain the story has already told
 * (a pair reached through a harvested credential appears with its harvest,
 * not before, even when both happen at the same second).
 */
export function holdingsAt(result: LeakResult, events: readonly StoryEvent[], index: number): Holdings {
  const event = events[index];
  if (!event) return { credentials: [], pairs: [], agents: [], impact: 0 };
  const at = event.at;
  const told = (kind: StoryEventKind, credential?: string) =>
    events.some(
      (e, i) =>
        i <= index && e.kind === kind && (credential === undefined || (e.credentials ?? []).includes(credential)),
    );
  const replayed = told('first-replay');
  const live = (from: Seconds, until: Seconds) => from <= at && at < until;
  const credentials = result.acquired
    .filter(
      (a) => a.usable && live(a.from, a.until) && (a.how === 'leaked' ? told('leaked') : told('harvest', a.credential)),
    )
    .map((a) => ({ id: a.credential, how: a.how, until: a.until }));
  const pairs = result.reached
    .filter((r) => {
      const via = harvestedVia(r.path);
      return live(r.from, r.until) && (via === undefined ? replayed : told('harvest', via));
    })
    .map((r) => ({ resource: r.resource, action: r.action, impact: r.impact, until: r.until }));
  const agents = replayed ? result.tasked.filter((a) => live(a.from, a.until)).map((a) => a.agent) : [];
  return { credentials, pairs, agents, impact: pairs.reduce((sum, p) => sum + p.impact, 0) };
}

/** The last harvested or minted credential on a path: the one the attacker needed to obtain first. */
function harvestedVia(path: readonly PathHop[]): string | undefined {
  let via: string | undefined;
  for (const hop of path) if (hop.kind === 'credential' && hop.how !== 'leaked') via = hop.id;
  return via;
}

function harvestsByTime(result: LeakResult): Map<Seconds, string[]> {
  const byTime = new Map<Seconds, string[]>();
  for (const a of result.acquired) {
    if (a.how === 'leaked') continue;
    const names = byTime.get(a.from) ?? [];
    names.push(a.credential);
    byTime.set(a.from, names);
  }
  return byTime;
}

function describeAcquired(result: LeakResult, credential: string): string {
  const a = result.acquired.find((x) => x.credential === credential)!;
  if (a.how === 'in-workload') return `${credential} (usable from inside the workload)`;
  return `${credential} (${a.how}${a.usable ? '' : ', bound: not replayable'})`;
}

/** The simulation input a scenario describes. */
export function scenarioLeakInput(scenario: ScenarioDocument): LeakInput {
  const seconds = (text: DurationText | undefined) => (text === undefined ? 0 : (parseDuration(text) ?? 0));
  return {
    credential: scenario.leak.credential,
    at: seconds(scenario.leak.at),
    channel: scenario.leak.channel,
    attacker: scenario.attacker ?? 'external',
    hopDelay: seconds(scenario.hopDelay),
  };
}

function earliest(times: readonly Seconds[]): Seconds | undefined {
  return times.length === 0 ? undefined : Math.min(...times);
}

function list(items: readonly string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
