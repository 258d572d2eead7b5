import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';

export const LR016: Rule = {
  id: 'LR016',
  name: 'BlastRadiusAboveLimit',
  title: 'Worst-case blast-radius score above the policy maximum',
  severity: 'high',
  rationale:
    'The blast-radius score sums the impact (sensitivity weight times action weight) of everything a leak of this one credential reaches, harvested and delegated paths included. Above the limit, a single leak is an incident across many systems.',
  fix: 'Split the credential by task and resource, narrow its grants, remove the secrets and agents it can reach, or bind it so an external copy reaches nothing.',
  owasp: { nhi: ['NHI5'], asi: ['ASI03', 'ASI08'] },
  check({ ctx, thresholds, worstCases }) {
    const cases = worstCases();
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const score = cases.get(c.id)?.score ?? 0;
      if (score <= thresholds.maxBlastRadiusScore) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: c.path,
        message: `a leak of ${quote(c.id)} has a blast-radius score of ${round(score)}, above the limit of ${round(thresholds.maxBlastRadiusScore)}`,
      });
    }
    return out;
  },
};

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
