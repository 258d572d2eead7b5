import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { pairList } from './helpers.js';

export const LR009: Rule = {
  id: 'LR009',
  name: 'LeakReachesHighImpactAction',
  title:
    'A leaked token reaches deploy, payment, export or delete on a high or critical resource without human approval',
  severity: 'critical',
  rationale:
    'The worst-case leak of this credential (replayed by an external attacker from the moment it is issued, following harvested secrets, minted tokens and agents it can task) ends in an irreversible action on a high or critical resource that no person has to approve.',
  fix: 'Cut the path: bind the credential to its workload, remove the stored secret it harvests, narrow the grant, or require a human approval (`approval:` on the grant) for the high-impact action. `leakradius simulate <model> --leak <credential>` shows the paths.',
  owasp: { nhi: ['NHI2', 'NHI5'], asi: ['ASI03', 'ASI08'] },
  check({ ctx, worstCases }) {
    const cases = worstCases();
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const high = cases.get(c.id)?.highImpact ?? [];
      if (high.length === 0) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: c.path,
        message: `a leak of ${quote(c.id)} reaches ${pairList(high)} without human approval`,
      });
    }
    return out;
  },
};
