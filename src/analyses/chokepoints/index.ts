/**
 * Chokepoints: the few elements through which the most risk flows, and what
 * cutting each takes away. Greedy, in three steps:
 *
 * 1. Flow: the worst-case leaks of the riskiest credentials (all of them up to
 *    `sample`) are simulated, and each reached pair's weight is counted
 *    against every element on its path (./flow.ts).
 * 2. Cuts: the elements with the most flow become candidate changes to the
 *    model: narrow a credential to what the workflows use, move the stored
 *    credentials out of a store, remove a delegation, take a tool from the
 *    agents whose workflows never use it, remove an invoke grant.
 * 3. Measure: each cut is applied to a copy of the model and measured by the
 *    same re-simulation `recommend` uses (every credential's worst case
 *    again, the total risk of the model); one that would stop a workflow is
 *    withheld. The cuts are ranked by the risk they take away alone; then,
 *    in that order, each is measured once more together with the ones above
 *    it, so the cumulative figure is measured too, not summed.
 */
import type { LoadedModel } from '../../model/load.js';
import { grantKey } from '../recommendations/edits.js';
import { factsOf, type Facts } from '../recommendations/facts.js';
import { compareTotals, lowersRisk } from '../recommendations/measure.js';
import {
  baselineOf,
  measureEdits,
  type Baseline,
  type Edit,
  type Effect,
  type Totals,
} from '../recommendations/index.js';
import { list, narrowGrants } from '../recommendations/shared.js';
import { prepareAnalysis } from '../context.js';
import { compareText, simulateLeak } from '../simulation/leak.js';
import { compareFlows, flowsOf, type Flow } from './flow.js';

export type ChokepointKind = 'credential' | 'store' | 'delegation' | 'tool' | 'invoke';

export interface Chokepoint {
  /** `kind:id`, e.g. `store:checkout-repo`, `delegation:orchestrator>coder`, `invoke:gh-pat>deployer`. */
  readonly id: string;
  readonly kind: ChokepointKind;
  /** What to change, in one line. */
  readonly change: string;
  readonly edits: readonly Edit[];
  /** Risk the sampled leaks carry through it (the estimate that chose it). */
  readonly flow: Flow;
  /** Measured: the model's total risk before and after this cut alone. */
  readonly effect: Effect;
  /** Measured: the total risk with this cut and every one ranked above it applied together. */
  readonly together: Totals;
  /** Whether, made after the ones above, it still lowers the total risk (false: they already cut what it cuts). */
  readonly addsOnTop: boolean;
}

export interface ChokepointOptions {
  /** How many chokepoints to name (default 5). */
  readonly limit?: number;
  /** How many of the elements with the most flow to measure (default 3 × limit). */
  readonly candidates?: number;
  /** How many worst-case leaks (riskiest credentials first) the flow is read from (default 1,000). */
  readonly sample?: number;
}

export interface ChokepointResult {
  readonly model: string;
  readonly before: Totals;
  readonly chokepoints: readonly Chokepoint[];
  /** Cuts not shown because the changed model would not load or a workflow would stop. */
  readonly withheld: readonly { readonly id: string; readonly reason: string }[];
  /** Cuts measured. */
  readonly measured: number;
  /** Worst-case leaks the flow was read from, out of every credential. */
  readonly sampled: number;
  readonly credentials: number;
}

interface Cut {
  readonly id: string;
  readonly kind: ChokepointKind;
  readonly change: string;
  readonly edits: readonly Edit[];
  readonly flow: Flow;
}

export function chokepoints(
  loaded: Pick<LoadedModel, 'document' | 'model' | 'relations'>,
  options: ChokepointOptions = {},
): ChokepointResult {
  const limit = options.limit ?? 5;
  const candidates = options.candidates ?? limit * 3;
  const baseline = baselineOf(loaded);
  const facts = factsOf(loaded);
  const { flows, sampled } = sampledFlows(loaded, baseline, options.sample ?? 1_000);

  const ranked = [...flows].sort((a, b) => compareFlows(a[1], b[1]) || compareText(a[0], b[0]));
  const cuts: Cut[] = [];
  for (const [element, flow] of ranked) {
    if (cuts.length >= candidates) break;
    const cut = cutOf(facts, element, flow);
    if (cut && cut.edits.length > 0) cuts.push(cut);
  }

  const withheld: { id: string; reason: string }[] = [];
  const kept: (Cut & { effect: Effect })[] = [];
  for (const cut of cuts) {
    const outcome = measureEdits(baseline, cut.edits);
    if (!outcome.ok) withheld.push({ id: cut.id, reason: outcome.reasons[0] ?? 'it would not load' });
    else if (lowersRisk(outcome.effect)) kept.push({ ...cut, effect: outcome.effect });
  }
  kept.sort((a, b) => compareTotals(a.effect.after, b.effect.after) || compareText(a.id, b.id));

  const chosen: Chokepoint[] = [];
  let edits: readonly Edit[] = [];
  let current = baseline.measured.totals;
  for (const cut of kept.slice(0, limit)) {
    const trial = [...edits, ...cut.edits];
    const together = chosen.length === 0 ? { ok: true as const, effect: cut.effect } : measureEdits(baseline, trial);
    // Cuts that clash with the ones above (the combination would not load) stay out of the running total.
    const addsOnTop = together.ok && compareTotals(together.effect.after, current) < 0;
    if (together.ok && addsOnTop) {
      edits = trial;
      current = together.effect.after;
    }
    chosen.push({ ...cut, together: current, addsOnTop });
  }
  return {
    model: loaded.model.name,
    before: baseline.measured.totals,
    chokepoints: chosen,
    withheld,
    measured: cuts.length,
    sampled,
    credentials: loaded.model.credentials.length,
  };
}

