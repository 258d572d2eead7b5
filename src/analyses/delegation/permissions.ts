/**
 * Effective permissions along delegation, one analysis for the chain view
 * (`delegation`) and the CI gate (LR006, LR007): what an agent can act with
 * at each hop, and what a delegate gains over its delegator.
 *
 * A delegator acts with everything it can hold: its own credentials, those
 * minted for it by exchange, and by passthrough everything its own delegators
 * can act with, through every delegation that reaches it, loops included
 * (a task that goes round a loop carries the credentials round). At the hop
 * of a delegation the delegate acts with its own credentials plus what the
 * delegation hands it: by passthrough everything the delegator can act with,
 * by exchange only the minted credential. What each agent holds at a hop
 * depends on the delegation alone, never on the chain that led there, so
 * every chain through a delegation shows the same gain the gate reports.
 */
import { ownCredentials } from '../../model/relations.js';
import type { Agent, Delegation } from '../../model/types.js';
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

/** What an agent can act with whenever it is tasked (its own, its tools', exchange-minted, passed through to it). */
export function heldBy(ctx: AnalysisContext, agent: string): readonly string[] {
  return ctx.relations.available.get(agent) ?? [];
}

export interface DelegationHop {
  /** Credentials the delegate acts with at this hop. */
  readonly credentials: readonly string[];
  /** `resource:action` keys of what they grant. */
  readonly pairs: ReadonlySet<string>;
  /** What the delegate can do at this hop that its delegator cannot. */
  readonly escalation: readonly PairRef[];
}

/** The hop of delegation `d` by agent `from`: what the delegate acts with, and what it gains over `from`. */
export function delegationHop(ctx: AnalysisContext, from: string, d: Delegation): DelegationHop {
  const handed = d.mode === 'passthrough' ? heldBy(ctx, from) : d.credential !== undefined ? [d.credential] : [];
  const credentials = hopCredentials(ctx, ctx.relations.agent.get(d.to)!, handed);
  const pairs = grantedPairs(ctx, credentials);
  return { credentials, pairs, escalation: gained(pairs, heldPairs(ctx, from)) };
}

const heldPairsCache = new WeakMap<AnalysisContext, Map<string, ReadonlySet<string>>>();

/** What an agent can do whenever it is tasked, worked out once per agent and analysed model. */
export function heldPairs(ctx: AnalysisContext, agent: string): ReadonlySet<string> {
  let byAgent = heldPairsCache.get(ctx);
  if (!byAgent) heldPairsCache.set(ctx, (byAgent = new Map()));
  let pairs = byAgent.get(agent);
  if (!pairs) byAgent.set(agent, (pairs = grantedPairs(ctx, heldBy(ctx, agent))));
  return pairs;
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
