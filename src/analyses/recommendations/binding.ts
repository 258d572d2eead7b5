/**
 * Binding: a bearer credential that can leak through some channel. Bound to
 * the workload it is issued to, an exfiltrated copy replays nowhere else.
 * Only where the kind's provider can bind it: a kind known to be bearer-only
 * gets the migration recommendation instead.
 */
import { bindingFor, kindFacts, providerOf } from './capability.js';
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, list, setEdit } from './shared.js';
import type { Candidate } from './types.js';

export function bindingCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    if (c.binding !== 'bearer') continue;
    const channels = facts.relations.exposure.get(c.id) ?? [];
    if (channels.length === 0) continue;
    const kind = kindFacts(c, facts.model);
    const target = bindingFor(kind);
    if (!target) continue; // the provider issues it as a bearer token only
    const thirdParty = (facts.relations.users.get(c.id)?.tools ?? []).filter(
      (t) => facts.relations.tool.get(t)?.publisher === 'third-party',
    );
    const caveat =
      thirdParty.length > 0
        ? ` ${list(thirdParty)} ${thirdParty.length === 1 ? 'runs' : 'run'} outside your control: a breach there is inside the workload and still uses ${c.id}.`
        : '';
    const how =
      target.binding === 'workload-bound'
        ? 'Bound to the workload that holds it (a workload identity such as a SPIFFE X.509-SVID, whose private key never leaves the workload), a copy replays nowhere else.'
        : 'Bound to the workload that holds it (DPoP, RFC 9449; mutual-TLS-bound tokens, RFC 8705), a copy replays nowhere else.';
    out.push({
      id: `binding:${c.id}`,
      kind: 'binding',
      title: `Bind ${c.id} to its workload (${target.binding})`,
      why:
        `${c.id} is a bearer credential: a copy that leaks through ${list(channels)} works from anywhere. ${how} ` +
        'The services that accept it must check the binding, directly or through a gateway. ' +
        `A bound credential still works for the agent that holds it: binding lowers the leaked-copy risk and leaves the hijacked-agent risk as it is.${caveat}`,
      takes:
        target.binding === 'workload-bound'
          ? "a workload identity for the agent (SPIFFE/SPIRE, or the platform's own), and services that authenticate it by mutual TLS"
          : 'a code change: the client proves possession of its key (DPoP or mutual TLS), and every service that accepts the token checks the proof',
      ...(target.ability === 'unknown'
        ? {
            condition: `if ${providerOf(kind, c.id)} supports sender-constrained tokens (DPoP or mutual TLS); otherwise replace ${c.id} with a kind that does`,
          }
        : {}),
      subjects: [c.id],
      edits: [
        setEdit([...credentialPath(facts, c.id), 'binding'], credentialDocument(facts, c.id).binding, target.binding),
      ],
    });
  }
  return out;
}
