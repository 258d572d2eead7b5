/** Reverse exposure as text (a ranked table) and as JSON (documented in docs/exposure.md). */
import { formatPath } from '../analyses/simulation/leak.js';
import type { Exposure } from '../analyses/exposure/index.js';
import { UNBOUNDED, formatDuration, type Seconds } from '../model/duration.js';
import { formatScore, pathStrings, scoreOrNull, secondsOrNull } from './simulation.js';
import { safeInline, type Style } from './terminal.js';

export function exposureJson(model: string, result: Exposure): object {
  return {
    model,
    resource: result.resource,
    actions: result.actions,
    simulated: result.simulated,
    sources: result.sources.map((s) => ({
      kind: s.kind,
      id: s.id,
      credential: s.credential,
      action: s.action,
      impact: s.impact,
      fromSeconds: secondsOrNull(s.from),
      untilSeconds: secondsOrNull(s.until),
      weight: scoreOrNull(s.weight),
      path: pathStrings(s.path),
      hops: s.path,
    })),
    gated: result.gated.map((g) => ({ credential: g.credential, action: g.action, path: pathStrings(g.path) })),
  };
}

const at = (s: Seconds) => (s === UNBOUNDED ? 'never' : formatDuration(s));

export function exposureText(result: Exposure, style: Style, limit = Infinity): string {
  const lines: string[] = [];
  const target = `${result.resource}:${result.actions.length === 1 ? result.actions[0] : `{${result.actions.join(',')}}`}`;
  const counts = (['credential', 'agent', 'tool'] as const)
    .map((k) => {
      const n = new Set(result.sources.filter((s) => s.kind === k).map((s) => s.id)).size;
      return `${n} ${k}${n === 1 ? '' : 's'}`;
    })
    .join(', ');
  lines.push(style.bold(`Who reaches ${safeInline(target)}: ${counts}`));
  lines.push(
    style.dim(
      `  each from its worst-case leak (leaked when issued, external attacker); weight = impact × hours of access; ${result.simulated} leaks simulated`,
    ),
  );
  if (result.sources.length === 0) lines.push('  nobody: no credential, agent or tool reaches it');
  const shown = result.sources.slice(0, limit);
  for (const s of shown) {
    const via = s.kind === 'credential' ? '' : ` via ${safeInline(s.credential)}`;
    lines.push(
      `  ${style.bold(formatScore(s.weight).padStart(10))}  ${s.kind.padEnd(10)} ${safeInline(s.id)}${via}  ${s.action}  ${at(s.from)} → ${at(s.until)}`,
    );
    lines.push(`              ${style.dim(safeInline(formatPath(s.path)))}`);
  }
  if (shown.length < result.sources.length)
    lines.push(style.dim(`  … ${result.sources.length - shown.length} more (--limit, or --format json for all)`));
  if (result.gated.length > 0) {
    lines.push('', style.bold('Held back by human approval') + style.dim(' (each use needs a person to approve)'));
    for (const g of result.gated)
      lines.push(`  ${safeInline(g.credential)}  ${g.action}  ${style.dim(safeInline(formatPath(g.path)))}`);
  }
  return `${lines.join('\n')}\n`;
}
