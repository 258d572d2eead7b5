/**
 * How much risk flows through each element of the model, read off the paths
 * of worst-case leaks: every pair a leak reaches carries its time-weighted
 * weight (impact × hours, or one unbounded pair) through every element on its
 * path. The simulation keeps one path per pair (the one that gives the
 * latest access), so a flow is an estimate of what cutting the element takes
 * away: chokepoints only use it to choose which cuts to measure.
 */
import { UNBOUNDED } from '../../model/duration.js';
import type { LeakResult, PathHop } from '../simulation/leak.js';

/** Flow through an element, compared like the model's totals: unbounded pairs first, then the bounded sum. */
export interface Flow {
  unbounded: number;
  bounded: number;
}

/** The elements a cut can remove, as `kind:id` keys: `credential:x`, `store:r`, `delegation:a>b`, `tool:t`, `invoke:c>a`. */
export function elementsOnPath(
  path: readonly PathHop[],
  toolOf: (agent: string, credential: string) => string[],
): string[] {
  const out = new Set<string>();
  let agent: string | undefined;
  let credential: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const hop = path[i];
    switch (hop.kind) {
      case 'credential':
        out.add(`credential:${hop.id}`);
        credential = hop.id;
        agent = undefined;
        break;
      case 'access':
        // A read that hands the attacker a stored credential goes through the store.
        if (path[i + 1]?.kind === 'credential') out.add(`store:${hop.resource}`);
        break;
      case 'deputy':
        out.add(`credential:${hop.credential}`);
        for (const t of toolOf(hop.agent, hop.credential)) out.add(`tool:${t}`);
        agent = hop.agent;
        credential = hop.credential;
        break;
      case 'agent':
        if (hop.how === 'invoked' && credential !== undefined) out.add(`invoke:${credential}>${hop.id}`);
        if (hop.how === 'delegated' && agent !== undefined) out.add(`delegation:${agent}>${hop.id}`);
        agent = hop.id;
        break;
    }
  }
  return [...out];
}

export function flowsOf(
  leaks: Iterable<LeakResult>,
  toolOf: (agent: string, credential: string) => string[],
): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  for (const leak of leaks) {
    for (const pair of leak.reached) {
      const unbounded = pair.until === UNBOUNDED;
      const weight = unbounded ? 0 : (pair.impact * (pair.until - pair.from)) / 3_600;
      for (const element of elementsOnPath(pair.path, toolOf)) {
        let flow = flows.get(element);
        if (!flow) flows.set(element, (flow = { unbounded: 0, bounded: 0 }));
        if (unbounded) flow.unbounded++;
        else flow.bounded += weight;
      }
    }
  }
  return flows;
}

/** Larger flow first. */
export function compareFlows(a: Flow, b: Flow): number {
  return b.unbounded - a.unbounded || b.bounded - a.bounded;
}
