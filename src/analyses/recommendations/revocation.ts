/**
 * Revocation: a credential revoked by hand (or not at all) lives on for as
 * long as a person takes to act after detection. Automate it; a per-task
 * credential is revoked when its task ends.
 */
import { canRevokeByApi, kindFacts, providerOf } from './capability.js';
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, duration, setEdit } from './shared.js';
import type { Candidate } from './types.js';

export function revocationCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  const { response } = facts.model;
  for (const c of facts.model.credentials) {
    const task = facts.relations.taskDuration.get(c.id);
    const target = c.issuance === 'per-task' && task !== undefined ? 'on-task-end' : 'automated';
    const mode = c.revocation.mode;
    if (mode === target || mode === 'on-task-end') continue;
    const kind = kindFacts(c, facts.model);
    const api = canRevokeByApi(kind);
    if (api === 'no') continue; // nothing but a person (or expiry) can end it
    const doc = credentialDocument(facts, c.id);
    const path = credentialPath(facts, c.id);
    const edit =
      doc.revocation !== undefined
        ? setEdit([...path, 'revocation', 'mode'], doc.revocation.mode, target)
        : setEdit([...path, 'revocation'], undefined, { mode: target });
    const now =
      mode === 'manual'
        ? `Revoking ${c.id} waits for a person: ${duration(response.manual)} after detection (response.manual).`
        : mode === 'none'
          ? `${c.id} cannot be revoked (revocation: none): only expiry ends a leaked copy. Revoking it needs verifiers that check revocation (token introspection or a deny list), not only the signature.`
          : `${c.id} is revoked by automation on detection, ${duration(response.automated)} after it (response.automated).`;
    const then =
      target === 'on-task-end'
        ? ` It is issued per task: revoked when the task ends (at most ${duration(task!)} after issue), a copy leaked during the task dies with it, and on detection sooner still.`
        : ` Revoked by automation on an alert, it stops ${duration(response.automated)} after detection (response.automated).`;
    out.push({
      id: `revocation:${c.id}`,
      kind: 'revocation',
      title:
        target === 'on-task-end' ? `Revoke ${c.id} when its task ends` : `Revoke ${c.id} automatically on detection`,
      why: now + then,
      takes:
        target === 'on-task-end'
          ? `a code change: the task runner calls the revocation API of ${c.id}'s issuer when the task ends`
          : `an automation that calls the revocation API of ${c.id}'s issuer on an alert (a secret-scanning or SIEM webhook)`,
      ...(api === 'unknown'
        ? {
            condition: `if ${providerOf(kind, c.id)} can revoke a single ${c.id} through an API`,
          }
        : {}),
      subjects: [c.id],
      edits: [edit],
    });
  }
  return out;
}
