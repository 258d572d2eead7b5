import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';

export const LR012: Rule = {
  id: 'LR012',
  name: 'UntraceableAgent',
  title: 'Agent with no owner or purpose',
  severity: 'medium',
  rationale:
    'An identity that cannot be traced to a team and a business function is never reviewed, never rotated and never offboarded: nobody notices when it misbehaves or when it should have been switched off.',
  fix: 'Give every agent an `owner` (a team or person accountable for it) and a `purpose` (the business function it serves), or remove it.',
  owasp: { nhi: ['NHI1'], asi: ['ASI10'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const a of ctx.model.agents) {
      const missing = [blank(a.owner) ? 'owner' : undefined, blank(a.purpose) ? 'purpose' : undefined].filter(
        (m) => m !== undefined,
      );
      if (missing.length === 0) continue;
      out.push({
        element: { kind: 'agent', id: a.id },
        path: a.path,
        message: `agent ${quote(a.id)} has no ${missing.join(' and no ')}: it cannot be traced to a business function`,
      });
    }
    return out;
  },
};

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}
