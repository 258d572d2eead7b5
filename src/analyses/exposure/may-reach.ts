/**
 * Which credentials could reach a resource at all: the reverse closure, over
 * the reach index and ignoring time, of the credentials that grant it. It
 * only narrows which worst-case leaks `exposure` simulates: every figure it
 * reports comes from the simulation. It follows every relation the
 * simulation can follow (and a few more: an agent's minted children), so it
 * never leaves out a credential whose leak reaches the resource; the tests
 * compare it with simulating every credential.
 */
import type { Csr, ReachIndex } from '../../graph/reach-index.js';

/** Reverse adjacency over credentials (0..C-1) and agents (C..C+A-1), built once per index. */
const reversed = new WeakMap<ReachIndex, Csr>();

export function credentialsThatMayReach(index: ReachIndex, resource: number): number[] {
  const C = index.credentials.length;
  const back = reverseOf(index);
  const seen = new Uint8Array(C + index.agents.length);
  const stack: number[] = [];
  for (let c = 0; c < C; c++) {
    const { offsets, targets } = index.grants;
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      if (index.pairResource[targets[k]] !== resource) continue;
      seen[c] = 1;
      stack.push(c);
      break;
    }
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let k = back.offsets[v]; k < back.offsets[v + 1]; k++) {
      const u = back.targets[k];
      if (seen[u]) continue;
      seen[u] = 1;
      stack.push(u);
    }
  }
  const out: number[] = [];
  for (let c = 0; c < C; c++) if (seen[c]) out.push(c);
  return out;
}

function reverseOf(index: ReachIndex): Csr {
  let back = reversed.get(index);
  if (back) return back;
  const C = index.credentials.length;
  const N = C + index.agents.length;
  const edges: [number, number][] = [];
  const forward = (csr: Csr, from: number, rows: number, shift: number, targetShift: number) => {
    for (let i = 0; i < rows; i++)
      for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++)
        edges.push([from + i + shift, csr.targets[k] + targetShift]);
  };
  forward(index.invokes, 0, C, 0, C); // a credential tasks an agent
  forward(index.harvests, 0, C, 0, 0); // reads a store holding another credential
  forward(index.mints, 0, C, 0, 0); // mints a child
  forward(index.deputies, 0, index.agents.length, C, 0); // an agent acts with its credentials
  forward(index.delegates, 0, index.agents.length, C, C); // an agent tasks its delegates
  const offsets = new Int32Array(N + 1);
  for (const [, to] of edges) offsets[to + 1]++;
  for (let v = 0; v < N; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, N);
  const targets = new Int32Array(edges.length);
  for (const [from, to] of edges) targets[fill[to]++] = from;
  back = { offsets, targets };
  reversed.set(index, back);
  return back;
}
