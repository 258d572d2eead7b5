/**
 * A leak told as a story for a workshop: the events of one simulation result
 * in time order (issued, leaked, first replay, harvests, detection,
 * revocation, stop, and the moment the last touched credential dies), and
 * what the attacker holds at each. Everything is read off the `LeakResult`;
 * nothing is simulated a second time.
 */
import { UNBOUNDED, parseDuration, type Seconds } from '../model/duration.js';
import type { ScenarioDocument } from '../model/scenario.js';
import type { LeakInput, LeakResult } from '../analyses/simulation/leak.js';

export type StoryEventKind = 'issued' | 'leaked' | 'first-replay' | 'harvest' | 'detection' | 'revocation' | 'stop' | 'all-dead';

export interface StoryEvent {
  readonly kind: StoryEventKind;
  readonly at: Seconds;
  /** One line saying what happens. */
  readonly text: string;
}

export interface Holdings {
  /** Credentials the attacker can use at that moment, with until when. */
  readonly credentials: readonly { readonly id: string; readonly how: string; readonly until: Seconds }[];
  /** Pairs the attacker can exercise at that moment. */
  readonly pairs: readonly { readonly resource: string; readonly action: string; readonly impact: number; readonly until: Seconds }[];
  /** Agents the attacker can task at that moment. */
  readonly agents: readonly string[];
  readonly impact: number;
}

const ORDER: readonly StoryEventKind[] = ['issued', 'leaked', 'first-replay', 'harvest', 'detection', 'revocation', 'stop', 'all-dead'];

export function storyEvents(result: LeakResult): StoryEvent[] {
  const t = result.timeline;
  const c = result.credential;
  const events: StoryEvent[] = [
    { kind: 'issued', at: t.issued, text: `${c} is issued` },
    { kind: 'leaked', at: t.leaked, text: `${c} leaks${result.channel ? ` through ${result.channel}` : ''}` },
  ];
  if (!result.usable) {
    events.push({ kind: 'first-replay', at: t.leaked, text: `the ${result.attacker} attacker cannot replay ${c}: it only works inside its own workload` });
  } else {
    const first = earliest(result.reached.map((r) => r.from));
    if (first !== undefined) {
      const pairs = result.reached.filter((r) => r.from === first).map((r) => `${r.resource}:${r.action}`);
      events.push({ kind: 'first-replay', at: first, text: `the attacker replays it: ${list(pairs)}` });
    }
  }
  const harvests = new Map<Seconds, string[]>();
  for (const a of result.acquired) {
    if (a.how === 'leaked') continue;
    const names = harvests.get(a.from) ?? [];
    names.push(`${a.credential} (${a.how}${a.usable ? '' : ', bound: not replayable'})`);
    harvests.set(a.from, names);
  }
  for (const [at, names] of harvests) events.push({ kind: 'harvest', at, text: `the attacker obtains ${list(names)}` });
  events.push({ kind: 'detection', at: t.detected, text: 'the leak is detected' });
  if (t.revocationIssued !== UNBOUNDED) events.push({ kind: 'revocation', at: t.revocationIssued, text: `revocation of ${c} is issued` });
  const stopWhy =
    t.stopped === UNBOUNDED ? 'never stops working: it neither expires nor gets revoked' : t.stopped === t.expires ? 'expires' : 'stops working: the revocation has reached every verifier';
  events.push({ kind: 'stop', at: t.stopped, text: `${c} ${stopWhy}` });
  const lastDead = result.revocationLag === UNBOUNDED ? UNBOUNDED : t.detected + result.revocationLag;
  if (lastDead > t.stopped) events.push({ kind: 'all-dead', at: lastDead, text: lastDead === UNBOUNDED ? 'some credential the attacker obtained never stops working' : 'the last credential the attacker obtained stops working' });
  return events.sort((a, b) => a.at - b.at || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/** What the attacker holds at `at`: every capability gained by then and not yet stopped. */
export function holdingsAt(result: LeakResult, at: Seconds): Holdings {
  const live = (from: Seconds, until: Seconds) => from <= at && at < until;
  const credentials = result.acquired.filter((a) => a.usable && live(a.from, a.until)).map((a) => ({ id: a.credential, how: a.how, until: a.until }));
  const pairs = result.reached.filter((r) => live(r.from, r.until)).map((r) => ({ resource: r.resource, action: r.action, impact: r.impact, until: r.until }));
  const agents = result.tasked.filter((a) => live(a.from, a.until)).map((a) => a.agent);
  return { credentials, pairs, agents, impact: pairs.reduce((sum, p) => sum + p.impact, 0) };
}

/** The simulation input a scenario describes. */
export function scenarioLeakInput(scenario: ScenarioDocument): LeakInput {
  const seconds = (text: string | undefined) => (text === undefined ? 0 : parseDuration(text) ?? 0);
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
