/**
 * The compact index the simulation runs on: every relation an attacker can
 * follow, as flat adjacency arrays (CSR) over integer ids, built once per
 * model straight from it. A leak simulation walks these arrays and allocates
 * nothing per edge, which is what keeps one leak in microseconds to a few
 * milliseconds on a 50,000-credential model.
 */
import { ownCredentials, type Relations } from '../model/relations.js';
import type { Credential, Model } from '../model/types.js';
import { HARVEST_ACTIONS, impact } from '../model/weights.js';

/** Adjacency lists in compressed sparse row form: the targets of `i` are `targets[offsets[i] .. offsets[i+1])`. */
import type { Csr } from '../model/scc.js';

export type { Csr };

export const BINDING_BEARER = 0;
export const REVOCATION = { manual: 0, automated: 1, 'on-task-end': 2, none: 3 } as const;

export interface ReachIndex {
  readonly credentials: readonly string[];
  readonly agents: readonly string[];
  readonly resources: readonly string[];
  readonly actions: readonly string[];
  readonly credentialIndex: ReadonlyMap<string, number>;
  readonly agentIndex: ReadonlyMap<string, number>;

  /** (resource, action) pairs: the units of blast radius. */
  readonly pairResource: Int32Array;
  readonly pairAction: Int32Array;
  readonly pairImpact: Float64Array;

  /** Per credential: the pairs its grants allow; `grantGated[k]` = 1 when every grant of that pair needs approval. */
  readonly grants: Csr;
  readonly grantGated: Uint8Array;
  /** Per credential: agents it may invoke (approval-free invoke grants). */
  readonly invokes: Csr;
  /** Per credential: agents it may invoke only with a human's approval each time (and not otherwise). */
  readonly gatedInvokes: Csr;
  /** Per credential: credentials it harvests by reading a resource that stores them; `harvestVia[k]` is the pair read. */
  readonly harvests: Csr;
  readonly harvestVia: Int32Array;
  /** Per credential: credentials minted from it (`derivedFrom`). */
  readonly mints: Csr;
  /** Per resource: the credentials it stores. */
  readonly holds: Csr;
  /** Per agent: the credentials it acts with when tasked (its own, its tools', and those minted for it by exchange). */
  readonly deputies: Csr;
  /** Per agent: the agents it delegates to. */
  readonly delegates: Csr;

  /** Per credential: binding (0 bearer), revocation mode code, revoked with parent (0/1). */
  readonly binding: Uint8Array;
  readonly revocationMode: Uint8Array;
  readonly revokedWithParent: Uint8Array;
  /** Per credential, in seconds (Infinity when unbounded): usable life of a leaked instance, propagation, task length (NaN: no task). */
  readonly life: Float64Array;
  readonly propagation: Float64Array;
  readonly taskDuration: Float64Array;
}

