/**
 * Which credentials and agents of a changed model differ, as the search sees
 * them, from the model it was changed from (a recommendation applied to a
 * copy): what lets a result that read none of them be reused. A changed
 * model keeps the ids and positions of the credentials, agents and resources
 * it shares with the original (edits add credentials at the end and never
 * remove one); anything else counts as a change of everything.
 */
import type { Csr, ReachIndex } from '../../graph/reach-index.js';
import type { Model } from '../../model/types.js';
import type { AnalysisContext } from '../context.js';

export interface ChangedNodes {
  /** Everything may have changed: reuse nothing. */
  readonly all: boolean;
  /** Per credential of the earlier model: 1 when the search would see it differently. */
  readonly credentials: Uint8Array;
  /** Per credential: 1 when its binding is all that changed (which no search started inside its workload sees). */
  readonly bindingOnly: Uint8Array;
  /** Per agent: 1 when the search would see it differently. */
  readonly agents: Uint8Array;
}

/** What a search started somewhere read, in the earlier model's numbering. */
export interface Reads {
  readonly credentials: Int32Array;
  readonly agents: Int32Array;
}

export function changedNodes(before: AnalysisContext, after: AnalysisContext): ChangedNodes {
  const b = before.index;
  const n = after.index;
  const C = b.credentials.length;
  const A = b.agents.length;
  const credentials = new Uint8Array(C);
  const bindingOnly = new Uint8Array(C);
  const agents = new Uint8Array(A);
  if (!sameFrame(before, after)) return { all: true, credentials, bindingOnly, agents };
  for (let c = 0; c < C; c++) {
    if (
      b.revocationMode[c] !== n.revocationMode[c] ||
      b.revokedWithParent[c] !== n.revokedWithParent[c] ||
      !sameNumber(b.life[c], n.life[c]) ||
      !sameNumber(b.propagation[c], n.propagation[c]) ||
      !sameNumber(b.taskDuration[c], n.taskDuration[c]) ||
      !sameGrants(b, n, c) ||
      !sameRow(b.invokes, n.invokes, c) ||
      !sameRow(b.mints, n.mints, c) ||
      !sameHarvests(b, n, c)
    )
      credentials[c] = 1;
    else if (b.binding[c] !== n.binding[c]) credentials[c] = bindingOnly[c] = 1;
  }
  const ends = (m: Model) => {
    const out = new Map<string, number>();
    for (const w of m.workflows) out.set(w.agent, Math.max(out.get(w.agent) ?? 0, w.duration));
    return out;
  };
  const endsBefore = ends(before.model);
  const endsAfter = ends(after.model);
  for (let a = 0; a < A; a++) {
    const id = b.agents[a];
    if (
      !sameRow(b.deputies, n.deputies, a) ||
      !sameRow(b.delegates, n.delegates, a) ||
      !sameList(before.relations.available.get(id), after.relations.available.get(id)) ||
      endsBefore.get(id) !== endsAfter.get(id)
    )
      agents[a] = 1;
  }
  return { all: false, credentials, bindingOnly, agents };
}

/**
 * Whether nothing a search read changed. A credential of `workload` (the
 * starting workload, where every credential is usable whatever its binding)
 * whose binding alone changed, changed nothing for it.
 */
export function unchanged(reads: Reads, changed: ChangedNodes, inWorkload: (c: number) => boolean): boolean {
  if (changed.all) return false;
  for (const c of reads.credentials)
    if (changed.credentials[c] && !(changed.bindingOnly[c] && inWorkload(c))) return false;
  for (const a of reads.agents) if (changed.agents[a]) return false;
  return true;
}

/**
 * What a search that reached `nodes` read, besides `agent` itself (whose
 * seeds it read): the reached credentials and agents, what each reached
 * credential harvests and mints, the deputies of each reached agent and
 * what they harvest.
 */
