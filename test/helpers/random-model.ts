/**
 * The random-model generator of the tests: small models (3 to 12
 * credentials, up to 5 agents) dense enough to have cycles of stores and
 * agents, minted tokens in chains, approvals, bound credentials, several
 * detection classes, durations of 0 and never. The same seed gives the same
 * model; fast-check supplies the seeds.
 */
import { mulberry32 } from '../../src/model/random.js';
import type { ModelDocument } from '../../src/model/schema.js';

/**
 * A random model small enough to simulate every leak, dense enough to have
 * cycles of stores and agents, minted tokens in chains, approvals, bound
 * credentials, and several detection classes.
 */
export function randomModel(seed: number): ModelDocument {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const C = 3 + int(10);
  const R = 2 + int(6);
  const A = 1 + int(5);
  const creds = Array.from({ length: C }, (_, i) => `c${i}`);
  const resources = Array.from({ length: R }, (_, i) => `r${i}`);
  const agents = Array.from({ length: A }, (_, i) => `a${i}`);
  const actions = ['read', 'write', 'export', 'delete', 'deploy', 'admin', 'tweak'];
  const doc: ModelDocument = {
    version: 1,
    detection: {
      default: pick(['1d', '3d', '0']),
      channels: { logs: pick(['2d', '1h']), prompt: pick(['7d', '30d', '2d']) },
      harvested: pick(['1d', '0', '6h']),
    },
    response: { manual: pick(['8h', '1d']), automated: pick(['2m', '0']) },
    resources: resources.map((id) => ({
      id,
      kind: 'thing',
      sensitivity: pick(['low', 'medium', 'high', 'critical'] as const),
      ...(rnd() < 0.5 ? { holds: creds.filter(() => rnd() < 0.3) } : {}),
    })),
    credentials: creds.map((id, i) => {
      const grants: NonNullable<ModelDocument['credentials']>[number]['grants'] = [];
      for (const r of resources) {
        if (rnd() < 0.35) {
          const acts = actions.filter(() => rnd() < 0.3);
          if (acts.length === 0) acts.push('read');
          grants.push({ resource: r, actions: acts, ...(rnd() < 0.2 ? { approval: [acts[0]] } : {}) });
        }
      }
      for (const a of agents)
        if (rnd() < 0.15)
          grants.push({ agent: a, actions: ['invoke'], ...(rnd() < 0.2 ? { approval: ['invoke'] } : {}) });
      const derived = i > 0 && rnd() < 0.3 ? creds[int(i)] : undefined;
      const ttl = pick(['never', '1h', '90d', '15m', '2d', '0']);
      // A refreshable credential lives at least one issue: maxLifetime only where it is not shorter.
      const refreshable = rnd() < 0.2 && ttl !== 'never' && ttl !== '90d';
      return {
        id,
        ttl,
        ...(refreshable ? { maxLifetime: '30d' } : {}),
        binding: pick(['bearer', 'bearer', 'bearer', 'workload-bound'] as const),
        revocation: {
          mode: pick(['manual', 'automated', 'on-task-end', 'none'] as const),
          propagation: pick(['0s', '5m']),
        },
        ...(rnd() < 0.6 ? { exposure: ['logs', 'prompt'].filter(() => rnd() < 0.6) } : {}),
        ...(derived ? { derivedFrom: derived, revokedWithParent: rnd() < 0.5 } : {}),
        grants,
      };
    }),
    agents: agents.map((id) => ({
      id,
      credentials: creds.filter(() => rnd() < 0.2),
      delegates: agents.filter((b) => b !== id && rnd() < 0.25).map((to) => ({ to, mode: 'passthrough' as const })),
    })),
    workflows: agents
      .map((agent) => ({
        id: `${agent}-task`,
        agent,
        duration: pick(['10m', '1h', '0']),
        steps: [{ delegate: agents.find((b) => b !== agent) ?? agent }],
      }))
      .filter((w) => w.steps[0].delegate !== w.agent && agents.length > 1),
  };
  // Keep only workflows whose delegate step names a delegate of the agent.
  doc.workflows = (doc.workflows ?? []).filter((w) =>
    doc
      .agents!.find((a) => a.id === w.agent)!
      .delegates!.some((d) => d.to === (w.steps[0] as { delegate: string }).delegate),
  );
  return doc;
}
