import { quote } from '../../model/messages.js';
import { HARVEST_ACTIONS } from '../../model/weights.js';
import type { Rule, RuleFinding } from './types.js';
import { agentsActingWith, quotedList } from './helpers.js';

export const LR013: Rule = {
  id: 'LR013',
  name: 'HarvestableStoredCredential',
  title: 'Resource that stores credentials readable by an agent credential (harvest path)',
  severity: 'high',
  rationale:
    "A secret stored where an agent can read it (a kubeconfig in a repository, a key in a wiki page, a token in a shared vault path) belongs to whoever holds the agent's credential: one leak chains into the next, usually to something more valuable.",
  fix: "Take the secret out of the resource (use workload identity or a secrets manager path the agent cannot read), or remove read, export and admin on it from the agent's credentials.",
  owasp: { nhi: ['NHI2', 'NHI5'], asi: ['ASI03', 'ASI08'] },
  check({ ctx }) {
    const actors = agentsActingWith(ctx);
    const readers = new Map<string, Set<string>>();
    for (const c of ctx.model.credentials) {
      if (!actors.has(c.id)) continue;
      for (const g of c.grants) {
        if (g.target.kind !== 'resource') continue;
        if (!g.actions.some((a) => HARVEST_ACTIONS.has(a) && !g.approval.includes(a))) continue;
        const set = readers.get(g.target.id) ?? new Set<string>();
        set.add(c.id);
        readers.set(g.target.id, set);
      }
    }
    const out: RuleFinding[] = [];
    for (const r of ctx.model.resources) {
      const by = readers.get(r.id);
      if (r.holds.length === 0 || !by) continue;
      const agents = [...by].flatMap((c) => actors.get(c) ?? []);
      out.push({
        element: { kind: 'resource', id: r.id },
        path: [...r.path, 'holds'],
        message: `resource ${quote(r.id)} stores ${quotedList(r.holds)}, readable with ${by.size === 1 ? 'credential' : 'credentials'} ${quotedList(by)} of ${agents.length === 1 ? 'agent' : 'agents'} ${quotedList(agents)}`,
      });
    }
    return out;
  },
};
