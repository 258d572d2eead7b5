/**
 * The credential/tool graph as BloodHound OpenGraph JSON: generic nodes and
 * edges with kinds, ready to upload to BloodHound CE, so that the paths of
 * many models (one per team) can be searched together. Node ids are
 * `<kind>:<id>` as in the graph (an element with the same id in two models
 * is one node once both are loaded), every kind starts with `LR` so it never
 * clashes with BloodHound's own, and a grant becomes one edge per action
 * (`LRCanRead`, `LRCanDeploy`...) so a Cypher path reads like the leak path.
 */
import type { CredentialGraph, EdgeAttributes, NodeAttributes } from '../graph/build.js';
import { UNBOUNDED } from '../model/duration.js';
import { jsonReport } from './json.js';

type Primitive = string | number | boolean | readonly string[];

interface OpenGraphNode {
  readonly id: string;
  readonly kinds: readonly string[];
  readonly properties: Readonly<Record<string, Primitive>>;
}

interface OpenGraphEdge {
  readonly kind: string;
  readonly start: { readonly value: string; readonly match_by: 'id' };
  readonly end: { readonly value: string; readonly match_by: 'id' };
  readonly properties: Readonly<Record<string, Primitive>>;
}

/** Every node kind carries the source kind too, so one Cypher label finds everything leakradius wrote. */
export const OPENGRAPH_SOURCE_KIND = 'LRBase';

const NODE_KIND: Readonly<Record<NodeAttributes['kind'], string>> = {
  agent: 'LRAgent',
  tool: 'LRTool',
  resource: 'LRResource',
  credential: 'LRCredential',
};

const EDGE_KIND: Readonly<Record<Exclude<EdgeAttributes['kind'], 'grants'>, string>> = {
  holds: 'LRHolds',
  uses: 'LRUses',
  'acts-with': 'LRActsWith',
  invokes: 'LRCanInvoke',
  stores: 'LRStores',
  delegates: 'LRDelegatesTo',
  mints: 'LRMints',
};

export function graphOpenGraph(graph: CredentialGraph, model: string): string {
  const nodes: OpenGraphNode[] = [];
  graph.forEachNode((key, a) => {
    nodes.push({ id: key, kinds: [NODE_KIND[a.kind], OPENGRAPH_SOURCE_KIND], properties: nodeProperties(a, model) });
  });
  const edges: OpenGraphEdge[] = [];
  graph.forEachEdge((_key, e, source, target) => {
    const ends = { start: { value: source, match_by: 'id' as const }, end: { value: target, match_by: 'id' as const } };
    if (e.kind !== 'grants') {
      edges.push({ kind: EDGE_KIND[e.kind], ...ends, properties: edgeProperties(e, model) });
      return;
    }
    for (const action of e.actions ?? [])
      edges.push({
        kind: actionKind(action),
        ...ends,
        properties: { model, action, approval: (e.approval ?? []).includes(action) },
      });
  });
  return jsonReport({ metadata: { source_kind: OPENGRAPH_SOURCE_KIND }, graph: { nodes, edges } });
}

/** `LRCanRead`; an action outside the catalogue keeps its letters and digits only (`deploy-prod` → `LRCanDeployprod`, none left → `LRCanAct`). */
export function actionKind(action: string): string {
  const word = action.replace(/[^A-Za-z0-9]/g, '');
  return word.length > 0 ? `LRCan${word.charAt(0).toUpperCase()}${word.slice(1)}` : 'LRCanAct';
}

function nodeProperties(a: NodeAttributes, model: string): Record<string, Primitive> {
  const common = { name: a.id, displayname: a.label, model };
  switch (a.kind) {
    case 'agent':
      return { ...common, autonomy: a.autonomy, ...(a.environment ? { environment: a.environment } : {}) };
    case 'tool':
      return { ...common, publisher: a.publisher, tool_kind: a.toolKind };
    case 'resource':
      return {
        ...common,
        sensitivity: a.sensitivity,
        holds_secrets: a.holdsSecrets,
        ...(a.environment ? { environment: a.environment } : {}),
      };
    case 'credential':
      return {
        ...common,
        binding: a.binding,
        issuance: a.issuance,
        subject: a.subject,
        // OpenGraph has no null: a lifetime that never ends is said so.
        never_expires: a.ttl === UNBOUNDED && (a.maxLifetime === undefined || a.maxLifetime === UNBOUNDED),
        ...(a.ttl !== UNBOUNDED ? { ttl_seconds: a.ttl } : {}),
        ...(a.maxLifetime !== undefined && a.maxLifetime !== UNBOUNDED ? { max_lifetime_seconds: a.maxLifetime } : {}),
      };
  }
}

function edgeProperties(e: EdgeAttributes, model: string): Record<string, Primitive> {
  const out: Record<string, Primitive> = { model };
  if (e.kind === 'invokes') out.approval = (e.approval ?? []).includes('invoke');
  if (e.mode !== undefined) out.mode = e.mode;
  if (e.credential !== undefined) out.credential = e.credential;
  return out;
}
