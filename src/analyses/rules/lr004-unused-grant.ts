import { quote } from '../../model/messages.js';
import { derivationAncestors, stepCredentials } from '../../model/relations.js';
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
    // `invoke` on an agent is used when an agent acting with the credential delegates to it in a workflow.
    const usedDirectly = (credential: string, kind: string, target: string, action: string): boolean =>
      kind === 'agent' && action === 'invoke'
        ? (actors.get(credential) ?? []).some((a) => used.delegates.get(a)?.has(target) ?? false)
        : used.actions.has(key(credential, kind, target, action));
    // A grant that a credential minted from this one uses is needed here too: the mint can only hand on what its parent holds.
    const neededByDerived = new Set<string>();
    for (const c of ctx.model.credentials) {
      if (c.derivedFrom === undefined) continue;
      for (const g of c.grants)
        for (const action of g.actions) {
          if (!usedDirectly(c.id, g.target.kind, g.target.id, action)) continue;
          for (const parent of derivationAncestors(ctx.relations, c.id))
            neededByDerived.add(key(parent, g.target.kind, g.target.id, action));
        }
    }
    const isUsed = (credential: string, kind: string, target: string, action: string): boolean =>
      usedDirectly(credential, kind, target, action) || neededByDerived.has(key(credential, kind, target, action));
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (!actors.has(c.id)) continue; // no agent acts with it: not an agent's over-privilege
      let unused = 0;
      let first: DocPath | undefined;
      const shown: string[] = [];
      for (const g of c.grants) {
        g.actions.forEach((action, k) => {
          if (isUsed(c.id, g.target.kind, g.target.id, action)) return;
          first ??= [...g.path, 'actions', k];
          if (shown.length < SHOWN) shown.push(quote(`${g.target.id}:${action}`).slice(1, -1));
          unused++;
        });
      }
      if (first === undefined) continue;
      const more = unused > shown.length ? ` and ${unused - shown.length} more` : '';
      out.push({
        element: { kind: 'credential', id: c.id },
        path: first,
        message: `credential ${quote(c.id)} grants ${plural(unused, 'action')} no workflow uses: ${shown.join(', ')}${more}`,
      });
    }
    return out;
  },
};

/** Unused actions named in a finding; the rest are counted. */
const SHOWN = 6;

function key(credential: string, kind: string, target: string, action: string): string {
  return `${credential}\u0000${kind}\u0000${target}\u0000${action}`;
}

/** What the workflows exercise: resource actions through each step's credentials, and which agents delegate to which. */
function usedGrants(ctx: AnalysisContext): { actions: Set<string>; delegates: Map<string, Set<string>> } {
  const actions = new Set<string>();
  const delegates = new Map<string, Set<string>>();
  for (const w of ctx.model.workflows) {
    for (const step of w.steps) {
      if (step.kind === 'action') {
        for (const c of stepCredentials(step, w.agent, ctx.relations))
          actions.add(key(c, 'resource', step.resource, step.action));
      } else {
        let to = delegates.get(w.agent);
        if (!to) delegates.set(w.agent, (to = new Set()));
        to.add(step.to);
      }
    }
  }
  return { actions, delegates };
}
