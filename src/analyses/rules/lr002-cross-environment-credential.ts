import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { agentsActingWith, quotedList } from './helpers.js';

export const LR002: Rule = {
  id: 'LR002',
  name: 'CrossEnvironmentCredential',
  title: 'Credential reused across environments',
  severity: 'high',
  rationale:
    'A credential used in several environments joins them: a leak from the weakest one (a dev laptop, a staging log) opens the strongest, and revoking it breaks them all at once, so nobody does.',
  fix: "Issue one credential per environment, each granting only that environment's resources.",
  owasp: { nhi: ['NHI8'], asi: ['ASI03'] },
  check({ ctx }) {
    const actors = agentsActingWith(ctx);
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const environments = new Set(c.environments);
      for (const a of actors.get(c.id) ?? []) {
        const env = ctx.relations.agent.get(a)?.environment;
        if (env !== undefined) environments.add(env);
      }
      if (environments.size < 2) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'environments'],
        message: `credential ${quote(c.id)} is used in ${environments.size} environments: ${quotedList(environments, 10)}`,
      });
    }
    return out;
  },
};
