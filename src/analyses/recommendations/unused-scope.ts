/**
 * Unused scope: grants that no workflow step ever uses through a credential.
 * Least privilege derived from the workflows, not guessed: only credentials
 * that an agent of the model acts with are judged (a credential nobody in the
 * model holds is used by something the model does not describe). Reads that
 * expose stored credentials are left to the harvest recommendation, which says
 * why they matter.
 */
import type { Facts } from './facts.js';
import { isHarvestRead } from './harvest.js';
import { credentialDocument, describeKeys, grantedKeys, narrowGrants } from './shared.js';
import type { Candidate } from './types.js';

export function unusedScopeCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    if (!facts.inUse.has(c.id)) continue;
    const used = facts.used.get(c.id) ?? new Map<string, readonly string[]>();
    const granted = grantedKeys(credentialDocument(facts, c.id));
    const unused = granted.filter((k) => !used.has(k) && !isHarvestRead(facts, c.id, k));
    if (unused.length === 0) continue;
    const kept = granted.filter((k) => used.has(k));
    const uses = kept.length > 0 ? `its workflows use only ${describeKeys(kept)}` : 'no workflow step uses it at all';
    out.push({
      id: `unused-scope:${c.id}`,
      kind: 'unused-scope',
      title: `Remove what no workflow uses from ${c.id}: ${describeKeys(unused)}`,
      why:
        `No workflow step uses ${describeKeys(unused)} through ${c.id}; ${uses}. ` +
        'What the workflows never do, a leaked copy or a hijacked agent should not be able to do either.',
      takes: `a setting: the scopes or permissions ${c.id} is issued with`,
      subjects: [c.id],
      edits: narrowGrants(facts, c.id, (k) => unused.includes(k)),
    });
  }
  return out;
}
