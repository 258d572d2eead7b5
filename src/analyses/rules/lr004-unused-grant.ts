import { quote } from '../../model/messages.js';
import { stepCredentials } from '../../model/relations.js';
import type { DocPath } from '../../yaml/diagnostic.js';
import type { AnalysisContext } from '../context.js';
import type { Rule, RuleFinding } from './types.js';
import { agentsActingWith, plural } from './helpers.js';

export const LR004: Rule = {
  id: 'LR004',
  name: 'UnusedGrant',
  title: 'Granted actions no workflow uses',
  severity: 'medium',
  rationale:
    'Every granted action that no workflow needs is blast radius for nothing: a leak or a hijacked agent can use it, and no legitimate task would miss it.',
  fix: 'Remove the unused actions from the grant, or add the workflow step that needs them. Least privilege is what the workflows use.',
  owasp: { nhi: ['NHI5'], asi: ['ASI03', 'ASI02'] },
  check({ ctx }) {
    // Without workflows there is nothing to derive least privilege from.
    if (ctx.model.workflows.length === 0) return [];
    const used = usedGrants(ctx);
    const actors = agentsActingWith(ctx);
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (!actors.has(c.id)) continue; // no agent acts with it: not an agent's over-privilege
      const unused: { text: string; path: DocPath }[] = [];
      for (const g of c.grants) {
        g.actions.forEach((action, k) => {
          if (!used.has(key(c.id, g.target.kind, g.target.id, action))) unused.push({ text: `${g.target.id}:${action}`, path: [...g.path, 'actions', k] });
        });
      }
      if (unused.length === 0) continue;
      const shown = unused.slice(0, 6).map((u) => quote(u.text).slice(1, -1));
      const more = unused.length > shown.length ? ` and ${unused.length - shown.length} more` : '';
      out.push({
        element: { kind: 'credential', id: c.id },
        path: unused[0].path,
        message: `credential ${quote(c.id)} grants ${plural(unused.length, 'action')} no workflow uses: ${shown.join(', ')}${more}`,
      });
    }
    return out;
  },
};

function key(credential: string, kind: string, target: string, action: string): string {
  return `${credential}\u0000${kind}\u0000${target}\u0000${action}`;
}

/** Grants a workflow step exercises: resource actions through the step's credentials, `invoke` on an agent through a delegate step. */
function usedGrants(ctx: AnalysisContext): Set<string> {
  const used = new Set<string>();
  for (const w of ctx.model.workflows) {
    for (const step of w.steps) {
      if (step.kind === 'action') {
        for (const c of stepCredentials(step, w.agent, ctx.relations)) used.add(key(c, 'resource', step.resource, step.action));
      } else {
        for (const c of ctx.relations.available.get(w.agent) ?? []) used.add(key(c, 'agent', step.to, 'invoke'));
      }
    }
  }
  return used;
}
