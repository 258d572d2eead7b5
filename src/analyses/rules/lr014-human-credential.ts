import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { agentsActingWith, quotedList } from './helpers.js';

export const LR014: Rule = {
  id: 'LR014',
  name: 'HumanCredentialUsedByAgent',
  title: "A human's credential used by an agent",
  severity: 'high',
  rationale:
    "An agent acting with a person's credential has everything that person can do, its actions are logged as the person's, and the credential lives and dies with the person's account rather than with the agent.",
  fix: 'Give the agent its own workload identity and credentials; when it acts for a user, use delegated, narrowed tokens (OAuth on-behalf-of or token exchange) that name both.',
  // Not NHI10 Human Use of NHI: that is a person using a workload's credential, the reverse of this.
  owasp: { nhi: [], asi: ['ASI03'] },
  check({ ctx }) {
    const actors = agentsActingWith(ctx);
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const agents = actors.get(c.id) ?? [];
      if (c.subject !== 'human' || agents.length === 0) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'subject'],
        fallback: [...c.path, 'kind'],
        message: `credential ${quote(c.id)} carries a person's identity, and ${agents.length === 1 ? 'agent' : 'agents'} ${quotedList(agents)} ${agents.length === 1 ? 'acts' : 'act'} with it`,
      });
    }
    return out;
  },
};
