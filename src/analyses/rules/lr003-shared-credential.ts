import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { quotedList } from './helpers.js';

export const LR003: Rule = {
  id: 'LR003',
  name: 'SharedCredential',
  title: 'Credential shared by several agents or tools',
  severity: 'medium',
  rationale:
    'A shared credential cannot say which agent or tool acted, gives each of them the union of what all of them need, and cannot be revoked for one without stopping the others.',
  fix: 'Give each agent and each tool its own credential, scoped to what that one needs.',
  owasp: { nhi: ['NHI9'], asi: ['ASI03'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const agents = ctx.relations.holders.get(c.id) ?? [];
      const tools = ctx.relations.users.get(c.id)?.tools ?? [];
      if (agents.length < 2 && tools.length < 2) continue;
      const parts: string[] = [];
      if (agents.length > 0) parts.push(`${agents.length === 1 ? 'agent' : 'agents'} ${quotedList(agents)}`);
      if (tools.length > 0) parts.push(`${tools.length === 1 ? 'tool' : 'tools'} ${quotedList(tools)}`);
      out.push({
        element: { kind: 'credential', id: c.id },
        path: c.path,
        message: `credential ${quote(c.id)} is shared by ${parts.join(' and ')}`,
      });
    }
    return out;
  },
};
