/**
 * Facts derived from a model that several analyses need: lookups by id, which
 * credentials an agent can act with, which credential a workflow step uses and
 * whether the step is permitted. Computed once per model.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import { quote } from './messages.js';
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
    for (const c of ownCredentials(a, tool)) {
      pushUnique(holders, c, a.id);
      if (!use(c).agents.includes(a.id)) use(c).agents.push(a.id);
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
  for (const c of model.credentials) exposure.set(c.id, [...c.exposure]);
  for (const a of model.agents) {
    const own = new Set(ownCredentials(a, tools));
    for (const c of available.get(a.id) ?? []) {
      if (own.has(c)) continue; // received by delegation: the receiving agent's channels expose it too
      const list = exposure.get(c);
      if (!list) continue;
      for (const ch of agentChannels.get(a.id) ?? []) if (!list.includes(ch)) list.push(ch);
    }
  }
  return exposure;
}

function taskDurations(model: Model, available: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const longest = new Map<string, number>();
  for (const w of model.workflows) {
    for (const c of available.get(w.agent) ?? []) longest.set(c, Math.max(longest.get(c) ?? 0, w.duration));
  }
  return longest;
}

/** An agent's own credentials: those its runtime lists and those its tools act with, in model order. */
export function ownCredentials(agent: Agent, tools: ReadonlyMap<string, Tool>): string[] {
  const out = [...agent.credentials];
  for (const t of agent.tools) {
    const c = tools.get(t)?.credential;
    if (c !== undefined && !out.includes(c)) out.push(c);
  }
  return out;
}

/**
 * Own credentials plus what delegation hands over: passthrough gives the
 * delegate everything the delegator can use (transitively, cycles included),
 * exchange gives it the minted credential.
 */
function availableCredentials(model: Model, tools: ReadonlyMap<string, Tool>): Map<string, string[]> {
  const available = new Map<string, string[]>();
  for (const a of model.agents) available.set(a.id, ownCredentials(a, tools));
  for (const a of model.agents) {
    for (const d of a.delegates)
      if (d.mode === 'exchange' && d.credential !== undefined) addUnique(available.get(d.to), d.credential);
  }
  // Passthrough: propagate along delegation edges until nothing changes (a worklist, so cycles end).
  const queue = model.agents.map((a) => a.id);
  const agents = byId(model.agents);
  while (queue.length > 0) {
    const from = queue.pop()!;
    const mine = available.get(from) ?? [];
    for (const d of agents.get(from)?.delegates ?? []) {
      if (d.mode !== 'passthrough') continue;
      const theirs = available.get(d.to);
      if (!theirs) continue;
      let grew = false;
      for (const c of mine) grew = addUnique(theirs, c) || grew;
      if (grew) queue.push(d.to);
    }
  }
  return available;
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

function pushUnique(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function addUnique(list: string[] | undefined, value: string): boolean {
  if (!list || list.includes(value)) return false;
  list.push(value);
  return true;
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
