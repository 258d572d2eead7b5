/**
 * Facts derived from a model that several analyses need: lookups by id, which
 * credentials an agent can act with, which credential a workflow step uses and
 * whether the step is permitted. Computed once per model.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import { LIMITS } from '../yaml/limits.js';
import { quote } from './messages.js';
import { stronglyConnectedComponents, type Csr } from './scc.js';
import type { Agent, Credential, Model, Resource, Step, Tool, Workflow } from './types.js';

export interface Relations {
  readonly agent: ReadonlyMap<string, Agent>;
  readonly tool: ReadonlyMap<string, Tool>;
  readonly resource: ReadonlyMap<string, Resource>;
  readonly credential: ReadonlyMap<string, Credential>;
  readonly workflow: ReadonlyMap<string, Workflow>;
  /** Credentials an agent can act with: its own, its tools', and those handed to it by delegation. */
  readonly available: ReadonlyMap<string, readonly string[]>;
  /** Agents whose runtime holds the credential (listed in `credentials` or used by one of their tools). */
  readonly holders: ReadonlyMap<string, readonly string[]>;
  /** Agents and tools that use each credential. */
  readonly users: ReadonlyMap<string, { readonly agents: readonly string[]; readonly tools: readonly string[] }>;
  /** Every delegation, by delegate: who delegates to it and how. */
  readonly delegators: ReadonlyMap<
    string,
    readonly { readonly from: string; readonly mode: 'passthrough' | 'exchange'; readonly credential?: string }[]
  >;
  /**
   * Channels through which each credential can leak: its own `exposure`, plus,
   * for a credential handed on by passthrough, the channels of every agent it
   * reaches (an agent's channels are those of the credentials it holds).
   */
  readonly exposure: ReadonlyMap<string, readonly string[]>;
  /** The longest workflow run by an agent that can use the credential: when `on-task-end` revokes it. */
  readonly taskDuration: ReadonlyMap<string, number>;
}

export function relationsOf(model: Model): Relations {
  const agent = byId(model.agents);
  const tool = byId(model.tools);
  const credential = byId(model.credentials);
  const holders = new Map<string, string[]>();
  const users = new Map<string, { agents: string[]; tools: string[] }>();
  const use = (id: string) => {
    let u = users.get(id);
    if (!u) users.set(id, (u = { agents: [], tools: [] }));
    return u;
  };
  for (const t of model.tools) if (t.credential !== undefined) use(t.credential).tools.push(t.id);
  for (const a of model.agents) {
    // An agent id is listed once per credential: ids are unique, and ownCredentials has no repeats.
    for (const c of ownCredentials(a, tool)) {
      const list = holders.get(c);
      if (!list) holders.set(c, [a.id]);
      else if (list[list.length - 1] !== a.id) list.push(a.id);
      const u = use(c).agents;
      if (u[u.length - 1] !== a.id) u.push(a.id);
    }
  }
  const delegators = new Map<string, { from: string; mode: 'passthrough' | 'exchange'; credential?: string }[]>();
  for (const a of model.agents) {
    for (const d of a.delegates) {
      const list = delegators.get(d.to) ?? [];
      list.push({ from: a.id, mode: d.mode, credential: d.credential });
      delegators.set(d.to, list);
    }
  }
  const available = availableCredentials(model, tool);
  return {
    agent,
    tool,
    resource: byId(model.resources),
    credential,
    workflow: byId(model.workflows),
    available,
    holders,
    users,
    delegators,
    exposure: effectiveExposure(model, available, tool),
    taskDuration: taskDurations(model, available),
  };
}

/** relationsOf, or the located problem of a model whose delegation hands on more pairs than the limit. */
export function checkedRelations(
  model: Model,
): { ok: true; relations: Relations } | { ok: false; path: DocPath; message: string } {
  try {
    return { ok: true, relations: relationsOf(model) };
  } catch (error) {
    if (!(error instanceof TooManyHandedOn)) throw error;
    return { ok: false, path: ['agents', error.agent, 'delegates'], message: error.message };
  }
}

