/**
 * The hijacked agent: the second attacker of every total. An agent steered by
 * injected instructions needs no copy of anything: it acts from inside its
 * own workload with every credential it holds, bound ones included, through
 * its tools and its delegations, for as long as the hijack and those
 * credentials last. The rules are those of docs/simulation.md, "The hijacked
 * agent"; the search is the leak's (./attack.ts), started from the agent.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { AnalysisContext } from '../context.js';
import { changedNodes, readsOf, unchanged, type Reads } from './changes.js';
import { attackScores, exploreAttack, type AttackerStart } from './attack.js';
import { relevantAssumptions } from './leak.js';
import { channelDetection, detectionSeconds, lifetime } from './lifetime.js';
import type { ReachFigures } from './pairs.js';

/** Where injected instructions arrive: a hijack is detected as a leak through this channel is. */
export const HIJACK_CHANNEL = 'prompt-context';

export interface HijackInput {
  readonly agent: string;
  /** Time each hop (harvest, mint, invoke, delegation) takes. Default 0. */
  readonly hopDelay?: Seconds;
}

export interface HijackResult extends ReachFigures {
  readonly agent: string;
  /** When the incident is detected: the detection time of the prompt-context channel. */
  readonly detected: Seconds;
  /** The end of the agent's task (its longest workflow); UNBOUNDED when it has no workflow. */
  readonly taskEnd: Seconds;
  /** When the hijack ends: the task's end, or the response after detection, whichever is first. */
  readonly hijackEnds: Seconds;
  /** The credentials the agent holds, each with its own stop. */
  readonly holds: readonly { readonly credential: string; readonly stop: Seconds }[];
}

/** One agent's hijacked-agent worst case, summarised for totals, rules and badges. */
export interface HijackCase {
  readonly agent: string;
  readonly hijackEnds: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
}

export class UnknownAgentError extends Error {}

export function simulateHijack(ctx: AnalysisContext, input: HijackInput): HijackResult {
  const a = ctx.index.agentIndex.get(input.agent);
  if (a === undefined) throw new UnknownAgentError(`unknown agent "${input.agent}"`);
  const start = hijackStart(ctx, a, taskEnds(ctx).get(input.agent) ?? UNBOUNDED);
  const found = exploreAttack(ctx, start.attacker, {
    hopDelay: input.hopDelay ?? 0,
    harvestedDetection: start.detected + ctx.model.detection.harvested,
  });
  return {
    agent: input.agent,
    detected: start.detected,
    taskEnd: start.taskEnd,
    hijackEnds: start.hijackEnds,
    holds: start.attacker.held.map((h) => ({ credential: h.credential, stop: h.until })),
    reached: found.reached,
    gated: found.gated,
    gatedInvocations: found.gatedInvocations,
    acquired: found.acquired,
    tasked: found.tasked,
    score: found.score,
    timeWeightedScore: found.timeWeightedScore,
    assumptions: relevantAssumptions(
      ctx,
      found.acquired.map((c) => c.credential),
    ),
  };
}

/**
 * Every agent's hijacked-agent worst case, in model order: the one function
 * every total of the hijacked-agent risk comes from. With `earlier`, the
 * memo of a model this one was changed from, an agent whose case read
 * nothing that changed keeps its earlier case.
 */
export function hijackCases(ctx: AnalysisContext, earlier?: HijackMemo): HijackCase[] {
  const ends = taskEnds(ctx);
  const changed = earlier ? changedNodes(earlier.ctx, ctx) : undefined;
  return ctx.model.agents.map((agent, a) => {
    const held = (c: number) => (ctx.relations.available.get(agent.id) ?? []).includes(ctx.index.credentials[c]);
    if (changed && earlier && unchanged(earlier.reads[a], changed, held)) return earlier.cases[a];
    return hijackCase(ctx, a, ends.get(agent.id) ?? UNBOUNDED).result;
  });
}