export function readsOf(ctx: AnalysisContext, agent: number, nodes: readonly number[]): Reads {
  const { index } = ctx;
  const C = index.credentials.length;
  const credentials = new Set<number>();
  const agents = new Set<number>([agent]);
  const row = (csr: Csr, i: number, into: Set<number>) => {
    for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) into.add(csr.targets[k]);
  };
  for (const v of nodes) {
    if (v < C) {
      credentials.add(v);
      row(index.harvests, v, credentials);
      row(index.mints, v, credentials);
    } else {
      agents.add(v - C);
      const { offsets, targets } = index.deputies;
      for (let k = offsets[v - C]; k < offsets[v - C + 1]; k++) {
        credentials.add(targets[k]);
        row(index.harvests, targets[k], credentials);
      }
    }
  }
  for (const c of ctx.relations.available.get(index.agents[agent]) ?? [])
    credentials.add(index.credentialIndex.get(c)!);
  return { credentials: Int32Array.from(credentials), agents: Int32Array.from(agents) };
}

/** The same credentials, agents and resources at the same positions, and the same detection and response. */
function sameFrame(before: AnalysisContext, after: AnalysisContext): boolean {
  const b = before.index;
  const n = after.index;
  if (n.credentials.length < b.credentials.length || n.agents.length !== b.agents.length) return false;
  if (n.resources.length !== b.resources.length) return false;
  for (let c = 0; c < b.credentials.length; c++) if (b.credentials[c] !== n.credentials[c]) return false;
  for (let a = 0; a < b.agents.length; a++) if (b.agents[a] !== n.agents[a]) return false;
  for (let r = 0; r < b.resources.length; r++) if (b.resources[r] !== n.resources[r]) return false;
  const x = before.model;
  const y = after.model;
  if (x.response.manual !== y.response.manual || x.response.automated !== y.response.automated) return false;
  const d = x.detection;
  const e = y.detection;
  if (!sameDetection(d.default, e.default) || d.harvested !== e.harvested || d.channels.size !== e.channels.size)
    return false;
  for (const [name, time] of d.channels) if (!sameDetection(time, e.channels.get(name))) return false;
  return true;
}

function sameDetection(a: Model['detection']['default'], b: Model['detection']['default'] | undefined): boolean {
  if (!b || a.kind !== b.kind) return false;
  return a.kind === 'fixed' ? a.seconds === (b as typeof a).seconds : a.median === (b as typeof a).median;
}

/** Each grant of credential c: the same resource, action, impact and approval (pairs are numbered per model). */
function sameGrants(b: ReachIndex, n: ReachIndex, c: number): boolean {
  const x = b.grants;
  const y = n.grants;
  const length = x.offsets[c + 1] - x.offsets[c];
  if (y.offsets[c + 1] - y.offsets[c] !== length) return false;
  for (let k = 0; k < length; k++) {
    const i = x.offsets[c] + k;
    const j = y.offsets[c] + k;
    if (b.grantGated[i] !== n.grantGated[j] || !samePair(b, n, x.targets[i], y.targets[j])) return false;
  }
  return true;
}

function sameHarvests(b: ReachIndex, n: ReachIndex, c: number): boolean {
  if (!sameRow(b.harvests, n.harvests, c)) return false;
  const x = b.harvests.offsets[c];
  const y = n.harvests.offsets[c];
  for (let k = 0; k < b.harvests.offsets[c + 1] - x; k++)
    if (!samePair(b, n, b.harvestVia[x + k], n.harvestVia[y + k])) return false;
  return true;
}

function samePair(b: ReachIndex, n: ReachIndex, p: number, q: number): boolean {
  return (
    b.pairResource[p] === n.pairResource[q] &&
    b.actions[b.pairAction[p]] === n.actions[n.pairAction[q]] &&
    b.pairImpact[p] === n.pairImpact[q]
  );
}

function sameRow(x: Csr, y: Csr, i: number): boolean {
  const length = x.offsets[i + 1] - x.offsets[i];
  if (y.offsets[i + 1] - y.offsets[i] !== length) return false;
  for (let k = 0; k < length; k++) if (x.targets[x.offsets[i] + k] !== y.targets[y.offsets[i] + k]) return false;
  return true;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