function effectiveExposure(
  model: Model,
  available: ReadonlyMap<string, readonly string[]>,
  tools: ReadonlyMap<string, Tool>,
): Map<string, string[]> {
  const credentials = byId(model.credentials);
  const agentChannels = new Map<string, Set<string>>();
  for (const a of model.agents) {
    const channels = new Set<string>();
    for (const c of ownCredentials(a, tools)) for (const ch of credentials.get(c)?.exposure ?? []) channels.add(ch);
    agentChannels.set(a.id, channels);
  }
  const exposure = new Map<string, string[]>();
  for (const c of model.credentials) if (!exposure.has(c.id)) exposure.set(c.id, [...c.exposure]);
  // The channels each received credential gains, as a set only for those that gain some.
  const gained = new Map<string, Set<string>>();
  for (const a of model.agents) {
    const channels = agentChannels.get(a.id);
    if (!channels || channels.size === 0) continue;
    const own = new Set(ownCredentials(a, tools));
    for (const c of available.get(a.id) ?? []) {
      if (own.has(c) || !exposure.has(c)) continue; // received by delegation: the receiving agent's channels expose it too
      let set = gained.get(c);
      if (!set) gained.set(c, (set = new Set(exposure.get(c))));
      for (const ch of channels) set.add(ch);
    }
  }
  for (const [c, set] of gained) exposure.set(c, [...set]);
  return exposure;
}

function taskDurations(model: Model, available: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  // Each agent's longest workflow first: many workflows of one agent cost one pass over its credentials.
  const longestRun = new Map<string, number>();
  for (const w of model.workflows) longestRun.set(w.agent, Math.max(longestRun.get(w.agent) ?? 0, w.duration));
  const longest = new Map<string, number>();
  for (const [agent, duration] of longestRun) {
    for (const c of available.get(agent) ?? []) longest.set(c, Math.max(longest.get(c) ?? 0, duration));
  }
  return longest;
}

/** An agent's own credentials: those its runtime lists and those its tools act with, in model order. */
export function ownCredentials(agent: Agent, tools: ReadonlyMap<string, Tool>): string[] {
  const out = [...agent.credentials];
  const seen = new Set(out);
  for (const t of agent.tools) {
    const c = tools.get(t)?.credential;
    if (c !== undefined && !seen.has(c)) {
      seen.add(c);
      out.push(c);
    }
  }
  return out;
}

/**
 * Own credentials plus what delegation hands over: passthrough gives the
 * delegate everything the delegator can use (transitively, cycles included),
 * exchange gives it the minted credential. Each agent's list is its own
 * credentials in its order, then what it receives in model order.
 *
 * Agents that pass their credentials around a ring all end with the same
 * set, so the closure is taken once per strongly connected component of the
 * passthrough edges, in topological order: linear in the model plus the
 * pairs it hands on, which are limited (a ring of 3,000 agents would make
 * nine million), not a fixed point over every agent.
 */
function availableCredentials(model: Model, tools: ReadonlyMap<string, Tool>): Map<string, string[]> {
  const agents = model.agents;
  const indexOf = new Map<string, number>();
  agents.forEach((a, i) => indexOf.has(a.id) || indexOf.set(a.id, i));
  const credentialRank = new Map<string, number>();
  model.credentials.forEach((c, i) => credentialRank.has(c.id) || credentialRank.set(c.id, i));

  const own = agents.map((a) => ownCredentials(a, tools));
  const received: string[][] = agents.map(() => []);
  for (const a of agents)
    for (const d of a.delegates) {
      const to = indexOf.get(d.to);
      if (d.mode === 'exchange' && d.credential !== undefined && to !== undefined) received[to].push(d.credential);
    }

  const passthrough = passthroughEdges(agents, indexOf);
  const { component, count } = stronglyConnectedComponents(passthrough, agents.length);
  // Components are numbered delegates first: count - 1 down to 0 runs delegators before their delegates.
  const members: number[][] = Array.from({ length: count }, () => []);
  agents.forEach((_, i) => members[component[i]].push(i));
  const sets: (Set<string> | undefined)[] = new Array<Set<string> | undefined>(count);
  const stamp = new Int32Array(count).fill(-1);
  let pairs = 0;
  const available = new Map<string, string[]>();
  for (let c = count - 1; c >= 0; c--) {
    const set = (sets[c] ??= new Set());
    for (const i of members[c]) {
      for (const id of own[i]) set.add(id);
      for (const id of received[i]) set.add(id);
    }
    sets[c] = undefined; // a component is done once: later ones only read what it pushed to them
    const ranked = [...set].sort((x, y) => rankOf(x) - rankOf(y));
    for (const i of members[c]) {
      const mine = new Set(own[i]);
      const list = [...own[i]];
      for (const id of ranked) if (!mine.has(id)) list.push(id);
      pairs += list.length;
      if (pairs > LIMITS.nodes) throw new TooManyHandedOn(i);
      if (!available.has(agents[i].id)) available.set(agents[i].id, list);
    }
    for (const i of members[c]) {
      for (let e = passthrough.offsets[i]; e < passthrough.offsets[i + 1]; e++) {
        const next = component[passthrough.targets[e]];
        if (next === c || stamp[next] === c) continue;
        stamp[next] = c;
        const theirs = (sets[next] ??= new Set());
        for (const id of set) theirs.add(id);
      }
    }
  }
  return available;

  function rankOf(id: string): number {
    return credentialRank.get(id) ?? Number.MAX_SAFE_INTEGER;
  }
}

