import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { quotedList } from './helpers.js';

export const LR008: Rule = {
  id: 'LR008',
  name: 'DeepOrCyclicDelegation',
  title: 'Delegation deeper than the limit, or cyclic',
  severity: 'medium',
  rationale:
    'Every hop of delegation is another agent that can be steered, another place a token is copied, and another step between an action and the person accountable for it. Long chains hide who did what; loops let a task bounce between agents without end.',
  fix: 'Flatten the chain (let the orchestrator task the last agent directly), or raise `thresholds.maxDelegationDepth` in the policy if the depth is deliberate; break loops so that no agent can be tasked back by its own delegates.',
  owasp: { nhi: [], asi: ['ASI07', 'ASI08'] },
  check({ delegation, thresholds }) {
    const { edges, cycles } = delegation();
    const max = thresholds.maxDelegationDepth;
    const out: RuleFinding[] = [];
    // The delegation that first crosses the limit; longer chains through it are the same finding.
    for (const e of edges) {
      if (e.depth !== max + 1) continue;
      out.push({
        element: { kind: 'delegation', id: `${e.from}/${e.to}` },
        path: e.path,
        message: `delegation from ${quote(e.from)} to ${quote(e.to)} is hop ${e.depth} of a chain, deeper than the limit of ${max}`,
      });
    }
    // The loader refuses an agent delegating to itself, so every loop has two agents or more.
    for (const members of cycles.map((m) => [...m].sort())) {
      const first = members[0];
      const closing = edges.find((e) => e.from === first && e.inCycle && members.includes(e.to));
      if (!closing) continue;
      out.push({
        element: { kind: 'cycle', id: members.join('/') },
        path: closing.path,
        message: `agents ${quotedList(members, 10)} delegate to one another in a loop`,
      });
    }
    return out;
  },
};
