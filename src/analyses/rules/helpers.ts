/** Small facts several rules share, derived from the relations in linear time. */
import { formatDuration, type Seconds } from '../../model/duration.js';
import { quote } from '../../model/messages.js';
import type { Credential } from '../../model/types.js';
import type { AnalysisContext } from '../context.js';
import type { PairRef } from '../simulation/worst-case.js';

/** For every credential, the agents that can act with it (their own, their tools', or handed over by delegation), in model order. */
export function agentsActingWith(ctx: AnalysisContext): ReadonlyMap<string, readonly string[]> {
  let out = actingWith.get(ctx);
  if (out) return out;
  const sets = new Map<string, Set<string>>();
  for (const a of ctx.model.agents) {
    for (const c of ctx.relations.available.get(a.id) ?? []) {
      const set = sets.get(c);
      if (set) set.add(a.id);
      else sets.set(c, new Set([a.id]));
    }
  }
  out = new Map([...sets].map(([c, agents]) => [c, [...agents]]));
  actingWith.set(ctx, out);
  return out;
}

/** Five rules ask; a shared credential has thousands of agents, so it is worked out once per analysed model. */
const actingWith = new WeakMap<AnalysisContext, ReadonlyMap<string, readonly string[]>>();

/** How long a leaked instance can live: the ttl, or the refresh limit of a refreshable credential. */
export function usableLife(c: Credential): Seconds {
  return c.maxLifetime !== undefined ? Math.max(c.maxLifetime, c.ttl) : c.ttl;
}

/** `"a", "b" and "c"`: quoted, sorted, at most `max` shown. */
export function quotedList(ids: Iterable<string>, max = 5): string {
  return listText(
    [...new Set(ids)].sort().map((id) => quote(id)),
    max,
  );
}

/** `app-repo:write, prod-cluster:deploy`: sorted pairs, at most `max` shown. */
export function pairList(pairs: readonly PairRef[], max = 5): string {
  const keys = [...new Set(pairs.map((p) => `${p.resource}:${p.action}`))].sort();
  return listText(
    keys.map((k) => quote(k).slice(1, -1)),
    max,
    ', ',
  );
}

function listText(items: readonly string[], max: number, last = ' and '): string {
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`;
}

/** `90d`, or `no expiry` for never. */
export function lifeText(s: Seconds): string {
  return s === Number.POSITIVE_INFINITY ? 'no expiry' : formatDuration(s);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
