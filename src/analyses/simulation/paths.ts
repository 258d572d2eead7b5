/**
 * How the attacker came to hold each capability, as readable hops: the trail
 * the search keeps for every node, and its conversion into the path a report
 * shows (`gh-pat → app-repo:read → deploy-key → prod-cluster:deploy`).
 */
import type { AnalysisContext } from '../context.js';

/** How the attacker came to hold a credential: the leak itself, read from a resource, minted from one it holds, or found in the workload it runs in. */
export type CredentialHow = 'leaked' | 'harvested' | 'minted' | 'in-workload';

export type PathHop =
  | { readonly kind: 'credential'; readonly id: string; readonly how: CredentialHow }
  | { readonly kind: 'deputy'; readonly agent: string; readonly credential: string }
  | { readonly kind: 'access'; readonly resource: string; readonly action: string }
  | { readonly kind: 'agent'; readonly id: string; readonly how: 'invoked' | 'delegated' | 'hijacked' };

export const NO_PATH = -1;
export const HOW_LEAKED = 0;
export const HOW_HARVESTED = 1;
export const HOW_MINTED = 2;
export const HOW_INVOKED = 3;
export const HOW_DELEGATED = 4;
export const HOW_WORKLOAD = 5;
export const HOW_HIJACKED = 6;

/** How a node was reached: an immutable chain back to the start, so later improvements never rewrite a path. */
export interface Trail {
  readonly node: number;
  readonly how: number;
  /** The pair read to harvest this credential, or NO_PATH. */
  readonly pair: number;
  /** The credential the previous agent acted with, or NO_PATH. */
  readonly deputy: number;
  readonly parent: Trail | null;
  readonly depth: number;
}

export function credentialHow(how: number): CredentialHow {
  return how === HOW_LEAKED
    ? 'leaked'
    : how === HOW_MINTED
      ? 'minted'
      : how === HOW_WORKLOAD
        ? 'in-workload'
        : 'harvested';
}

const NO_HOPS: PathHop[] = [];

/**
 * Turns trails into the readable path of hops. Nodes are credentials
 * (0..C-1), then agents. Without `enabled` every path is empty: for callers
 * that read only the figures.
 */
export class PathBuilder {
  private readonly C: number;

  constructor(
    private readonly ctx: AnalysisContext,
    private readonly enabled = true,
  ) {
    this.C = ctx.index.credentials.length;
  }

  /** Hops from the start to the end of `trail`. */
  to(trail: Trail): PathHop[] {
    if (!this.enabled) return NO_HOPS;
    const chain: Trail[] = [];
    for (let t: Trail | null = trail; t !== null; t = t.parent) chain.push(t);
    chain.reverse();
    const hops: PathHop[] = [];
    chain.forEach((t, i) => hops.push(...this.arrival(t, i > 0 ? chain[i - 1].node : NO_PATH)));
    return hops;
  }

  /** Hops to the trail's node, then acting through it (with `deputy` when it is an agent), then the access `pair`. */
  through(trail: Trail, deputy: number, pair: number): PathHop[] {
    if (!this.enabled) return NO_HOPS;
    const hops = this.to(trail);
    if (deputy !== NO_PATH) hops.push(this.deputyHop(trail.node, deputy));
    if (pair !== NO_PATH) hops.push(this.access(pair));
    return hops;
  }

  /** Hops to the trail's node, acting through it (with `deputy` when it is an agent), then invoking `agent`. */
  invoking(trail: Trail, deputy: number, agent: number): PathHop[] {
    if (!this.enabled) return NO_HOPS;
    const hops = this.through(trail, deputy, NO_PATH);
    hops.push({ kind: 'agent', id: this.ctx.index.agents[agent], how: 'invoked' });
    return hops;
  }

  private arrival(t: Trail, from: number): PathHop[] {
    const { index } = this.ctx;
    const lead: PathHop[] = [];
    if (from !== NO_PATH && t.deputy !== NO_PATH) lead.push(this.deputyHop(from, t.deputy));
    if (t.pair !== NO_PATH) lead.push(this.access(t.pair));
    if (t.node < this.C)
      return [...lead, { kind: 'credential', id: index.credentials[t.node], how: credentialHow(t.how) }];
    return [
      ...lead,
      {
        kind: 'agent',
        id: index.agents[t.node - this.C],
        how: t.how === HOW_DELEGATED ? 'delegated' : t.how === HOW_HIJACKED ? 'hijacked' : 'invoked',
      },
    ];
  }

  private deputyHop(agentNode: number, credential: number): PathHop {
    const { index } = this.ctx;
    return { kind: 'deputy', agent: index.agents[agentNode - this.C], credential: index.credentials[credential] };
  }

  private access(pair: number): PathHop {
    const { index } = this.ctx;
    return {
      kind: 'access',
      resource: index.resources[index.pairResource[pair]],
      action: index.actions[index.pairAction[pair]],
    };
  }
}

/** `gh-pat → app-repo:read → deploy-key → prod-cluster:deploy`. */
export function formatPath(path: readonly PathHop[]): string {
  return path
    .map((hop) => {
      switch (hop.kind) {
        case 'credential':
          return hop.how === 'minted' ? `${hop.id} (minted)` : hop.id;
        case 'deputy':
          return `${hop.agent} acting with ${hop.credential}`;
        case 'access':
          return `${hop.resource}:${hop.action}`;
        case 'agent':
          return hop.how === 'invoked'
            ? `invoke ${hop.id}`
            : hop.how === 'hijacked'
              ? `${hop.id} (hijacked)`
              : `delegate to ${hop.id}`;
      }
    })
    .join(' → ');
}
