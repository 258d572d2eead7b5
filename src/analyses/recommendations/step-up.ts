/**
 * Step-up approval: an autonomous agent whose workflows deploy, pay, export or
 * delete on a high or critical resource. With a person approving each use,
 * neither a replayed credential nor a steered agent does it unnoticed, and the
 * workflow still runs.
 */
import { HIGH_IMPACT_ACTIONS, isHighOrCritical } from '../../model/weights.js';
import { grantKey } from './edits.js';
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, describeKeys, list } from './shared.js';
import type { Candidate, Edit } from './types.js';

export function stepUpCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    const autonomous = facts.usedAutonomously.get(c.id);
    if (!autonomous) continue;
    const edits: Edit[] = [];
    const keys: string[] = [];
    const path = credentialPath(facts, c.id);
    (credentialDocument(facts, c.id).grants ?? []).forEach((g, k) => {
      const resource = g.resource === undefined ? undefined : facts.relations.resource.get(g.resource);
      if (!resource || !isHighOrCritical(resource.sensitivity)) return;
      for (const a of g.actions) {
        const key = grantKey('resource', resource.id, a);
        if (!HIGH_IMPACT_ACTIONS.has(a) || (g.approval ?? []).includes(a) || !autonomous.has(key) || keys.includes(key))
          continue;
        keys.push(key);
        edits.push({ op: 'append', path: [...path, 'grants', k, 'approval'], value: a });
      }
    });
    if (edits.length === 0) continue;
    const workflows = [...new Set(keys.flatMap((k) => facts.used.get(c.id)?.get(k) ?? []))];
    const agents = [...new Set(workflows.map((w) => facts.relations.workflow.get(w)!.agent))].filter(
      (a) => facts.relations.agent.get(a)?.autonomy === 'autonomous',
    );
    const sensitivity = [
      ...new Set(
        keys.map((k) => facts.relations.resource.get(k.slice(k.indexOf(':') + 1, k.lastIndexOf('#')))!.sensitivity),
      ),
    ];
    out.push({
      id: `step-up:${c.id}`,
      kind: 'step-up',
      title: `Require human approval for ${describeKeys(keys)} with ${c.id}`,
      why:
        `The autonomous ${list(agents)} ${agents.length === 1 ? 'does' : 'do'} ${describeKeys(keys)} (${list(sensitivity)}) with ${c.id} in ${list(workflows)}, with nobody in the loop. ` +
        'With a person approving each use (a protected deployment environment with required reviewers, a payment approval), neither a replayed copy nor a steered agent can do it unnoticed; the workflows still run.',
      takes: `a setting where the action is carried out (a protected environment with required reviewers, an approval step), and a person on call to approve`,
      subjects: [c.id, ...agents],
      edits,
    });
  }
  return out;
}
