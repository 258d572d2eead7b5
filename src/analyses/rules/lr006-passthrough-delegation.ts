import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { quotedList } from './helpers.js';

export const LR006: Rule = {
  id: 'LR006',
  name: 'PassthroughDelegation',
  title: 'Delegation by passthrough',
  severity: 'high',
  rationale:
    "Passing a credential on gives the delegate everything the delegator can do and makes its actions indistinguishable from the delegator's: attribution is lost, every channel of the delegate now leaks the token, and a hijacked sub-agent acts with the full authority of its parent.",
  fix: 'Delegate by token exchange (RFC 8693): mint the delegate a new credential, narrowed to what its task needs, that names both agents.',
  owasp: { nhi: ['NHI9', 'NHI5'], asi: ['ASI07', 'ASI03'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const a of ctx.model.agents) {
      const handed = ctx.relations.available.get(a.id) ?? [];
      if (handed.length === 0) continue; // nothing to pass on
      for (const d of a.delegates) {
        if (d.mode !== 'passthrough') continue;
        out.push({
          element: { kind: 'delegation', id: `${a.id}/${d.to}` },
          path: [...d.path, 'mode'],
          fallback: d.path,
          message: `agent ${quote(a.id)} passes ${handed.length === 1 ? 'its credential' : 'its credentials'} ${quotedList(handed)} on to agent ${quote(d.to)}: the delegate acts as ${quote(a.id)} and its actions cannot be told apart`,
        });
      }
    }
    return out;
  },
};
