import { quote } from '../../model/messages.js';
import type { Credential } from '../../model/types.js';
import type { Rule, RuleFinding } from './types.js';
import { lifeText, usableLife } from './helpers.js';

export const LR011: Rule = {
  id: 'LR011',
  name: 'DerivedTokenOutlivesParent',
  title: 'Derived tokens outlive their parent (revocation lag)',
  severity: 'medium',
  rationale:
    "A token minted from another (token exchange, refresh) that does not die with its parent survives the parent's revocation: responders revoke the leaked credential and the attacker keeps working with what it minted, until that expires on its own.",
  fix: 'Revoke derived tokens with their parent (`revokedWithParent: true`: introspected tokens, or a token service that revokes the whole exchange family), or keep their ttl to minutes.',
  owasp: { nhi: ['NHI1', 'NHI7'], asi: ['ASI03', 'ASI07'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (c.derivedFrom === undefined || c.revokedWithParent) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'revokedWithParent'],
        fallback: [...c.path, 'derivedFrom'],
        message: `credential ${quote(c.id)}, minted from ${quote(c.derivedFrom)}, is not revoked with it: ${afterParent(c, ctx.relations.credential.get(c.derivedFrom))}`,
      });
    }
    return out;
  },
};

/** What a child minted at the last moment its parent allows does once the parent stops: revoked, or (never revoked) expired. */
function afterParent(child: Credential, parent: Credential | undefined): string {
  const life = lifeText(usableLife(child));
  const unless = `(${revocationText(child.revocation.mode)})`;
  const p = quote(child.derivedFrom ?? '');
  if (parent === undefined || parent.revocation.mode !== 'none')
    return `one minted just before ${p} is revoked stays valid for up to ${life} ${unless}`;
  // A parent that cannot be revoked stops only when it expires, if ever.
  if (usableLife(parent) === Number.POSITIVE_INFINITY)
    return `${p} can be neither revoked nor expire, so whoever holds it keeps minting new ones, each valid for up to ${life} ${unless}`;
  return `${p} cannot be revoked; one minted just before it expires stays valid for up to ${life} after it ${unless}`;
}

function revocationText(mode: string): string {
  switch (mode) {
    case 'none':
      return 'it cannot be revoked on its own';
    case 'manual':
      return 'unless someone also revokes it by hand';
    case 'automated':
      return 'unless the automation also revokes it';
    default:
      return 'unless its own task ends first';
  }
}
