/**
 * Segmentation: one credential attached to several tools or agents (or used
 * in several environments) lets a leak from any of them reach what all of
 * them do. Give each its own credential, narrowed to what its own workflows
 * use. The first user keeps the original id; the others get copies (which
 * carry over whatever else the selection changes on the original).
 */
import type { DocPath } from '../../yaml/diagnostic.js';
import { stepCredentials } from '../../model/relations.js';
import { grantKey } from './edits.js';
import type { Facts, IdAllocator } from './facts.js';
import {
  credentialDocument,
  credentialPath,
  describeKeys,
  grantedKeys,
  list,
  narrowGrants,
  setEdit,
} from './shared.js';
import type { Candidate, Edit, Json } from './types.js';

/** A place a credential is attached to: an agent's `credentials` list or a tool's `credential`. */
interface Unit {
  readonly kind: 'agent' | 'tool';
  readonly id: string;
  readonly environment: string | undefined;
  /** Agents that can act with the credential through this attachment. */
  readonly reach: ReadonlySet<string>;
  readonly needs: Set<string>;
}

interface Retarget {
  readonly path: DocPath;
  readonly unit: Unit;
}

export function segmentationCandidates(facts: Facts, ids: IdAllocator): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    const units = unitsOf(facts, c.id);
    if (units.length < 2) continue;
    const { retargets, elsewhere } = attributeUse(facts, c.id, units);
    const groups = environmentGroups(units);
    const perUnit = units.map((u) => [u]);
    const sameSplit = groups !== undefined && groups.length === perUnit.length;
    const byUser = sameSplit ? undefined : split(facts, ids, c.id, perUnit, retargets, elsewhere, 'user');
    const byEnvironment =
      groups !== undefined && groups.length >= 2
        ? split(facts, ids, c.id, groups, retargets, elsewhere, 'environment')
        : undefined;
    if (byUser && byEnvironment) {
      out.push({ ...byUser, alternatives: [byEnvironment.id] }, { ...byEnvironment, alternatives: [byUser.id] });
    } else {
      for (const candidate of [byUser, byEnvironment]) if (candidate) out.push(candidate);
    }
  }
  return out;
}

function unitsOf(facts: Facts, credential: string): Unit[] {
  const { relations } = facts;
  const units: Unit[] = [];
  for (const a of facts.model.agents) {
    if (!a.credentials.includes(credential)) continue;
    units.push({
      kind: 'agent',
      id: a.id,
      environment: a.environment,
      reach: new Set(passthroughClosure(facts, [a.id])),
      needs: new Set(),
    });
  }
  for (const t of facts.model.tools) {
    if (t.credential !== credential) continue;
    const agents = facts.model.agents.filter((a) => a.tools.includes(t.id)).map((a) => a.id);
    const environments = new Set(agents.map((a) => relations.agent.get(a)!.environment));
    const environment = environments.size === 1 ? [...environments][0] : undefined;
    units.push({
      kind: 'tool',
      id: t.id,
      environment,
      reach: new Set(passthroughClosure(facts, agents)),
      needs: new Set(),
    });
  }
  return units;
}

/**
 * Credits every use of the credential to the attachments it comes through:
 * a step through a tool that carries it, to that tool; any other step, to
 * every attachment that makes it available to the step's agent. A use that
 * comes through none of them (the credential minted for a delegate by
 * exchange) stays with the original. Also returns the steps that name the
 * credential and so must name the new one.
 */
function attributeUse(
  facts: Facts,
  credential: string,
  units: readonly Unit[],
): { retargets: Retarget[]; elsewhere: Set<string> } {
  const retargets: Retarget[] = [];
  const elsewhere = new Set<string>();
  for (const w of facts.model.workflows) {
    for (const step of w.steps) {
      if (step.kind === 'delegate') {
        for (const u of units) if (u.reach.has(w.agent)) u.needs.add(grantKey('agent', step.to, 'invoke'));
        continue;
      }
      if (!stepCredentials(step, w.agent, facts.relations).includes(credential)) continue;
      const key = grantKey('resource', step.resource, step.action);
      const viaTool = step.tool !== undefined && facts.relations.tool.get(step.tool)?.credential === credential;
      const serving = units.filter((u) => (viaTool ? u.kind === 'tool' && u.id === step.tool : u.reach.has(w.agent)));
      for (const u of serving) u.needs.add(key);
      if (serving.length === 0) elsewhere.add(key);
      else if (step.credential === credential) retargets.push({ path: [...step.path, 'credential'], unit: serving[0] });
    }
  }
  return { retargets, elsewhere };
}

/** Units grouped by environment, in order of first appearance; undefined when some unit's environment is unknown. */
function environmentGroups(units: readonly Unit[]): Unit[][] | undefined {
  if (units.some((u) => u.environment === undefined)) return undefined;
  const groups = new Map<string, Unit[]>();
  for (const u of units) groups.set(u.environment!, [...(groups.get(u.environment!) ?? []), u]);
  return [...groups.values()];
}

