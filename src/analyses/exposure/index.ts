/**
 * Reverse exposure: who reaches a resource. Read off the worst-case leak of
 * each credential (the same `simulateLeak` that `simulate` and the worst
 * cases run): a credential reaches a (resource, action) pair when its
 * worst-case leak does, from when until when and through which path the
 * simulation says. An agent reaches it through the credentials it acts with
 * (its own, its tools', those handed or minted to it), a tool through the
 * credential it acts with. Each source is weighted by the time-weighted score
 * of that one pair (impact × hours of access) and ranked by it.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { AnalysisContext } from '../context.js';
import { compareText, simulateLeak, type LeakResult, type PathHop } from '../simulation/leak.js';
import { credentialsThatMayReach } from './may-reach.js';

export type SourceKind = 'credential' | 'agent' | 'tool';

export interface ExposureSource {
  readonly kind: SourceKind;
  readonly id: string;
  /** The credential whose worst-case leak gives this reach (the source itself for a credential). */
  readonly credential: string;
  readonly action: string;
  readonly impact: number;
  readonly from: Seconds;
  readonly until: Seconds;
  /** impact × hours of access; UNBOUNDED when the access never ends. */
  readonly weight: number;
  readonly path: readonly PathHop[];
}

export interface GatedSource {
  readonly credential: string;
  readonly action: string;
  readonly path: readonly PathHop[];
}

export interface Exposure {
  readonly resource: string;
  /** The actions asked about: the one given, or every action some credential grants on the resource. */
  readonly actions: readonly string[];
  /** Ranked: heaviest first (unbounded before any bounded weight), then the longest access. */
  readonly sources: readonly ExposureSource[];
  /** Credentials whose leak meets the pair only behind a human approval. */
  readonly gated: readonly GatedSource[];
  /** Worst-case leaks simulated to answer (the credentials that could reach the resource at all). */
  readonly simulated: number;
}

export class UnknownTargetError extends Error {}

/** The worst-case leak of a credential; the TUI passes its cached one. */
export type LeakOf = (credential: string) => LeakResult;

const KIND_ORDER: Readonly<Record<SourceKind, number>> = { credential: 0, agent: 1, tool: 2 };

export function exposure(
  ctx: AnalysisContext,
  query: { readonly resource: string; readonly action?: string },
  leakOf: LeakOf = (credential) => simulateLeak(ctx, { credential }),
): Exposure {
  const { index, model, relations } = ctx;
  const r = index.resources.indexOf(query.resource);
  if (r < 0) throw new UnknownTargetError(`unknown resource "${query.resource}"`);
  const actions = grantedActions(ctx, query.resource);
  if (query.action !== undefined && !actions.includes(query.action))
    throw new UnknownTargetError(`no credential grants "${query.action}" on "${query.resource}"`);
  const wanted = query.action !== undefined ? [query.action] : actions;

  const byCredential = new Map<string, ExposureSource[]>();
  const gated: GatedSource[] = [];
  const candidates = credentialsThatMayReach(index, r);
  for (const c of candidates) {
    const credential = index.credentials[c];
    const leak = leakOf(credential);
    const rows: ExposureSource[] = [];
    for (const p of leak.reached) {
      if (p.resource !== query.resource || !wanted.includes(p.action)) continue;
      rows.push({
        kind: 'credential',
        id: credential,
        credential,
        action: p.action,
        impact: p.impact,
        from: p.from,
        until: p.until,
        weight: p.until === UNBOUNDED ? UNBOUNDED : (p.impact * (p.until - p.from)) / 3_600,
        path: p.path,
      });
    }
    for (const g of leak.gated)
      if (g.resource === query.resource && wanted.includes(g.action))
        gated.push({ credential, action: g.action, path: g.path });
    if (rows.length > 0) byCredential.set(credential, rows);
  }

  const sources: ExposureSource[] = [...byCredential.values()].flat();
  // Agents and tools act with credentials: each keeps, per action, the heaviest reach among them.
  const best = new Map<string, ExposureSource>();
  const offer = (kind: SourceKind, id: string, row: ExposureSource) => {
    const key = `${kind}\u0000${id}\u0000${row.action}`;
    const current = best.get(key);
    const candidate = { ...row, kind, id };
    if (!current || compareSources(candidate, current) < 0) best.set(key, candidate);
  };
  for (const a of model.agents)
    for (const c of relations.available.get(a.id) ?? [])
      for (const row of byCredential.get(c) ?? []) offer('agent', a.id, row);
  for (const t of model.tools)
    if (t.credential !== undefined) for (const row of byCredential.get(t.credential) ?? []) offer('tool', t.id, row);
  sources.push(...best.values());
  sources.sort(compareSources);
  gated.sort((a, b) => compareText(a.credential, b.credential) || compareText(a.action, b.action));
  return { resource: query.resource, actions: wanted, sources, gated, simulated: candidates.length };
}

/** Heaviest first (unbounded first), then the longest access, then by kind, id and action. */
export function compareSources(a: ExposureSource, b: ExposureSource): number {
  return (
    descending(a.weight, b.weight) ||
    descending(a.until, b.until) ||
    a.from - b.from ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.id, b.id) ||
    compareText(a.action, b.action)
  );
}

/** Larger first; two unbounded values are equal (their difference would be NaN). */
function descending(a: number, b: number): number {
  return a === b ? 0 : b - a;
}

/** Every action some credential grants on the resource, in action-name order. */
export function grantedActions(ctx: AnalysisContext, resource: string): string[] {
  const out = new Set<string>();
  for (const c of ctx.model.credentials)
    for (const g of c.grants)
      if (g.target.kind === 'resource' && g.target.id === resource) for (const a of g.actions) out.add(a);
  return [...out].sort(compareText);
}
