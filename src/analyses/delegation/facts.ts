/**
 * Delegation facts for the CI gate, in time linear in the model: for every
 * delegation edge, what the delegate gains beyond its delegator and how deep
 * the longest chain through it is; and every delegation loop. Unlike chain
 * enumeration this never explodes on a dense delegation graph.
 */
import type { DocPath } from '../../yaml/diagnostic.js';
import type { DelegationMode } from '../../model/types.js';
import { stronglyConnectedComponents } from '../../graph/scc.js';
import type { AnalysisContext } from '../context.js';
import type { PairRef } from '../simulation/worst-case.js';
import { delegationHop } from './permissions.js';

export interface DelegationEdgeFact {
  readonly from: string;
  readonly to: string;
  readonly mode: DelegationMode;
  readonly credential?: string;
  /** The `delegates` entry in the model. */
  readonly path: DocPath;
  /** What the delegate can do that the delegator cannot. */
  readonly escalation: readonly PairRef[];
  /** Delegations in the longest loop-free chain that ends with this one (1 for a delegation by a root agent). */
  readonly depth: number;
  /** Whether this delegation is part of a loop. */
  readonly inCycle: boolean;
}

export interface DelegationFacts {
  readonly edges: readonly DelegationEdgeFact[];
  /** Each delegation loop as its agents, in model order. */
  readonly cycles: readonly (readonly string[])[];
}

export function delegationFacts(ctx: AnalysisContext): DelegationFacts {
  const { model, index } = ctx;
  const n = index.agents.length;
  const scc = stronglyConnectedComponents(index.delegates, n);
  const depthEnding = longestChainEnding(ctx, scc.component, scc.count);
  const edges: DelegationEdgeFact[] = [];
  for (const agent of model.agents) {
    const from = index.agentIndex.get(agent.id)!;
    for (const d of agent.delegates) {
      const to = index.agentIndex.get(d.to)!;
      edges.push({
        from: agent.id,
        to: d.to,
        mode: d.mode,
        credential: d.credential,
        path: d.path,
        escalation: delegationHop(ctx, agent.id, d).escalation,
        depth: depthEnding[from] + 1,
        inCycle: scc.component[from] === scc.component[to],
      });
    }
  }
  const members = new Map<number, string[]>();
  model.agents.forEach((a, i) => {
    if (scc.sizes[scc.component[i]] < 2) return;
    const list = members.get(scc.component[i]) ?? [];
    list.push(a.id);
    members.set(scc.component[i], list);
  });
  const cycles = [...members.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { edges, cycles };
}

/**
 * Longest chain of delegations ending at each agent, over the loop-free
 * condensation (an agent in a loop counts its loop once). Components arrive in
 * reverse topological order, so walking them backwards visits delegators first.
 */
function longestChainEnding(ctx: AnalysisContext, component: Int32Array, count: number): Int32Array {
  const { offsets, targets } = ctx.index.delegates;
  const n = component.length;
  const byComponent: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) byComponent[component[v]].push(v);
  const depth = new Int32Array(count);
  for (let c = count - 1; c >= 0; c--) {
    for (const v of byComponent[c]) {
      for (let k = offsets[v]; k < offsets[v + 1]; k++) {
        const w = component[targets[k]];
        if (w !== c && depth[c] + 1 > depth[w]) depth[w] = depth[c] + 1;
      }
    }
  }
  const perAgent = new Int32Array(n);
  for (let v = 0; v < n; v++) perAgent[v] = depth[component[v]];
  return perAgent;
}
