/**
 * The straightforward approach the benchmark compares against: for one
 * credential, a search of its own over the graphology graph (nothing shared
 * between credentials), following graphology's own neighbour iteration as
 * graphology-traversal's breadth-first search would, carrying windows by the
 * rules of docs/simulation.md. It gives the same worst case as `worstCases`
 * (the benchmark checks that on its sample) at the cost of one full search
 * per credential.
 */
import type { AnalysisContext } from '../analyses/context.js';
import {
  channelDetection,
  copyShift,
  detectionSeconds,
  revocationLag,
  stopTime,
  worstChannel,
} from '../analyses/simulation/lifetime.js';
import type { WorstCase } from '../analyses/simulation/worst-case.js';
import { nodeKey, type CredentialGraph } from '../graph/build.js';
import { UNBOUNDED } from '../model/duration.js';
import { HARVEST_ACTIONS, HIGH_IMPACT_ACTIONS, impact, isHighOrCritical } from '../model/weights.js';

export function straightforwardWorstCase(graph: CredentialGraph, ctx: AnalysisContext, credential: string): WorstCase {
  const { model, relations, index } = ctx;
  const c = index.credentialIndex.get(credential)!;
  const detected = 0 + detectionSeconds(channelDetection(model, worstChannel(model, relations, credential)));
  const harvested = detected + model.detection.harvested;
  const rootStop = stopTime(index, model, c, 0, detected);
  const bearer = (key: string) =>
    graph.getNodeAttribute(key, 'kind') === 'credential' &&
    (graph.getNodeAttributes(key) as { binding: string }).binding === 'bearer';
  /** Stop of a credential acquired in the incident, issued at `issued`: the latest moment its reader or parent allows. */
  const ownStop = (key: string, issued: number) =>
    stopTime(index, model, index.credentialIndex.get(graph.getNodeAttribute(key, 'id'))!, issued, harvested);
  // A finite window above this can only be a loop of stores taking ever later copies with nothing to
  // revoke them: the longest finite window is a revocation or the leak's own stop, plus each
  // credential's shift (ttl, or task end) at most once (docs/simulation.md).
  const bound = finiteBound(ctx, harvested, rootStop);
  const nothing = {
    credential,
    exposureWindow: bearer(nodeKey('credential', credential)) ? Math.max(0, rootStop) : 0,
    revocationLag: revocationLag(rootStop, detected),
    score: 0,
    timeWeightedScore: 0,
    highImpact: [],
  };
  if (!bearer(nodeKey('credential', credential)) || !(rootStop > 0)) return nothing;

  const root = nodeKey('credential', credential);
  const window = new Map<string, number>([[root, rootStop]]);
  const pairs = new Map<string, { resource: string; action: string; impact: number; until: number }>();
  const queue: string[] = [root];
  const reach = (key: string, stop: number) => {
    if (key === root || (window.get(key) ?? -Infinity) >= stop) return;
    window.set(key, stop > bound ? UNBOUNDED : stop);
    queue.push(key);
  };
  const actWith = (credentialKey: string, stop: number) => {
    graph.forEachOutEdge(credentialKey, (_edge, attributes, _source, target) => {
      const allowed = (attributes.actions ?? []).filter((a) => !(attributes.approval ?? []).includes(a));
      if (attributes.kind === 'grants') {
        const resource = graph.getNodeAttributes(target) as {
          id: string;
          sensitivity: 'low' | 'medium' | 'high' | 'critical';
        };
        for (const action of allowed) {
          const pair = `${resource.id}\u0000${action}`;
          const found = pairs.get(pair);
          if (!found || found.until < stop)
            pairs.set(pair, {
              resource: resource.id,
              action,
              impact: impact(resource.sensitivity, action),
              until: stop,
            });
        }
        if (allowed.some((a) => HARVEST_ACTIONS.has(a))) {
          graph.forEachOutNeighbor(target, (held) => {
            if (bearer(held) && ownStop(held, stop) > 0) reach(held, ownStop(held, stop));
          });
        }
      } else if (attributes.kind === 'invokes' && allowed.includes('invoke')) {
        reach(target, stop);
      }
    });
  };
  while (queue.length > 0) {
    const key = queue.pop()!;
    const stop = window.get(key)!;
    if (!(stop > 0)) continue;
    if (key.startsWith('credential:')) {
      actWith(key, stop);
      graph.forEachOutEdge(key, (_edge, attributes, _source, child) => {
        if (attributes.kind !== 'mints' || !bearer(child)) return;
        const own = ownStop(child, stop);
        const revokedWithParent = relations.credential.get(graph.getNodeAttribute(child, 'id'))!.revokedWithParent;
        if (own > 0) reach(child, revokedWithParent ? Math.min(own, stop) : own);
      });
      continue;
    }
    // An agent acts with its own credentials, its tools', and those minted for it by exchange; it tasks its delegates.
    graph.forEachOutEdge(key, (_edge, attributes, _source, target) => {
      if (attributes.kind === 'holds') actWith(target, stop);
      else if (attributes.kind === 'uses') graph.forEachOutNeighbor(target, (used) => actWith(used, stop));
      else if (attributes.kind === 'delegates') reach(target, stop);
    });
    graph.forEachInEdge(key, (_edge, attributes) => {
      if (attributes.kind === 'delegates' && attributes.mode === 'exchange' && attributes.credential)
        actWith(nodeKey('credential', attributes.credential), stop);
    });
  }

  let lastStop = rootStop;
  for (const [key, stop] of window)
    if (key !== root && key.startsWith('credential:')) lastStop = Math.max(lastStop, stop);
  const reached = [...pairs.values()].sort((a, b) =>
    a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : a.action < b.action ? -1 : a.action > b.action ? 1 : 0,
  );
  let score = 0;
  let impactSeconds = 0;
  let unbounded = false;
  for (const p of reached) {
    score += p.impact;
    if (p.until === UNBOUNDED) unbounded = true;
    else impactSeconds += p.impact * p.until;
  }
  return {
    credential,
    exposureWindow: Math.max(0, rootStop),
    revocationLag: revocationLag(lastStop, detected),
    score,
    timeWeightedScore: unbounded ? UNBOUNDED : impactSeconds / 3_600,
    highImpact: reached
      .filter(
        (p) =>
          HIGH_IMPACT_ACTIONS.has(p.action) && isHighOrCritical(ctx.relations.resource.get(p.resource)!.sensitivity),
      )
      .map((p) => ({ resource: p.resource, action: p.action })),
  };
}

function finiteBound(ctx: AnalysisContext, harvested: number, rootStop: number): number {
  const { index, model } = ctx;
  let shifts = 0;
  let caps = rootStop === UNBOUNDED ? 0 : rootStop;
  for (let c = 0; c < index.credentials.length; c++) {
    const shift = copyShift(index, c);
    if (shift !== UNBOUNDED) shifts += shift;
    const cap = stopTime(index, model, c, UNBOUNDED, harvested);
    if (cap !== UNBOUNDED) caps = Math.max(caps, cap);
  }
  return caps + shifts;
}
