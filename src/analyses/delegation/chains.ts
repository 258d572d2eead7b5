/**
 * Every chain of delegation, hop by hop: who tasks whom, by passthrough or
 * exchange, what each agent can do at its hop, where a delegate ends up with
 * more than its delegator (escalation), where attribution to the acting agent
 * is lost, and where a chain is too deep or loops. The walk is iterative and
 * stops at a repeated agent, so cycles end and are reported. What each agent
 * holds at a hop comes from ./permissions.ts, the analysis the CI gate reads
 * too: a chain shows, at each delegation, the gain LR007 reports for it.
 */
import type { Delegation, DelegationMode } from '../../model/types.js';
import type { AnalysisContext } from '../context.js';
import type { PairRef } from '../simulation/worst-case.js';
import { delegationHop, heldBy, heldPairs, sortedPairs } from './permissions.js';

export const DEFAULT_MAX_DEPTH = 3;
/** Chains are enumerated up to this many; a dense delegation graph has exponentially many. */
export const MAX_CHAINS = 10_000;
/**
 * At most this many entries (hops, and the credentials and pairs each lists)
 * over all chains: in a clique that passes its credentials around, 10,000
 * chains of 50 hops of 50 credentials would not fit in one output.
 */
export const MAX_LISTED_ENTRIES = 2_000_000;

export interface DelegationHop {
  readonly agent: string;
  /** How this agent got the task: `root` for the first hop. */
  readonly mode: DelegationMode | 'root';
  /** With exchange: the credential minted for this hop. */
  readonly credential?: string;
  /** Credentials the agent acts with at this hop. */
  readonly credentials: readonly string[];
  /** Every (resource, action) it can exercise at this hop. */
  readonly effective: readonly PairRef[];
  /** What it can do that the previous hop could not. */
  readonly escalation: readonly PairRef[];
  /** From this hop on, actions cannot be traced to the agent that performed them (a passthrough token speaks for its first holder). */
  readonly attributionLost: boolean;
}

export interface DelegationChain {
  readonly hops: readonly DelegationHop[];
  /** Delegations in the chain (hops - 1). */
  readonly depth: number;
  readonly tooDeep: boolean;
  readonly escalates: boolean;
  /** Set when the chain's last agent delegates back to an agent already in it. */
  readonly cycleTo?: string;
  /** With `cycleTo`: what that agent, tasked again by the last one, can do that the last one cannot. */
  readonly loopEscalation?: readonly PairRef[];
  /** Index of the first hop whose actions cannot be attributed, or undefined. */
  readonly attributionLostAt?: number;
}

export interface ChainsResult {
  readonly chains: readonly DelegationChain[];
  readonly truncated: boolean;
}

export function delegationChains(
  ctx: AnalysisContext,
  options: { from?: string; maxDepth?: number } = {},
): ChainsResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const chains: DelegationChain[] = [];
  const listed = { entries: 0 };
  for (const root of chainRoots(ctx, options.from)) {
    if (!walk(ctx, root, maxDepth, chains, listed)) return { chains, truncated: true };
  }
  return { chains, truncated: false };
}

/** Agents chains start from: the one asked for, else every delegating agent nobody delegates to (and one per loop that has none). */
export function chainRoots(ctx: AnalysisContext, from?: string): string[] {
  if (from !== undefined) return [from];
  const { agents } = ctx.model;
  const roots = agents.filter((a) => a.delegates.length > 0 && !ctx.relations.delegators.has(a.id)).map((a) => a.id);
  const covered = reachableFrom(ctx, roots);
  for (const a of agents) {
    if (a.delegates.length === 0 || covered.has(a.id)) continue;
    roots.push(a.id);
    for (const id of reachableFrom(ctx, [a.id])) covered.add(id);
  }
  return roots;
}

function reachableFrom(ctx: AnalysisContext, starts: readonly string[]): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const d of ctx.relations.agent.get(queue.pop()!)?.delegates ?? []) {
      if (!seen.has(d.to)) {
        seen.add(d.to);
        queue.push(d.to);
      }
    }
  }
  return seen;
}

interface Frame {
  readonly hop: DelegationHop;
  next: number;
}

/** Depth-first over delegations with an explicit stack; returns false once MAX_CHAINS or MAX_LISTED_ENTRIES is reached. */
function walk(
  ctx: AnalysisContext,
  root: string,
  maxDepth: number,
  chains: DelegationChain[],
  listed: { entries: number },
): boolean {
  const rootAgent = ctx.relations.agent.get(root);
  if (!rootAgent) return true;
  const stack: Frame[] = [rootFrame(ctx, root)];
  const onPath = new Set([root]);
  let counted = chains.length;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const agent = ctx.relations.agent.get(top.hop.agent)!;
    if (agent.delegates.length === 0 && top.next === 0) {
      top.next = 1;
      chains.push(chainOf(stack, maxDepth));
    }
    if (top.next >= agent.delegates.length) {
      stack.pop();
      onPath.delete(top.hop.agent);
      continue;
    }
    const d = agent.delegates[top.next++];
    if (onPath.has(d.to)) {
      chains.push(chainOf(stack, maxDepth, d.to, delegationHop(ctx, agent.id, d).escalation));
    } else {
      stack.push(delegateFrame(ctx, agent.id, d, top));
      onPath.add(d.to);
    }
    while (counted < chains.length) listed.entries += entriesOf(chains[counted++]);
    if (chains.length >= MAX_CHAINS || listed.entries >= MAX_LISTED_ENTRIES) return false;
  }
  return true;
}

function entriesOf(chain: DelegationChain): number {
  let n = 0;
  for (const h of chain.hops) n += 1 + h.credentials.length + h.effective.length + h.escalation.length;
  return n;
}

/** The first agent of a chain acts with everything it can hold. */
function rootFrame(ctx: AnalysisContext, agentId: string): Frame {
  const credentials = [...heldBy(ctx, agentId)];
  return {
    hop: {
      agent: agentId,
      mode: 'root',
      credentials,
      effective: sortedPairs(heldPairs(ctx, agentId)),
      escalation: [],
      attributionLost: false,
    },
    next: 0,
  };
}

function delegateFrame(ctx: AnalysisContext, from: string, d: Delegation, previous: Frame): Frame {
  const { credentials, pairs, escalation } = delegationHop(ctx, from, d);
  return {
    hop: {
      agent: d.to,
      mode: d.mode,
      credential: d.credential,
      credentials,
      effective: sortedPairs(pairs),
      escalation,
      attributionLost: d.mode === 'passthrough' || previous.hop.attributionLost,
    },
    next: 0,
  };
}

function chainOf(
  stack: readonly Frame[],
  maxDepth: number,
  cycleTo?: string,
  loopEscalation?: readonly PairRef[],
): DelegationChain {
  const hops = stack.map((f) => f.hop);
  const lost = hops.findIndex((h) => h.attributionLost);
  const depth = hops.length - 1 + (cycleTo !== undefined ? 1 : 0);
  return {
    hops,
    depth,
    tooDeep: depth > maxDepth,
    escalates: hops.some((h) => h.escalation.length > 0) || (loopEscalation?.length ?? 0) > 0,
    cycleTo,
    loopEscalation,
    attributionLostAt: lost >= 0 ? lost : undefined,
  };
}
