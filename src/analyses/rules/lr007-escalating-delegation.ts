import { quote } from '../../model/messages.js';
import type { Rule } from './types.js';
import { pairList } from './helpers.js';

export const LR007: Rule = {
  id: 'LR007',
  name: 'EscalatingDelegation',
  title: 'Delegation that escalates',
  severity: 'high',
  rationale:
    'A delegate that can do more than the agent tasking it turns delegation into privilege escalation: whoever steers the delegator (a prompt injection, a leaked token that can invoke it) reaches what the delegator itself was never granted.',
  fix: "Narrow what the delegate acts with to a subset of its delegator's permissions (token exchange with narrowed scopes), or move the extra permissions behind their own approval.",
  owasp: { nhi: ['NHI5'], asi: ['ASI03', 'ASI07'] },
  check({ delegation }) {
    return delegation()
      .edges.filter((e) => e.escalation.length > 0)
      .map((e) => ({
        element: { kind: 'delegation' as const, id: `${e.from}/${e.to}` },
        path: e.path,
        message: `agent ${quote(e.to)}, tasked by ${quote(e.from)}${e.mode === 'exchange' && e.credential !== undefined ? ` with ${quote(e.credential)}` : ` by ${e.mode}`}, can do what ${quote(e.from)} cannot: ${pairList(e.escalation)}`,
      }));
  },
};