function split(
  facts: Facts,
  ids: IdAllocator,
  credential: string,
  groups: readonly (readonly Unit[])[],
  retargets: readonly Retarget[],
  elsewhere: ReadonlySet<string>,
  by: 'user' | 'environment',
): Candidate {
  const path = credentialPath(facts, credential);
  const doc = credentialDocument(facts, credential);
  const needsOf = (group: readonly Unit[]) => new Set(group.flatMap((u) => [...u.needs]));
  const environmentOf = (group: readonly Unit[]) => {
    const envs = new Set(group.map((u) => u.environment));
    return envs.size === 1 ? [...envs][0] : undefined;
  };
  const label = (group: readonly Unit[]) => (by === 'environment' ? environmentOf(group)! : group[0].id);

  const keep = new Set([...needsOf(groups[0]), ...elsewhere]);
  const edits: Edit[] = narrowGrants(facts, credential, (k) => !keep.has(k));
  const firstEnvironment = environmentOf(groups[0]);
  if (
    doc.environments !== undefined &&
    firstEnvironment !== undefined &&
    !(doc.environments.length === 1 && doc.environments[0] === firstEnvironment)
  ) {
    edits.push(setEdit([...path, 'environments'], doc.environments as Json, [firstEnvironment]));
  }
  const parts = [`${label(groups[0])} keeps ${credential} (${describeKeys(keep) || 'nothing'})`];
  for (const group of groups.slice(1)) {
    const id = ids.allocate(`${credential}-${label(group)}`);
    const needs = needsOf(group);
    const environment = environmentOf(group);
    const fields: Record<string, Json> & { id: string } = {
      id,
      name:
        by === 'environment' ? `${credential} for ${environment}` : `${credential} for ${group[0].kind} ${group[0].id}`,
    };
    if (doc.environments !== undefined && environment !== undefined) fields.environments = [environment];
    edits.push({ op: 'copy-credential', from: path, fields, keep: [...needs], stored: true });
    for (const u of group) edits.push(...attach(facts, credential, u, id));
    for (const r of retargets) if (group.includes(r.unit)) edits.push(setEdit(r.path, credential, id));
    parts.push(`${label(group)} gets ${id} (${describeKeys(needs) || 'nothing'})`);
  }

  const users = groups.flat().map((u) => `${u.kind} ${u.id}`);
  const everything = describeKeys(grantedKeys(doc));
  if (by === 'environment') {
    const environments = groups.map((g) => environmentOf(g)!);
    return {
      id: `segmentation:${credential}/environment`,
      kind: 'segmentation',
      title: `Give each environment its own ${credential}: ${list(environments)}`,
      why:
        `${credential} is used in ${list(environments)} (by ${list(users)}): a copy leaked in one environment works in the others, and reaches ${everything}. ` +
        `One credential per environment, each narrowed to what that environment's workflows use: ${parts.join('; ')}.`,
      takes: `one new credential per environment from ${credential}'s issuer, and a configuration change in each environment`,
      subjects: [credential],
      edits,
    };
  }
  return {
    id: `segmentation:${credential}/user`,
    kind: 'segmentation',
    title: `Give each ${unitWords(groups)} its own ${credential}`,
    why:
      `${credential} is shared by ${list(users)}: a leak from any of them reaches what all of them can do (${everything}). ` +
      `One credential each, narrowed to what its own workflows use: ${parts.join('; ')}.`,
    takes: `one new credential per ${unitWords(groups)} from ${credential}'s issuer, and a configuration change in each`,
    subjects: [credential],
    edits,
  };
}

/** Points a unit at the new credential instead of the original. */
function attach(facts: Facts, credential: string, unit: Unit, id: string): Edit[] {
  if (unit.kind === 'tool')
    return [setEdit(['tools', facts.position.tool.get(unit.id)!, 'credential'], credential, id)];
  const a = facts.position.agent.get(unit.id)!;
  const j = facts.document.agents![a].credentials!.indexOf(credential);
  return [
    { op: 'remove', path: ['agents', a, 'credentials', j], old: credential },
    { op: 'append', path: ['agents', a, 'credentials'], value: id },
  ];
}

function passthroughClosure(facts: Facts, start: readonly string[]): string[] {
  const seen = [...start];
  for (let i = 0; i < seen.length; i++) {
    for (const d of facts.relations.agent.get(seen[i])?.delegates ?? [])
      if (d.mode === 'passthrough' && !seen.includes(d.to)) seen.push(d.to);
  }
  return seen;
}

function unitWords(groups: readonly (readonly Unit[])[]): string {
  const kinds = new Set(groups.flat().map((u) => u.kind));
  return kinds.size === 2 ? 'tool and agent' : kinds.has('tool') ? 'tool' : 'agent';
}
