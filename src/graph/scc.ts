/** Strongly connected components: one implementation, in the model stage, where delegation is first closed. */
export { stronglyConnectedComponents, type Components } from '../model/scc.js';
