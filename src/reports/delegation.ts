/** Delegation chains as text (hop by hop) and as JSON. */
import type { ChainsResult, DelegationChain } from '../analyses/delegation/chains.js';
import type { PairRef } from '../analyses/simulation/worst-case.js';
import { safeInline, type Style } from './terminal.js';

const pairs = (list: readonly PairRef[]) => list.map((p) => `${p.resource}:${p.action}`);

export function delegationJson(result: ChainsResult, maxDepth: number): object {
  return {
    maxDepth,
    truncated: result.truncated,
    chains: result.chains.map((c) => ({
      agents: c.hops.map((h) => h.agent),
      depth: c.depth,
      tooDeep: c.tooDeep,
      escalates: c.escalates,
      cycleTo: c.cycleTo ?? null,
      loopEscalation: c.loopEscalation ? pairs(c.loopEscalation) : null,
      attributionLostAt: c.attributionLostAt ?? null,
      hops: c.hops.map((h) => ({
        agent: h.agent,
        mode: h.mode,
        credential: h.credential ?? null,
        credentials: h.credentials,
        effective: pairs(h.effective),
        escalation: pairs(h.escalation),
        attributionLost: h.attributionLost,
      })),
    })),
  };
}

export function delegationText(result: ChainsResult, maxDepth: number, style: Style): string {
  if (result.chains.length === 0) return 'No delegation in this model.\n';
  const lines: string[] = [];
  result.chains.forEach((chain, i) => {
    lines.push(
      style.bold(
        `Chain ${i + 1}: ${safeInline(chain.hops.map((h) => h.agent).join(' → '))}${chain.cycleTo ? ` → ${safeInline(chain.cycleTo)} (loop)` : ''}`,
      ) + `  ${verdicts(chain, maxDepth, style)}`,
    );
    chain.hops.forEach((h, k) => {
      const how =
        h.mode === 'root' ? 'starts' : h.mode === 'exchange' ? `exchange → ${h.credential ?? '?'}` : 'passthrough';
      lines.push(
        `  ${k}. ${safeInline(h.agent)} (${safeInline(how)}) acts with ${safeInline(h.credentials.join(', ') || 'nothing')}`,
      );
      lines.push(`     can: ${safeInline(pairs(h.effective).join(', ') || 'nothing')}`);
      if (h.escalation.length > 0)
        lines.push(`     ${style.red('gains')} beyond its delegator: ${safeInline(pairs(h.escalation).join(', '))}`);
      if (h.attributionLost && (k === 0 || !chain.hops[k - 1].attributionLost))
        lines.push(
          `     ${style.yellow('attribution lost')}: it acts with its delegator's token, so logs name the delegator`,
        );
    });
    if (chain.cycleTo !== undefined && (chain.loopEscalation?.length ?? 0) > 0)
      lines.push(
        `  → ${safeInline(chain.cycleTo)} again: ${style.red('gains')} beyond its delegator: ${safeInline(pairs(chain.loopEscalation ?? []).join(', '))}`,
      );
    lines.push('');
  });
  if (result.truncated) lines.push(style.yellow(`Only the first ${result.chains.length} chains are listed.`));
  return `${lines.join('\n').trimEnd()}\n`;
}

function verdicts(chain: DelegationChain, maxDepth: number, style: Style): string {
  const out: string[] = [];
  if (chain.escalates) out.push(style.red('[escalates]'));
  if (chain.tooDeep) out.push(style.red(`[depth ${chain.depth} > ${maxDepth}]`));
  if (chain.cycleTo) out.push(style.red('[loop]'));
  if (chain.attributionLostAt !== undefined) out.push(style.yellow('[attribution lost]'));
  return out.length > 0 ? out.join(' ') : style.green('[ok]');
}