/** One agent's case, for callers that spread the work over time (the TUI): `ends` from `taskEnds`, computed once. */
export function hijackCaseOf(ctx: AnalysisContext, agent: string, ends: ReadonlyMap<string, Seconds>): HijackCase {
  const a = ctx.index.agentIndex.get(agent);
  if (a === undefined) throw new UnknownAgentError(`unknown agent "${agent}"`);
  return hijackCase(ctx, a, ends.get(agent) ?? UNBOUNDED).result;
}

function hijackCase(
  ctx: AnalysisContext,
  a: number,
  taskEnd: Seconds,
): { result: HijackCase; nodes: readonly number[] } {
  const agent = ctx.model.agents[a].id;
  const start = hijackStart(ctx, a, taskEnd);
  if (start.attacker.held.length === 0 && (start.attacker.agents ?? []).length === 0)
    return {
      result: { agent, hijackEnds: start.hijackEnds, score: 0, timeWeightedScore: 0 },
      nodes: [],
    };
  const found = attackScores(ctx, start.attacker, {
    hopDelay: 0,
    harvestedDetection: start.detected + ctx.model.detection.harvested,
  });
  return {
    result: { agent, hijackEnds: start.hijackEnds, score: found.score, timeWeightedScore: found.timeWeightedScore },
    nodes: found.nodes,
  };
}

/**
 * The hijack of agent `a` as a search start: the agent itself acts until the
 * hijack ends; every credential it holds, from the start of its task until
 * that credential stops (expiry, revocation after detection, task end).
 */
function hijackStart(
  ctx: AnalysisContext,
  a: number,
  taskEnd: Seconds,
): { attacker: AttackerStart; detected: Seconds; taskEnd: Seconds; hijackEnds: Seconds } {
  const { model, relations, index } = ctx;
  const agent = model.agents[a];
  const detected = detectionSeconds(channelDetection(model, HIJACK_CHANNEL));
  const hijackEnds = Math.min(taskEnd, detected + model.response.manual);
  const held = relations.available.get(agent.id) ?? [];
  const attacker: AttackerStart = {
    held: held.map((credential) => ({
      credential,
      from: 0,
      until: lifetime(index, model, index.credentialIndex.get(credential)!, 0, detected).stopped,
      how: 'in-workload' as const,
    })),
    inWorkload: new Set(held),
    agents: hijackEnds > 0 ? [{ agent: agent.id, from: 0, until: hijackEnds }] : [],
  };
  return { attacker, detected, taskEnd, hijackEnds };
}

/** Each agent's longest workflow: the end of its task. An agent without one has none. */
export function taskEnds(ctx: AnalysisContext): Map<string, Seconds> {
  const out = new Map<string, Seconds>();
  for (const w of ctx.model.workflows) out.set(w.agent, Math.max(out.get(w.agent) ?? 0, w.duration));
  return out;
}

/**
 * Every agent's hijack, with what each one read: the cases of a changed
 * model (a recommendation measured on a copy) reuse those whose reads did
 * not change (`hijackCases(ctx, memo)`), which keeps measuring a candidate
 * close to the cost of the few agents it concerns.
 */
export interface HijackMemo {
  readonly ctx: AnalysisContext;
  readonly cases: readonly HijackCase[];
  /** Per agent: the credentials and agents its case read (reached, looked at as a harvest or mint, acted with as a deputy). */
  readonly reads: readonly Reads[];
}

export function hijackMemo(ctx: AnalysisContext): HijackMemo {
  const ends = taskEnds(ctx);
  const cases: HijackCase[] = [];
  const reads: Reads[] = [];
  ctx.model.agents.forEach((agent, a) => {
    const { result, nodes } = hijackCase(ctx, a, ends.get(agent.id) ?? UNBOUNDED);
    cases.push(result);
    reads.push(readsOf(ctx, a, nodes));
  });
  return { ctx, cases, reads };
}
