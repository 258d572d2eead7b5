import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { quotedList } from './helpers.js';

export const LR005: Rule = {
  id: 'LR005',
  name: 'ExposedBearerCredential',
  title: 'Bearer credential exposed through prompt context, logs or other channels',
  severity: 'high',
  rationale:
    'A bearer credential works for whoever holds a copy. Prompt context, logs, traces and commits are copied, retained and read by people and tools far outside the workload, so a bearer credential that passes through them will leak.',
  fix: 'Bind the credential to its workload (sender-constrained with DPoP or mTLS, or a workload-bound SVID) so a copy is useless elsewhere, and keep it out of prompts and logs (inject it in the tool call, redact it in logs).',
  // A secret in the context is a precondition of goal hijack (ASI01), not the hijack: it maps to the credential risk.
  owasp: { nhi: ['NHI2', 'NHI4'], asi: ['ASI03'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (c.binding !== 'bearer') continue;
      const channels = ctx.relations.exposure.get(c.id) ?? [];
      if (channels.length === 0) continue;
      const inherited = channels.filter((ch) => !c.exposure.includes(ch));
      const via = inherited.length > 0 ? ` (${quotedList(inherited)} through the agents it is passed to)` : '';
      out.push({
        element: { kind: 'credential', id: c.id },
        path: c.exposure.length > 0 ? [...c.path, 'exposure'] : [...c.path, 'binding'],
        fallback: c.path,
        message: `bearer credential ${quote(c.id)} can leak through ${quotedList(channels, 10)}${via}, and a copy works from anywhere`,
      });
    }
    return out;
  },
};