/** Flow per element, from the worst-case leaks of the `sample` riskiest credentials. */
function sampledFlows(
  loaded: Pick<LoadedModel, 'model' | 'relations'>,
  baseline: Baseline,
  sample: number,
): { flows: Map<string, Flow>; sampled: number } {
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  const cases = [...baseline.measured.cases.values()].filter((c) => c.score > 0);
  cases.sort(
    (a, b) =>
      (a.timeWeightedScore === b.timeWeightedScore ? 0 : b.timeWeightedScore - a.timeWeightedScore) ||
      compareText(a.credential, b.credential),
  );
  const chosen = cases.slice(0, sample).map((c) => c.credential);
  const toolsOf = new Map<string, string[]>();
  for (const a of loaded.model.agents)
    for (const t of a.tools) {
      const credential = loaded.relations.tool.get(t)?.credential;
      if (credential !== undefined)
        toolsOf.set(`${a.id}\u0000${credential}`, [...(toolsOf.get(`${a.id}\u0000${credential}`) ?? []), t]);
    }
  const toolOf = (agent: string, credential: string) => toolsOf.get(`${agent}\u0000${credential}`) ?? [];
  const leaks = (function* () {
    for (const credential of chosen) yield simulateLeak(ctx, { credential });
  })();
  return { flows: flowsOf(leaks, toolOf), sampled: chosen.length };
}

/** The change that removes or narrows an element, as edits of the document; undefined when there is none to make. */
function cutOf(facts: Facts, element: string, flow: Flow): Cut | undefined {
  const colon = element.indexOf(':');
  const kind = element.slice(0, colon) as ChokepointKind;
  const id = element.slice(colon + 1);
  const make = (change: string, edits: readonly Edit[]): Cut => ({ id: element, kind, change, edits, flow });
  switch (kind) {
    case 'credential': {
      // Only a credential some agent acts with can be judged by its workflows.
      if (!facts.inUse.has(id) || !facts.position.credential.has(id)) return undefined;
      const used = facts.used.get(id);
      const edits = narrowGrants(facts, id, (key) => !used?.has(key));
      return make(
        used ? `Narrow ${id} to what its workflows use` : `Remove every grant of ${id}: no workflow uses it`,
        edits,
      );
    }
    case 'store': {
      const r = facts.position.resource.get(id);
      const held = facts.relations.resource.get(id)?.holds ?? [];
      if (r === undefined || held.length === 0) return undefined;
      return make(
        `Move ${list(held.length > 5 ? [...held.slice(0, 4), `${held.length - 4} more`] : held)} out of ${id}`,
        held.map((c, j) => ({ op: 'remove', path: ['resources', r, 'holds', j], old: c })),
      );
    }
    case 'delegation': {
      const [from, to] = id.split('>');
      const a = facts.position.agent.get(from);
      const j = (facts.document.agents?.[a ?? -1]?.delegates ?? []).findIndex((d) => d.to === to);
      if (a === undefined || j < 0) return undefined;
      const old = facts.document.agents![a].delegates![j];
      return make(`Remove ${from}'s delegation to ${to}`, [
        { op: 'remove', path: ['agents', a, 'delegates', j], old: old as never },
      ]);
    }
    case 'tool': {
      const edits: Edit[] = [];
      const from: string[] = [];
      (facts.document.agents ?? []).forEach((agent, a) => {
        (agent.tools ?? []).forEach((t, j) => {
          if (t !== id || usesTool(facts, agent.id, id)) return;
          edits.push({ op: 'remove', path: ['agents', a, 'tools', j], old: t });
          from.push(agent.id);
        });
      });
      const agents = from.length > 5 ? [...from.slice(0, 4), `${from.length - 4} more agents`] : from;
      return make(`Take ${id} away from ${list(agents)}: no workflow of theirs uses it`, edits);
    }
    case 'invoke': {
      const [credential, agent] = id.split('>');
      if (!facts.position.credential.has(credential)) return undefined;
      const key = grantKey('agent', agent, 'invoke');
      return make(
        `Remove ${credential}'s invoke grant on agent ${agent}`,
        narrowGrants(facts, credential, (k) => k === key),
      );
    }
  }
}

function usesTool(facts: Facts, agent: string, tool: string): boolean {
  return (facts.workflowsOf.get(agent) ?? []).some((w) => w.steps.some((s) => s.kind === 'action' && s.tool === tool));
}
