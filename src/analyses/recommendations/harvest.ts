/**
 * Harvest paths: a resource that stores credentials (`holds`) and that an
 * agent's credential can read. Where no workflow needs the read, remove it;
 * where one does, move the stored secret out of the resource.
 */
import { HARVEST_ACTIONS } from '../../model/weights.js';
import { grantKey } from './edits.js';
import type { Facts } from './facts.js';
import { credentialDocument, list, narrowGrants, plural } from './shared.js';
import type { Candidate } from './types.js';

/** Whether `key` is a read of a resource that stores credentials, which the credential can do without approval. */
export function isHarvestRead(facts: Facts, credential: string, key: string): boolean {
  for (const g of credentialDocument(facts, credential).grants ?? []) {
    if (g.resource === undefined || !(facts.relations.resource.get(g.resource)?.holds.length ?? 0)) continue;
    for (const a of g.actions) {
      if (HARVEST_ACTIONS.has(a) && !(g.approval ?? []).includes(a) && grantKey('resource', g.resource, a) === key)
        return true;
    }
  }
  return false;
}

export function harvestCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const resource of facts.model.resources) {
    if (resource.holds.length === 0) continue;
    const needers: { credential: string; workflows: string[]; actions: string[] }[] = [];
    for (const c of facts.model.credentials) {
      if (!facts.inUse.has(c.id)) continue;
      const reads = harvestActions(facts, c.id, resource.id);
      if (reads.length === 0) continue;
      const used = facts.used.get(c.id);
      const needed = reads.filter((a) => used?.has(grantKey('resource', resource.id, a)));
      const unneeded = reads.filter((a) => !needed.includes(a));
      if (needed.length > 0) {
        const workflows = [...new Set(needed.flatMap((a) => used!.get(grantKey('resource', resource.id, a))!))];
        needers.push({ credential: c.id, workflows, actions: needed });
      }
      if (unneeded.length === 0) continue;
      const keys = new Set(unneeded.map((a) => grantKey('resource', resource.id, a)));
      out.push({
        id: `harvest:${c.id}@${resource.id}`,
        kind: 'harvest',
        title: `Remove ${c.id}'s ${unneeded.join(', ')} on ${resource.id}, which stores ${list(resource.holds)}`,
        why:
          `${resource.id} stores ${list(resource.holds)}, and ${c.id} can ${unneeded.join(' and ')} it although no workflow step needs that: ` +
          `whoever replays ${c.id} takes ${resource.holds.length === 1 ? 'that credential' : 'those credentials'} too, and everything ${resource.holds.length === 1 ? 'it reaches' : 'they reach'}.`,
        takes: `a setting: ${c.id}'s permissions on ${resource.id}`,
        subjects: [c.id, resource.id, ...resource.holds],
        edits: narrowGrants(facts, c.id, (k) => keys.has(k)),
      });
    }
    if (needers.length === 0) continue;
    const r = facts.position.resource.get(resource.id)!;
    resource.holds.forEach((held, j) => {
      const readers = needers.map((n) => `${n.credential} (${n.actions.join(', ')} for ${list(n.workflows)})`);
      out.push({
        id: `harvest:${resource.id}/${held}`,
        kind: 'harvest',
        title: `Move ${held} out of ${resource.id}`,
        why:
          `${resource.id} stores ${held}, and the workflows need to read ${resource.id}: ${list(readers)}. ` +
          `So whoever replays ${plural(needers.length, 'that credential', 'one of those credentials')} takes ${held} as well. Keep ${held} in a secret store that only its own users can read.`,
        outsideModel:
          `Where ${held} goes instead is not in this model: if you model that store, add it as a resource that holds ${held} and that only what uses ${held} can read. ` +
          `Rotate ${held} as well: copies left in ${resource.id} (its history, backups) stay valid until then.`,
        takes: `a secret store that only what uses ${held} can read, a configuration change where ${held} is read, and a rotation of ${held}`,
        subjects: [held, resource.id],
        edits: [{ op: 'remove', path: ['resources', r, 'holds', j], old: held }],
      });
    });
  }
  return out;
}

/** The harvesting actions (read, export, admin) a credential has on a resource without approval, in grant order. */
function harvestActions(facts: Facts, credential: string, resource: string): string[] {
  const out: string[] = [];
  for (const g of credentialDocument(facts, credential).grants ?? []) {
    if (g.resource !== resource) continue;
    for (const a of g.actions)
      if (HARVEST_ACTIONS.has(a) && !(g.approval ?? []).includes(a) && !out.includes(a)) out.push(a);
  }
  return out;
}
