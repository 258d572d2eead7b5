/**
 * Binding: a bearer credential that can leak through some channel. Bound to
 * the workload it is issued to, an exfiltrated copy replays nowhere else.
 */
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, list, setEdit } from './shared.js';
import type { Candidate } from './types.js';

export function bindingCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    if (c.binding !== 'bearer') continue;
    const channels = facts.relations.exposure.get(c.id) ?? [];
    if (channels.length === 0) continue;
    const thirdParty = (facts.relations.users.get(c.id)?.tools ?? []).filter(
      (t) => facts.relations.tool.get(t)?.publisher === 'third-party',
    );
    const caveat =
      thirdParty.length > 0
        ? ` ${list(thirdParty)} ${thirdParty.length === 1 ? 'runs' : 'run'} outside your control: a breach there is inside the workload and still uses ${c.id}.`
        : '';
    out.push({
      id: `binding:${c.id}`,
      kind: 'binding',
      title: `Bind ${c.id} to its workload (sender-constrained)`,
      why:
        `${c.id} is a bearer credential: a copy that leaks through ${list(channels)} works from anywhere. ` +
        'Bound to the workload that holds it (DPoP, RFC 9449; mutual-TLS-bound tokens, RFC 8705; or a workload identity such as a SPIFFE X.509-SVID), a copy replays nowhere else. ' +
        'The services that accept it must check the binding, directly or through a gateway. ' +
        `A bound credential still works for an attacker inside the workload (a prompt injection steering the agent); the measured worst case is a copy replayed from outside.${caveat}`,
      ...(c.kind !== undefined
        ? {
            outsideModel: `If ${c.kind} cannot be bound to a workload, replace it with a credential that can be (the written model keeps kind ${c.kind}).`,
          }
        : {}),
      subjects: [c.id],
      edits: [
        setEdit(
          [...credentialPath(facts, c.id), 'binding'],
          credentialDocument(facts, c.id).binding,
          'sender-constrained',
        ),
      ],
    });
  }
  return out;
}
