/** Chokepoints as text and as JSON (documented in docs/chokepoints.md). */
import type { ChokepointResult } from '../analyses/chokepoints/index.js';
import type { ModelDocument } from '../model/schema.js';
import {
  describeEdit,
  effectJson,
  partsChangeText,
  partsText,
  removedText,
  totalText,
  totalsJson,
} from './recommendations.js';
import { formatScore } from './simulation.js';
import { safeInline, type Style } from './terminal.js';

const EDITS_SHOWN = 6;

export function chokepointsJson(result: ChokepointResult, document: ModelDocument, file: string): object {
  return {
    model: result.model,
    file,
    before: totalsJson(result.before),
    sampled: result.sampled,
    credentials: result.credentials,
    measured: result.measured,
    chokepoints: result.chokepoints.map((c) => ({
      id: c.id,
      kind: c.kind,
      change: c.change,
      edits: c.edits.map((e) => describeEdit(e, document)),
      flow: { unboundedPairs: c.flow.unbounded, boundedWeight: Math.round(c.flow.bounded * 100) / 100 },
      alone: effectJson(c.effect),
      together: totalsJson(c.together),
      addsOnTop: c.addsOnTop,
    })),
    withheld: result.withheld,
  };
}

export function chokepointsText(result: ChokepointResult, document: ModelDocument, file: string, style: Style): string {
  const lines: string[] = [];
  lines.push(style.bold(`Chokepoints of ${safeInline(result.model)} (${safeInline(file)})`));
  lines.push(`  total risk now ${totalText(result.before)}${partsText(result.before)}`);
  const sample =
    result.sampled < result.credentials
      ? `the worst-case leaks of the ${result.sampled} riskiest of ${result.credentials} credentials`
      : `the worst-case leak of every credential that reaches anything (${result.sampled})`;
  lines.push(
    style.dim(
      `  flow read off ${sample}; ${result.measured} cuts measured by re-running every credential's worst case and every agent's hijacked-agent worst case`,
    ),
  );
  if (result.chokepoints.length === 0) lines.push('', '  no cut of a single element lowers the total risk');
  result.chokepoints.forEach((c, i) => {
    lines.push('', style.bold(`${i + 1}. ${safeInline(c.id)}`) + `  ${safeInline(c.change)}`);
    const flow =
      c.flow.unbounded > 0
        ? `${c.flow.unbounded} unbounded pairs and ${formatScore(c.flow.bounded)}`
        : formatScore(c.flow.bounded);
    lines.push(style.dim(`   risk flowing through it in the sampled leaks: ${flow}`));
    for (const e of c.edits.slice(0, EDITS_SHOWN)) lines.push(`   - ${safeInline(describeEdit(e, document))}`);
    if (c.edits.length > EDITS_SHOWN)
      lines.push(style.dim(`   … ${c.edits.length - EDITS_SHOWN} more edits (--format json lists them all)`));
    lines.push(
      `   alone: total risk ${totalText(c.effect.before)} → ${style.bold(totalText(c.effect.after))}  ${style.green(removedText(c.effect))}`,
      style.dim(`     ${partsChangeText(c.effect.before, c.effect.after)}`),
    );
    if (i > 0 && !c.addsOnTop) lines.push(style.dim('   adds nothing once the ones above are made'));
    else if (i > 0)
      lines.push(
        `   with the ones above: ${style.bold(totalText(c.together))}  ${style.green(removedText({ before: result.before, after: c.together, credentials: [], agents: [] }))}`,
        style.dim(`     ${partsChangeText(result.before, c.together)}`),
      );
  });
  if (result.withheld.length > 0) {
    lines.push(
      '',
      style.bold('Cuts not shown') + style.dim(' (the changed model would not load, or a workflow would stop)'),
    );
    for (const w of result.withheld) lines.push(`  ${safeInline(w.id)}: ${safeInline(w.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}
