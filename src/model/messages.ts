import type { DocPath } from '../yaml/diagnostic.js';
import { LIMITS } from '../yaml/limits.js';
import { quote } from '../yaml/quote.js';

export { quote };

const SINGULAR: Record<string, string> = {
  agents: 'agent',
  tools: 'tool',
  resources: 'resource',
  credentials: 'credential',
  workflows: 'workflow',
  accept: 'acceptance',
};

/** The element a path lies in, as a message prefix: `credential "gh-pat": `. */
export function elementContext(path: DocPath, root: unknown): string {
  if (path.length < 2 || typeof path[0] !== 'string' || typeof path[1] !== 'number') return '';
  const kind = SINGULAR[path[0]];
  if (!kind) return '';
  const list = (root as Record<string, unknown>)[path[0]];
  const element = Array.isArray(list) ? (list[path[1]] as Record<string, unknown> | undefined) : undefined;
  const id = element && typeof element === 'object' ? (element.id ?? element.finding) : undefined;
  return typeof id === 'string' ? `${kind} ${quote(id)}: ` : `${kind} #${path[1] + 1}: `;
}

/** ` (did you mean "app-repo"?)` when one candidate is a near miss, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? ` (did you mean ${quote(best)}?)` : '';
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), giving up past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** `a, b, c`, or for a long list its first few and a count: `a, b, … and 2,988 more (3,000 in all)`. */
export function someOf(items: readonly string[], max: number = LIMITS.listed): string {
  if (items.length <= max) return items.join(', ');
  const rest = items.length - max;
  return `${items.slice(0, max).join(', ')}, … and ${rest.toLocaleString('en-US')} more (${items.length.toLocaleString('en-US')} in all)`;
}
