import { quote } from '../../model/messages.js';
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
        message: `credential ${quote(c.id)}, minted from ${quote(c.derivedFrom)}, is not revoked with it: one minted just before ${quote(c.derivedFrom)} is revoked stays valid for up to ${lifeText(usableLife(c))} (${revocationText(c.revocation.mode)})`,
      });
    }
    return out;
  },
};

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
