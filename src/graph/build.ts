/**
 * The credential/tool graph: a graphology graph with typed node and edge
 * attributes, built once from a validated model. The TUI, the exports and the
 * delegation analysis query it; the simulation hot path uses the compact index
 * in `reach-index.ts` instead.
 */
import { MultiDirectedGraph } from 'graphology';
import { HARVEST_ACTIONS } from '../model/weights.js';
import type { Binding, Issuance, Model, Sensitivity } from '../model/types.js';

export type NodeKind = 'agent' | 'tool' | 'resource' | 'credential';

export type NodeAttributes =
  | { kind: 'agent'; id: string; label: string; autonomy: string; environment?: string }
  | { kind: 'tool'; id: string; label: string; publisher: string; toolKind: string }
  | {
      kind: 'resource';
      id: string;
      label: string;
      sensitivity: Sensitivity;
      environment?: string;
      holdsSecrets: boolean;
    }
  | {
      kind: 'credential';
      id: string;
      label: string;
      binding: Binding;
      issuance: Issuance;
      ttl: number;
      maxLifetime?: number;
      subject: string;
    };

export type EdgeKind = 'holds' | 'uses' | 'acts-with' | 'grants' | 'invokes' | 'stores' | 'delegates' | 'mints';

export interface EdgeAttributes {
  kind: EdgeKind;
  /** grants: the actions allowed; approval: those needing a human at each use. */
  actions?: string[];
  approval?: string[];
  /** grants: whether the grant lets its holder read the resource's stored credentials. */
  harvests?: boolean;
  /** delegates: passthrough or exchange, and the minted credential. */
  mode?: 'passthrough' | 'exchange';
  credential?: string;
}

export type CredentialGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Node keys are `kind:id`, the same form as element references in findings. */
export function nodeKey(kind: NodeKind, id: string): string {
  return `${kind}:${id}`;
}

export function buildGraph(model: Model): CredentialGraph {
  const graph: CredentialGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  for (const a of model.agents) {
    graph.addNode(nodeKey('agent', a.id), {
      kind: 'agent',
      id: a.id,
      label: a.name ?? a.id,
      autonomy: a.autonomy,
      environment: a.environment,
    });
  }
  for (const t of model.tools) {
    graph.addNode(nodeKey('tool', t.id), {
      kind: 'tool',
      id: t.id,
      label: t.name ?? t.id,
      publisher: t.publisher,
      toolKind: t.kind,
    });
  }
  for (const r of model.resources) {
    graph.addNode(nodeKey('resource', r.id), {
      kind: 'resource',
      id: r.id,
      label: r.name ?? r.id,
      sensitivity: r.sensitivity,
      environment: r.environment,
      holdsSecrets: r.holds.length > 0,
    });
  }
  for (const c of model.credentials) {
    graph.addNode(nodeKey('credential', c.id), {
      kind: 'credential',
      id: c.id,
      label: c.name ?? c.id,
      binding: c.binding,
      issuance: c.issuance,
      ttl: c.ttl,
      ...(c.maxLifetime !== undefined ? { maxLifetime: c.maxLifetime } : {}),
      subject: c.subject,
    });
  }

  const edge = (kind: EdgeKind, from: string, to: string, attributes: Omit<EdgeAttributes, 'kind'> = {}) => {
    graph.addEdgeWithKey(`${kind}|${from}|${to}`, from, to, { kind, ...attributes });
  };
  for (const a of model.agents) {
    const agent = nodeKey('agent', a.id);
    for (const c of a.credentials) edge('holds', agent, nodeKey('credential', c));
    for (const t of a.tools) edge('uses', agent, nodeKey('tool', t));
    for (const d of a.delegates)
      edge('delegates', agent, nodeKey('agent', d.to), { mode: d.mode, credential: d.credential });
  }
  for (const t of model.tools) {
    if (t.credential !== undefined) edge('acts-with', nodeKey('tool', t.id), nodeKey('credential', t.credential));
  }
  for (const r of model.resources) {
    for (const c of r.holds) edge('stores', nodeKey('resource', r.id), nodeKey('credential', c));
  }
  for (const c of model.credentials) {
    const credential = nodeKey('credential', c.id);
    // Several grant entries on one target merge into one edge, so the graph stays simple to read.
    const merged = new Map<string, { actions: string[]; approval: string[]; kind: 'resource' | 'agent' }>();
    for (const g of c.grants) {
      const key = nodeKey(g.target.kind, g.target.id);
      const entry = merged.get(key) ?? { actions: [], approval: [], kind: g.target.kind };
      for (const a of g.actions) if (!entry.actions.includes(a)) entry.actions.push(a);
      for (const a of g.approval) if (!entry.approval.includes(a)) entry.approval.push(a);
      merged.set(key, entry);
    }
    for (const [target, entry] of merged) {
      if (entry.kind === 'agent')
        edge('invokes', credential, target, { actions: entry.actions, approval: entry.approval });
      else
        edge('grants', credential, target, {
          actions: entry.actions,
          approval: entry.approval,
          harvests: entry.actions.some((a) => HARVEST_ACTIONS.has(a)),
        });
    }
    if (c.derivedFrom !== undefined) edge('mints', nodeKey('credential', c.derivedFrom), credential);
  }
  return graph;
}
