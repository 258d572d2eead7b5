import { quote } from '../../model/messages.js';
import { ACTION_WEIGHT, actionWeight, isHighOrCritical } from '../../model/weights.js';
import type { PairRef } from '../simulation/worst-case.js';
import type { Rule, RuleFinding } from './types.js';
import { pairList } from './helpers.js';

export const LR015: Rule = {
  id: 'LR015',
  name: 'ThirdPartyToolWriteAccess',
  title: 'Third-party tool holding a credential with write or higher on a high or critical resource',
  severity: 'high',
  rationale:
    'A third-party tool (an MCP server, a SaaS connector) runs code and infrastructure you do not control. Whatever its credential can change on your most sensitive resources, a compromise or a malicious update of that tool can change too.',
  fix: 'Give the tool a credential limited to reading, route writes through a first-party gateway you control, or require human approval for the writes.',
  owasp: { nhi: ['NHI3', 'NHI5'], asi: ['ASI04', 'ASI02'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const t of ctx.model.tools) {
      if (t.publisher !== 'third-party' || t.credential === undefined) continue;
      const c = ctx.relations.credential.get(t.credential);
      if (!c) continue;
      const risky: PairRef[] = [];
      for (const g of c.grants) {
        if (g.target.kind !== 'resource') continue;
        const r = ctx.relations.resource.get(g.target.id);
        if (!r || !isHighOrCritical(r.sensitivity)) continue;
        // "Write or higher" by impact weight: anything weighing at least what write weighs, unless a person approves each use.
        for (const a of g.actions)
          if (actionWeight(a) >= ACTION_WEIGHT.write && !g.approval.includes(a))
            risky.push({ resource: r.id, action: a });
      }
      if (risky.length === 0) continue;
      out.push({
        element: { kind: 'tool', id: t.id },
        path: [...t.path, 'credential'],
        message: `third-party tool ${quote(t.id)} holds credential ${quote(c.id)}, which can ${pairList(risky)} on high or critical resources`,
      });
    }
    return out;
  },
};