export function buildReachIndex(model: Model, relations: Relations): ReachIndex {
  const credentials = model.credentials.map((c) => c.id);
  const agents = model.agents.map((a) => a.id);
  const resources = model.resources.map((r) => r.id);
  const credentialIndex = indexOf(credentials);
  const agentIndex = indexOf(agents);
  const resourceIndex = indexOf(resources);
  const actions: string[] = [];
  const actionIndex = new Map<string, number>();

  const pairResource: number[] = [];
  const pairAction: number[] = [];
  const pairImpact: number[] = [];
  const pairKey = new Map<number, Map<number, number>>();
  const pairOf = (resource: number, action: string): number => {
    let a = actionIndex.get(action);
    if (a === undefined) {
      a = actions.length;
      actions.push(action);
      actionIndex.set(action, a);
    }
    let byAction = pairKey.get(resource);
    if (!byAction) pairKey.set(resource, (byAction = new Map()));
    let p = byAction.get(a);
    if (p === undefined) {
      p = pairResource.length;
      byAction.set(a, p);
      pairResource.push(resource);
      pairAction.push(a);
      pairImpact.push(impact(model.resources[resource].sensitivity, action));
    }
    return p;
  };

  const grants = new CsrBuilder();
  const grantGated: number[] = [];
  const invokes = new CsrBuilder();
  const gatedInvokes = new CsrBuilder();
  const harvests = new CsrBuilder();
  const harvestVia: number[] = [];
  const mints = new CsrBuilder();
  const children: number[][] = credentials.map(() => []);
  model.credentials.forEach((c, i) => {
    if (c.derivedFrom !== undefined) children[credentialIndex.get(c.derivedFrom)!].push(i);
  });

  for (const c of model.credentials) {
    // pair -> gated? (a pair is gated only if every grant that allows it asks for approval)
    const pairs = new Map<number, boolean>();
    const invoked = new Set<number>();
    const invokedWithApproval = new Set<number>();
    for (const g of c.grants) {
      if (g.target.kind === 'agent') {
        if (!g.actions.includes('invoke')) continue;
        const a = agentIndex.get(g.target.id)!;
        if (g.approval.includes('invoke')) invokedWithApproval.add(a);
        else invoked.add(a);
        continue;
      }
      const r = resourceIndex.get(g.target.id)!;
      for (const action of g.actions) {
        const p = pairOf(r, action);
        const gated = g.approval.includes(action);
        pairs.set(p, (pairs.get(p) ?? true) && gated);
      }
    }
    for (const [p, gated] of pairs) {
      grants.push(p);
      grantGated.push(gated ? 1 : 0);
    }
    grants.close();
    for (const a of invoked) invokes.push(a);
    invokes.close();
    for (const a of invokedWithApproval) if (!invoked.has(a)) gatedInvokes.push(a);
    gatedInvokes.close();
    const harvested = new Set<number>();
    for (const [p, gated] of pairs) {
      if (gated || !HARVEST_ACTIONS.has(actions[pairAction[p]])) continue;
      for (const held of model.resources[pairResource[p]].holds) {
        const h = credentialIndex.get(held)!;
        if (harvested.has(h)) continue;
        harvested.add(h);
        harvests.push(h);
        harvestVia.push(p);
      }
    }
    harvests.close();
    for (const child of children[credentialIndex.get(c.id)!]) mints.push(child);
    mints.close();
  }

  const holds = new CsrBuilder();
  for (const r of model.resources) {
    for (const c of r.holds) holds.push(credentialIndex.get(c)!);
    holds.close();
  }

  const deputies = new CsrBuilder();
  const delegates = new CsrBuilder();
  // An agent tasked by the attacker acts with its own credentials, its tools' and those minted for it by
  // exchange. Passthrough-received credentials act only when the delegator tasks it, and the
  // delegator's own reach already covers them.
  const minted = new Map<string, string[]>();
  for (const a of model.agents) {
    for (const d of a.delegates)
      if (d.mode === 'exchange' && d.credential !== undefined)
        minted.set(d.to, [...(minted.get(d.to) ?? []), d.credential]);
  }
  for (const a of model.agents) {
    const own = new Set<number>();
    for (const c of ownCredentials(a, relations.tool)) own.add(credentialIndex.get(c)!);
    for (const c of minted.get(a.id) ?? []) own.add(credentialIndex.get(c)!);
    for (const c of own) deputies.push(c);
    deputies.close();
    for (const d of a.delegates) delegates.push(agentIndex.get(d.to)!);
    delegates.close();
  }

  const n = credentials.length;
  const settings: CredentialColumns = {
    binding: new Uint8Array(n),
    revocationMode: new Uint8Array(n),
    revokedWithParent: new Uint8Array(n),
    life: new Float64Array(n),
    propagation: new Float64Array(n),
    taskDuration: new Float64Array(n),
  };
  model.credentials.forEach((c, i) => writeSettings(settings, i, c, relations));

  return {
    credentials,
    agents,
    resources,
    actions,
    credentialIndex,
    agentIndex,
    pairResource: Int32Array.from(pairResource),
    pairAction: Int32Array.from(pairAction),
    pairImpact: Float64Array.from(pairImpact),
    grants: grants.build(),
    grantGated: Uint8Array.from(grantGated),
    invokes: invokes.build(),
    gatedInvokes: gatedInvokes.build(),
    harvests: harvests.build(),
    harvestVia: Int32Array.from(harvestVia),
    mints: mints.build(),
    holds: holds.build(),
    deputies: deputies.build(),
    delegates: delegates.build(),
    ...settings,
  };
}

/** The columns of a credential's own settings: all a change of TTL, binding, issuance or revocation alters. */
type CredentialColumns = Pick<
  ReachIndex,
  'binding' | 'revocationMode' | 'revokedWithParent' | 'life' | 'propagation' | 'taskDuration'
>;

function writeSettings(columns: CredentialColumns, i: number, c: Credential, relations: Relations): void {
  columns.binding[i] = c.binding === 'bearer' ? BINDING_BEARER : c.binding === 'sender-constrained' ? 1 : 2;
  columns.revocationMode[i] = REVOCATION[c.revocation.mode];
  columns.revokedWithParent[i] = c.revokedWithParent ? 1 : 0;
  columns.life[i] = c.maxLifetime !== undefined ? Math.max(c.maxLifetime, c.ttl) : c.ttl;
  columns.propagation[i] = c.revocation.propagation;
  columns.taskDuration[i] = relations.taskDuration.get(c.id) ?? Number.NaN;
}

/**
 * The index of a model whose credentials at `changed` differ from `index`'s
 * in their settings alone (the graph is the same): the reach is shared, the
 * settings columns copied and those credentials' entries rewritten.
 */
export function withCredentialSettings(
  index: ReachIndex,
  model: Model,
  relations: Relations,
  changed: readonly number[],
): ReachIndex {
  const settings: CredentialColumns = {
    binding: index.binding.slice(),
    revocationMode: index.revocationMode.slice(),
    revokedWithParent: index.revokedWithParent.slice(),
    life: index.life.slice(),
    propagation: index.propagation.slice(),
    taskDuration: index.taskDuration.slice(),
  };
  for (const i of changed) writeSettings(settings, i, model.credentials[i], relations);
  return { ...index, ...settings };
}

class CsrBuilder {
  private readonly offsets: number[] = [0];
  private readonly targets: number[] = [];
  push(target: number): void {
    this.targets.push(target);
  }
  close(): void {
    this.offsets.push(this.targets.length);
  }
  build(): Csr {
    return { offsets: Int32Array.from(this.offsets), targets: Int32Array.from(this.targets) };
  }
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  return map;
}
