/**
 * What tasking an agent gives the attacker for as long as it can task it: the
 * approval-free grants of every credential the agent acts with, and of every
 * agent it can task in turn (by delegation, or by an invoke grant of one of its
 * credentials). That is a plain set, the same for every agent of a strongly
 * connected component of the tasking graph, built once per component in
 * reverse topological order (Tarjan's order) by extending the largest
 * successor's set in place when it may, copying it otherwise.
 */
import type { Csr, ReachIndex } from '../../../graph/reach-index.js';
import { stronglyConnectedComponents } from '../../../graph/scc.js';
import { IntList } from './int-map.js';
import type { PairFacts } from './fixed-closure.js';
import { PairBuffer, PairSnapshot } from './pair-set.js';

export interface AgentClosures {
  /** Component of each agent in the tasking graph. */
  readonly component: Int32Array;
  /** What tasking a component gives. */
  readonly closure: readonly PairSnapshot[];
}

export function agentClosures(index: ReachIndex, facts: PairFacts): AgentClosures {
  const A = index.agents.length;
  const tasking = taskingGraph(index);
  const { component, count } = stronglyConnectedComponents(tasking, A);
  const members = groupMembers(component, count);
  const closure: PairSnapshot[] = new Array(count);
  const seen = new Int32Array(count).fill(-1);
  for (let x = 0; x < count; x++) {
    // Successor components, each once.
    const successors: number[] = [];
    for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
      const a = members.targets[k];
      for (let e = tasking.offsets[a]; e < tasking.offsets[a + 1]; e++) {
        const y = component[tasking.targets[e]];
        if (y !== x && seen[y] !== x) {
          seen[y] = x;
          successors.push(y);
        }
      }
    }
    let largest = -1;
    for (const y of successors) if (largest < 0 || closure[y].length > closure[largest].length) largest = y;
    let buffer: PairBuffer;
    if (largest >= 0 && closure[largest].extensible) buffer = closure[largest].buffer;
    else {
      buffer = new PairBuffer();
      if (largest >= 0) copyInto(buffer, closure[largest], facts);
    }
    for (const y of successors) if (y !== largest) copyInto(buffer, closure[y], facts);
    for (let k = members.offsets[x]; k < members.offsets[x + 1]; k++) {
      const a = members.targets[k];
      const { offsets, targets } = index.deputies;
      for (let j = offsets[a]; j < offsets[a + 1]; j++) addGrants(buffer, index, targets[j], facts);
    }
    closure[x] = PairSnapshot.of(buffer);
  }
  return { component, closure };
}

/** Agent → agents it can task: its delegates, and agents its credentials may invoke without approval. */
function taskingGraph(index: ReachIndex): Csr {
  const A = index.agents.length;
  const offsets = new Int32Array(A + 1);
  const targets = new IntList();
  for (let a = 0; a < A; a++) {
    const { delegates, deputies, invokes } = index;
    for (let k = delegates.offsets[a]; k < delegates.offsets[a + 1]; k++) targets.push(delegates.targets[k]);
    for (let k = deputies.offsets[a]; k < deputies.offsets[a + 1]; k++) {
      const d = deputies.targets[k];
      for (let j = invokes.offsets[d]; j < invokes.offsets[d + 1]; j++) targets.push(invokes.targets[j]);
    }
    offsets[a + 1] = targets.length;
  }
  return { offsets, targets: targets.data.subarray(0, targets.length) };
}

/** Approval-free grants of credential c. */
export function addGrants(buffer: PairBuffer, index: ReachIndex, c: number, facts: PairFacts): void {
  const { offsets, targets } = index.grants;
  for (let k = offsets[c]; k < offsets[c + 1]; k++) {
    if (index.grantGated[k]) continue;
    const p = targets[k];
    buffer.add(p, facts.impact[p], facts.high[p] === 1);
  }
}

function copyInto(buffer: PairBuffer, from: PairSnapshot, facts: PairFacts): void {
  const pairs = from.buffer.pairs;
  for (let i = 0; i < from.length; i++) {
    const p = pairs[i];
    buffer.add(p, facts.impact[p], facts.high[p] === 1);
  }
}

/** Members of each component, as CSR. */
export function groupMembers(component: Int32Array, count: number): Csr {
  const offsets = new Int32Array(count + 1);
  for (let v = 0; v < component.length; v++) offsets[component[v] + 1]++;
  for (let x = 0; x < count; x++) offsets[x + 1] += offsets[x];
  const fill = offsets.slice(0, count);
  const targets = new Int32Array(component.length);
  for (let v = 0; v < component.length; v++) targets[fill[component[v]]++] = v;
  return { offsets, targets };
}
