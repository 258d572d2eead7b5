/**
 * Delegation chains, stepped through hop by hop: the chain with the current
 * hop in brackets, what that agent acts with and can do, what it gains beyond
 * its delegator (escalation), and where attribution to the acting agent is lost.
 */
import { Box } from 'ink';
import type { DelegationChain, DelegationHop } from '../../analyses/delegation/chains.js';
import type { PairRef } from '../../analyses/simulation/worst-case.js';
import { ListView, type ListItem } from '../components/list-view.js';
import { Lines, type Line } from '../components/lines.js';
import { T } from '../components/styled.js';
import { cut, s } from '../format.js';
import type { Row } from '../rows.js';

type Props = {
  readonly items: readonly ListItem[];
  readonly cursor: number;
  readonly chain?: DelegationChain;
  readonly hop: number;
  readonly maxDepth: number;
  readonly truncated: boolean;
  readonly width: number;
  readonly height: number;
  readonly filter?: string;
  readonly filtering: boolean;
};

const pairs = (list: readonly PairRef[]) =>
  list.length === 0 ? 'nothing' : list.map((p) => s(`${p.resource}:${p.action}`)).join(', ');

/** Verdicts in words: `[escalates] [attribution lost]`, or `[ok]`. */
export function chainVerdicts(chain: DelegationChain, maxDepth: number): string {
  const out: string[] = [];
  if (chain.escalates) out.push('[escalates]');
  if (chain.tooDeep) out.push(`[depth ${chain.depth} > ${maxDepth}]`);
  if (chain.cycleTo !== undefined) out.push('[loop]');
  if (chain.attributionLostAt !== undefined) out.push('[attribution lost]');
  return out.length > 0 ? out.join(' ') : '[ok]';
}

export function chainRows(chains: readonly DelegationChain[], maxDepth: number): Row[] {
  return chains.map((c, i) => {
    const agents =
      c.hops.map((h) => s(h.agent)).join(' → ') + (c.cycleTo !== undefined ? ` → ${s(c.cycleTo)} (loop)` : '');
    return { key: String(i), search: agents, cells: [`${i + 1}. ${agents}  ${chainVerdicts(c, maxDepth)}`] };
  });
}

/** The chain on one line with the current hop in brackets: `orchestrator ─passthrough→ [researcher] ─exchange→ writer`. */
export function chainLine(chain: DelegationChain, hop: number): string {
  return chain.hops
    .map((h, i) => {
      const name = i === hop ? `[${s(h.agent)}]` : s(h.agent);
      return i === 0 ? name : ` ─${h.mode}→ ${name}`;
    })
    .join('');
}

export function hopLines(chain: DelegationChain, hop: number): Line[] {
  const h: DelegationHop = chain.hops[hop];
  const previous = hop > 0 ? chain.hops[hop - 1] : undefined;
  const how = !previous
    ? 'where the chain starts'
    : h.mode === 'exchange'
      ? `tasked by ${s(previous.agent)}, which exchanged for ${s(h.credential ?? '?')}`
      : `tasked by ${s(previous.agent)}, which passed its own credentials through`;
  const lines: Line[] = [
    { text: `Hop ${hop + 1} of ${chain.hops.length}: ${s(h.agent)}, ${how}`, bold: true },
    chainLine(chain, hop),
    `acts with ${h.credentials.length === 0 ? 'nothing' : h.credentials.map(s).join(', ')}`,
    `can ${pairs(h.effective)}`,
  ];
  if (h.escalation.length > 0)
    lines.push({
      text: `ESCALATION: gains beyond ${s(previous?.agent ?? 'its delegator')}: ${pairs(h.escalation)}`,
      color: 'red',
      bold: true,
    });
  else if (previous) lines.push('no escalation: nothing beyond what its delegator can do');
  if (h.attributionLost && (hop === 0 || !chain.hops[hop - 1].attributionLost)) {
    lines.push({
      text: "ATTRIBUTION LOST here: it acts with its delegator's token, so logs name the delegator, not this agent",
      color: 'yellow',
      bold: true,
    });
  } else if (h.attributionLost) {
    lines.push({ text: 'attribution still lost (lost at an earlier hop)', color: 'yellow' });
  }
  if (hop === chain.hops.length - 1 && chain.cycleTo !== undefined)
    lines.push({ text: `LOOP: ${s(h.agent)} delegates back to ${s(chain.cycleTo)}`, color: 'red' });
  return lines;
}

export function DelegationView({
  items,
  cursor,
  chain,
  hop,
  maxDepth,
  truncated,
  width,
  height,
  filter,
  filtering,
}: Props) {
  if (items.length === 0 && !filter) {
    return <T>{cut('No delegation in this model: no agent tasks another.', width)}</T>;
  }
  const listHeight = Math.max(4, Math.min(items.length + 2, Math.floor(height / 2)));
  const title = `Delegation chains (${items.length}${truncated ? ', the first ones only' : ''}) · ↑↓ choose a chain · ←→ step through its hops · deeper than ${maxDepth} is flagged`;
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{cut(title, width)}</T>
      <ListView
        items={items}
        cursor={cursor}
        width={width}
        height={listHeight}
        focused
        filter={filter}
        filtering={filtering}
      />
      <T dim>{'─'.repeat(width)}</T>
      {chain ? (
        <Lines
          lines={hopLines(chain, Math.min(hop, chain.hops.length - 1))}
          width={width}
          height={height - listHeight - 2}
        />
      ) : null}
    </Box>
  );
}
