/**
 * Effective permissions along delegation: what an agent can do at a hop is
 * what its own credentials grant plus what the delegation hands it (the
 * delegator's credentials by passthrough, the minted credential by exchange).
 */
import { ownCredentials } from '../../model/relations.js';
import type { Agent } from '../../model/types.js';
import type { AnalysisContext } from '../context.js';
import type { PairRef } from '../simulation/worst-case.js';

/** `resource:action` keys of everything the credentials grant on resources (approval-gated actions included). */
export function grantedPairs(ctx: AnalysisContext, credentials: Iterable<string>): Set<string> {
  const pairs = new Set<string>();
  for (const id of credentials) {
    for (const g of ctx.relations.credential.get(id)?.grants ?? []) {
      if (g.target.kind !== 'resource') continue;
      for (const action of g.actions) pairs.add(`${g.target.id}:${action}`);
    }
  }
  return pairs;
}

/** The credentials an agent acts with at a hop, given what the delegation handed it. */
export function hopCredentials(ctx: AnalysisContext, agent: Agent, received: readonly string[]): string[] {
  const out = ownCredentials(agent, ctx.relations.tool);
  for (const c of received) if (!out.includes(c)) out.push(c);
  return out;
}

/** Keys in `next` that `previous` does not have, as sorted pairs. */
export function gained(next: ReadonlySet<string>, previous: ReadonlySet<string>): PairRef[] {
  const out: PairRef[] = [];
  for (const key of next) {
    if (previous.has(key)) continue;
    const cut = key.lastIndexOf(':');
    out.push({ resource: key.slice(0, cut), action: key.slice(cut + 1) });
  }
  return out.sort((a, b) =>
    a.resource === b.resource ? compare(a.action, b.action) : compare(a.resource, b.resource),
  );
}

export function sortedPairs(keys: ReadonlySet<string>): PairRef[] {
  return gained(keys, new Set());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