/** Passthrough delegations as a graph over agent indices, delegator to delegate. */
function passthroughEdges(agents: readonly Agent[], indexOf: ReadonlyMap<string, number>): Csr {
  const offsets = new Int32Array(agents.length + 1);
  const targets: number[] = [];
  agents.forEach((a, i) => {
    for (const d of a.delegates) {
      const to = indexOf.get(d.to);
      if (d.mode === 'passthrough' && to !== undefined) targets.push(to);
    }
    offsets[i + 1] = targets.length;
  });
  return { offsets, targets: Int32Array.from(targets) };
}

/**
 * Passthrough delegation that hands on more (agent, credential) pairs than a
 * model file may hold nodes: refused with the agent where the count crossed.
 */
export class TooManyHandedOn extends Error {
  constructor(readonly agent: number) {
    super(
      `passthrough delegation hands on more than ${LIMITS.nodes.toLocaleString('en-US')} (agent, credential) pairs in all, the limit for one model; delegate by exchange, or split the model`,
    );
  }
}

/** Whether a credential grants `action` on `resource` (approval-gated actions count: the workflow has its human). */
export function grantsAction(credential: Credential, resource: string, action: string): boolean {
  return credential.grants.some(
    (g) => g.target.kind === 'resource' && g.target.id === resource && g.actions.includes(action),
  );
}

/** The credentials a step may use: the one it names, else its tool's, else any the agent can use. */
export function stepCandidates(
  step: Extract<Step, { kind: 'action' }>,
  agentId: string,
  relations: Relations,
): readonly string[] {
  if (step.credential !== undefined)
    return (relations.available.get(agentId) ?? []).includes(step.credential) ? [step.credential] : [];
  const toolCredential = step.tool === undefined ? undefined : relations.tool.get(step.tool)?.credential;
  if (toolCredential !== undefined) return [toolCredential];
  return relations.available.get(agentId) ?? [];
}

/** The credentials that actually permit a step (empty when it is not permitted). */
export function stepCredentials(
  step: Extract<Step, { kind: 'action' }>,
  agentId: string,
  relations: Relations,
): string[] {
  return stepCandidates(step, agentId, relations).filter((id) => {
    const c = relations.credential.get(id);
    return c !== undefined && grantsAction(c, step.resource, step.action);
  });
}

export interface UnpermittedStep {
  readonly workflow: string;
  readonly step: number;
  readonly path: DocPath;
  readonly message: string;
}

/** Every workflow step that no credential available to its agent permits. */
export function unpermittedSteps(model: Model, relations: Relations = relationsOf(model)): UnpermittedStep[] {
  const out: UnpermittedStep[] = [];
  for (const w of model.workflows) {
    w.steps.forEach((step, k) => {
      if (step.kind !== 'action') return;
      if (stepCredentials(step, w.agent, relations).length > 0) return;
      const named =
        step.credential !== undefined && !(relations.available.get(w.agent) ?? []).includes(step.credential);
      const message = named
        ? `workflow ${quote(w.id)} step ${k + 1}: agent ${quote(w.agent)} does not hold credential ${quote(step.credential!)}`
        : `workflow ${quote(w.id)} step ${k + 1}: no credential available to agent ${quote(w.agent)}${step.tool ? ` through tool ${quote(step.tool)}` : ''} grants ${quote(step.action)} on ${quote(step.resource)}`;
      out.push({ workflow: w.id, step: k, path: step.path, message });
    });
  }
  return out;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/**
 * The credentials a credential is minted from (`derivedFrom`), nearest first.
 * A grant a derived credential uses is needed by every one of these too: a
 * token exchange or a role assumption can only hand on what its parent holds.
 */
export function derivationAncestors(relations: Pick<Relations, 'credential'>, credential: string): string[] {
  const out: string[] = [];
  for (
    let p = relations.credential.get(credential)?.derivedFrom;
    p !== undefined && p !== credential && !out.includes(p);
    p = relations.credential.get(p)?.derivedFrom
  )
    out.push(p);
  return out;
}
