/**
 * Strongly connected components of a graph in CSR form, by Tarjan's algorithm
 * with an explicit stack: no recursion, so a 100,000-long chain or one giant
 * cycle cannot overflow the call stack. Components come out in reverse
 * topological order (a component is emitted after every component it reaches).
 */

/** A directed graph in compressed sparse rows: node v's successors are targets[offsets[v] .. offsets[v + 1]). */
export interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

export interface Components {
  /** component[v]: the component of node v, numbered in emission order. */
  readonly component: Int32Array;
  readonly count: number;
  /** Size of each component. */
  readonly sizes: Int32Array;
}

export function stronglyConnectedComponents(graph: Csr, nodes: number): Components {
  const { offsets, targets } = graph;
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const onStack = new Uint8Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const stack = new Int32Array(nodes);
  let stackTop = 0;
  // The call stack of the depth-first search: node and the next edge to look at.
  const callNode = new Int32Array(nodes);
  const callEdge = new Int32Array(nodes);
  let depth: number;
  let counter = 0;
  let count = 0;
  const sizes: number[] = [];

  for (let start = 0; start < nodes; start++) {
    if (index[start] !== -1) continue;
    callNode[0] = start;
    callEdge[0] = offsets[start];
    depth = 1;
    index[start] = low[start] = counter++;
    stack[stackTop++] = start;
    onStack[start] = 1;
    while (depth > 0) {
      const v = callNode[depth - 1];
      const edge = callEdge[depth - 1];
      if (edge < offsets[v + 1]) {
        callEdge[depth - 1] = edge + 1;
        const w = targets[edge];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          callNode[depth] = w;
          callEdge[depth] = offsets[w];
          depth++;
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      // All edges of v done: close its component if v is a root, then return to the caller.
      if (low[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--stackTop];
          onStack[w] = 0;
          component[w] = count;
          size++;
        } while (w !== v);
        sizes.push(size);
        count++;
      }
      depth--;
      if (depth > 0) {
        const caller = callNode[depth - 1];
        if (low[v] < low[caller]) low[caller] = low[v];
      }
    }
  }
  return { component, count, sizes: Int32Array.from(sizes) };
}
