/**
 * Delegation: an agent that hands its own credentials to a delegate
 * (passthrough) gives it everything it can do, and exposes those credentials
 * through the delegate's channels too. Token exchange at the handoff mints a
 * credential for the delegate, derived from the delegator's and narrowed to
 * what the delegate's workflows (and those it passes the token on to) use.
 */
import type { DocPath } from '../../yaml/diagnostic.js';
import { ownCredentials, stepCredentials } from '../../model/relations.js';
import { formatDuration } from '../../model/duration.js';
import type { Agent } from '../../model/types.js';
import { canIssuePerTask, kindFacts, providerOf } from './capability.js';
import { grantKey } from './edits.js';
import type { Facts, IdAllocator } from './facts.js';
import { describeKeys, keyParts, list, plural, setEdit } from './shared.js';
import { suggestedTtl, usableLife } from './ttl.js';
import type { Candidate, Edit, Json } from './types.js';

export function delegationCandidates(facts: Facts, ids: IdAllocator): Candidate[] {
  const out: Candidate[] = [];
  const { relations } = facts;
  for (const agent of facts.model.agents) {
    const handed = relations.available.get(agent.id) ?? [];
    agent.delegates.forEach((d, k) => {
      if (d.mode !== 'passthrough' || handed.length === 0) return;
      const downstream = passthroughReach(facts, d.to, agent.id);
      const needed = new Map<string, boolean>(); // grant key -> gated by approval
      const credit = new Map<string, number>();
      const retarget: { path: DocPath; old: string }[] = [];
      let longest: number | undefined;
      for (const x of downstream) {
        const own = ownCredentials(relations.agent.get(x)!, relations.tool);
        for (const w of facts.workflowsOf.get(x) ?? []) {
          longest = Math.max(longest ?? 0, w.duration);
          for (const step of w.steps) {
            if (step.kind !== 'action') continue;
            const permitting = stepCredentials(step, x, relations);
            if (permitting.some((c) => own.includes(c))) continue; // the delegate's own credential serves it
            const fromHandoff = permitting.filter((c) => handed.includes(c));
            if (fromHandoff.length === 0) continue;
            const key = grantKey('resource', step.resource, step.action);
            const gated = fromHandoff.every((c) => gates(facts, c, step.resource, step.action));
            needed.set(key, (needed.get(key) ?? true) && gated);
            for (const c of fromHandoff) credit.set(c, (credit.get(c) ?? 0) + 1);
            if (step.credential !== undefined && handed.includes(step.credential))
              retarget.push({ path: [...step.path, 'credential'], old: step.credential });
          }
        }
      }
      // Mint from the handed credential that serves most of what the delegate uses.
      const parent = [...handed].sort((a, b) => (credit.get(b) ?? 0) - (credit.get(a) ?? 0))[0];
      const p = relations.credential.get(parent)!;
      // The minted token is of the parent's kind, issued per task: a kind that cannot be is left to the migration.
      const kind = kindFacts(p, facts.model);
      const perTask = canIssuePerTask(kind);
      if (perTask === 'no') return;
      const minted = ids.allocate(`${parent}-for-${d.to}`);
      const ttl = Math.min(longest !== undefined ? suggestedTtl(longest, p.kind) : p.ttl, usableLife(p));
      // A copy of the parent as the rest of the selection leaves it (its binding, revocation, exposure),
      // minted per task for the delegate, not refreshable, and dying with the parent.
      const fields: Record<string, Json> & { id: string } = {
        id: minted,
        name: `${parent} exchanged for ${d.to}`,
        description: `Minted by token exchange when ${agent.id} delegates to ${d.to}, with only what the delegated workflows use.`,
        ttl: formatDuration(ttl),
        issuance: 'per-task',
        derivedFrom: parent,
        revokedWithParent: true,
        grants: grantsOf(needed),
      };
      const a = facts.position.agent.get(agent.id)!;
      const path = ['agents', a, 'delegates', k];
      const edits: Edit[] = [
        {
          op: 'copy-credential',
          from: ['credentials', facts.position.credential.get(parent)!],
          fields,
          omit: ['maxLifetime'],
          stored: false,
        },
        setEdit([...path, 'mode'], 'passthrough', 'exchange'),
        setEdit([...path, 'credential'], undefined, minted),
        ...retarget.map((r) => setEdit(r.path, r.old, minted)),
      ];
      const others = downstream.filter((x) => x !== d.to);
      const whose =
        others.length > 0
          ? `${d.to}'s workflows and those of ${list(others)}, to which it passes the token on,`
          : `${d.to}'s workflows`;
      const uses = needed.size > 0 ? `${whose} use only ${describeKeys(needed.keys())}` : `${whose} use none of it`;
      out.push({
        id: `delegation:${agent.id}->${d.to}`,
        kind: 'delegation',
        title: `Exchange ${parent} for a narrowed token when ${agent.id} delegates to ${d.to}`,
        why:
          `${agent.id} hands its own ${list(handed)} to ${d.to} (passthrough): ${d.to} can do everything ${agent.id} can, and ${plural(handed.length, 'that credential leaks', 'those credentials leak')} through ${d.to}'s channels too. ` +
          `${uses}. Token exchange at the handoff (RFC 8693) mints ${minted} from ${parent} with just that, per task, revoked with ${parent}.`,
        takes: `token exchange (RFC 8693) at ${parent}'s issuer, and a code change where ${agent.id} hands the task to ${d.to}`,
        ...(perTask === 'unknown'
          ? {
              condition: `if ${providerOf(kind, parent)} can mint narrowed, per-task tokens from ${parent} (token exchange)`,
            }
          : {}),
        subjects: [agent.id, d.to, ...handed],
        edits,
      });
    });
  }
  return out;
}

/** The delegate and every agent it passes credentials on to (passthrough), without the delegator, in discovery order. */
function passthroughReach(facts: Facts, start: string, delegator: string): string[] {
  const seen = [start];
  for (let i = 0; i < seen.length; i++) {
    const agent: Agent | undefined = facts.relations.agent.get(seen[i]);
    for (const d of agent?.delegates ?? []) {
      if (d.mode === 'passthrough' && d.to !== delegator && !seen.includes(d.to)) seen.push(d.to);
    }
  }
  return seen;
}

/** Whether every grant of the credential that allows the action asks for approval. */
function gates(facts: Facts, credential: string, resource: string, action: string): boolean {
  const grants =
    facts.relations.credential
      .get(credential)
      ?.grants.filter((g) => g.target.kind === 'resource' && g.target.id === resource && g.actions.includes(action)) ??
    [];
  return grants.length > 0 && grants.every((g) => g.approval.includes(action));
}

function grantsOf(needed: ReadonlyMap<string, boolean>): Json[] {
  const byResource = new Map<string, { actions: string[]; approval: string[] }>();
  for (const [key, gated] of needed) {
    const { id, action } = keyParts(key);
    const g = byResource.get(id) ?? { actions: [], approval: [] };
    g.actions.push(action);
    if (gated) g.approval.push(action);
    byResource.set(id, g);
  }
  return [...byResource].map(([resource, g]): Json =>
    g.approval.length > 0 ? { resource, actions: g.actions, approval: g.approval } : { resource, actions: g.actions },
  );
}
