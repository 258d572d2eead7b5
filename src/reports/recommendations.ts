/**
 * Recommendations as text for a person, JSON for machines (documented in
 * docs/recommendations.md and kept stable), an RFC 6902 patch in YAML, and the
 * changed model as YAML for `--write`.
 */
import { formatDocPath, type DocPath } from '../yaml/diagnostic.js';
import { UNBOUNDED, formatDuration, type Seconds } from '../model/duration.js';
import type { ModelDocument } from '../model/schema.js';
import { pointer } from '../analyses/recommendations/edits.js';
import { dumpYaml } from '../yaml/emit.js';
import type { RecommendResult, Remaining } from '../analyses/recommendations/index.js';
import type { RiskPart } from '../analyses/simulation/risk.js';
import type { AgentFigures, CredentialFigures, Edit, Effect, Json, Totals } from '../analyses/recommendations/types.js';
import { formatScore, riskJson, scoreOrNull, secondsOrNull } from './simulation.js';
import { columns, cut, pad, wrap } from './layout.js';
import { safeInline, safeText, type Style } from './terminal.js';
import { changedModelText, type ChangedModel } from './model-yaml.js';

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

export function recommendationsJson(result: RecommendResult, file: string): object {
  const doc = result.baseline.document;
  return {
    model: result.model,
    file,
    totalRisk: riskJson(result.before),
    remaining: remainingJson(result.remaining),
    recommendations: result.recommendations.map((r, i) => ({
      rank: i + 1,
      id: r.id,
      kind: r.kind,
      title: r.title,
      why: r.why,
      takes: r.takes,
      condition: r.condition ?? null,
      outsideModel: r.outsideModel ?? null,
      subjects: r.subjects,
      edits: r.edits.map((e) => editJson(e, doc)),
      effect: effectJson(r.effect),
      conflicts: r.conflicts,
    })),
    combined: {
      applied: result.combined.applied,
      skipped: result.combined.skipped,
      effect: effectJson(result.combined.effect),
      remaining: remainingJson(result.combined.remaining),
    },
    withheld: result.withheld,
    considered: result.considered,
  };
}

/** The model's total risk as JSON, for the reports that show recommendations' figures. */
export { riskJson as totalsJson };

function partChangeJson(before: RiskPart, after: RiskPart): object {
  const finite = before.total !== UNBOUNDED && after.total !== UNBOUNDED;
  return {
    before: scoreOrNull(before.total),
    after: scoreOrNull(after.total),
    removed: finite ? round(before.total - after.total) : null,
  };
}

export function effectJson(e: Effect): object {
  const finite = e.before.total !== UNBOUNDED && e.after.total !== UNBOUNDED;
  return {
    totalRisk: {
      before: scoreOrNull(e.before.total),
      after: scoreOrNull(e.after.total),
      removed: finite ? round(e.before.total - e.after.total) : null,
    },
    leakedCopy: partChangeJson(e.before.leakedCopy, e.after.leakedCopy),
    hijackedAgent: partChangeJson(e.before.hijackedAgent, e.after.hijackedAgent),
    unboundedCredentials: { before: e.before.leakedCopy.unbounded, after: e.after.leakedCopy.unbounded },
    unboundedAgents: { before: e.before.hijackedAgent.unbounded, after: e.after.hijackedAgent.unbounded },
    boundedRisk: {
      before: round(e.before.bounded),
      after: round(e.after.bounded),
      removed: round(e.before.bounded - e.after.bounded),
    },
    credentials: e.credentials.map((c) => ({
      credential: c.credential,
      before: c.before ? figuresJson(c.before) : null,
      after: figuresJson(c.after),
    })),
    agents: e.agents.map((a) => ({
      agent: a.agent,
      before: a.before ? agentFiguresJson(a.before) : null,
      after: agentFiguresJson(a.after),
    })),
  };
}

function agentFiguresJson(f: AgentFigures): object {
  return { score: round(f.score), timeWeightedScore: scoreOrNull(f.timeWeightedScore) };
}

function remainingJson(r: Remaining): object {
  return {
    leakedCopy: r.leakedCopy.map((c) => ({
      credential: c.credential,
      binding: c.binding,
      exposureWindowSeconds: secondsOrNull(c.exposureWindow),
      score: round(c.score),
      timeWeightedScore: scoreOrNull(c.timeWeightedScore),
    })),
    hijackedAgent: r.hijackedAgent.map((a) => ({
      agent: a.agent,
      holds: a.holds,
      hijackEndsSeconds: secondsOrNull(a.hijackEnds),
      score: round(a.score),
      timeWeightedScore: scoreOrNull(a.timeWeightedScore),
    })),
  };
}

function figuresJson(f: CredentialFigures): object {
  return {
    exposureWindowSeconds: secondsOrNull(f.exposureWindow),
    score: round(f.score),
    timeWeightedScore: scoreOrNull(f.timeWeightedScore),
  };
}

function editJson(e: Edit, doc: ModelDocument): object {
  switch (e.op) {
    case 'set':
      return {
        op: 'set',
        path: formatDocPath(e.path),
        pointer: pointer(e.path),
        element: elementOf(doc, e.path),
        old: e.old ?? null,
        value: e.value,
      };
    case 'remove':
      return {
        op: 'remove',
        path: formatDocPath(e.path),
        pointer: pointer(e.path),
        element: elementOf(doc, e.path),
        old: e.old,
      };
    case 'append':
      return {
        op: 'append',
        path: formatDocPath(e.path),
        pointer: pointer(e.path),
        element: elementOf(doc, e.path),
        value: e.value,
      };
    case 'copy-credential':
      return {
        op: 'copy-credential',
        path: 'credentials',
        from: formatDocPath(e.from),
        element: elementOf(doc, e.from),
        fields: e.fields,
        omit: e.omit ?? [],
        keep: e.keep ?? null,
        stored: e.stored,
      };
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

export function recommendationsText(result: RecommendResult, file: string, style: Style, width = 80): string {
  const lines: string[] = [];
  const doc = result.baseline.document;
  const wrapWidth = Math.max(40, Math.min(100, width) - 5);
  lines.push(style.bold(`Recommendations for ${safeInline(result.model)}`) + style.dim(` (${safeInline(file)})`));
  lines.push(`Total risk now ${style.bold(totalText(result.before))}${partsText(result.before)}`);
  lines.push(
    ...wrap(
      'leaked copy: every credential leaked when issued and replayed from outside; hijacked agent: every agent steered by injected instructions, acting from its own workload with all it holds (docs/simulation.md).',
      wrapWidth,
      '  ',
    ).map((l) => style.dim(l)),
  );
  if (result.recommendations.length === 0) {
    lines.push('', style.green("No recommendation: no change leakradius knows lowers this model's risk."));
    lines.push(...remainingLines('What remains', result.before, result.remaining, wrapWidth, style));
    lines.push(...notShown(result, style));
    return `${lines.join('\n')}\n`;
  }

  lines.push('', style.bold('Ranked by risk removed from the total of both attackers'));
  const rows = result.recommendations.map((r, i) => [
    String(i + 1),
    safeInline(r.condition ? `${r.title} (if supported)` : r.title),
    `${totalText(r.effect.after)} = ${totalText(r.effect.after.leakedCopy)} + ${totalText(r.effect.after.hijackedAgent)}`,
    removedText(r.effect),
  ]);
  lines.push(
    ...table(
      ['#', 'recommendation', 'total after = leaked + hijacked', 'removed'],
      rows,
      [false, false, true, true],
      Math.max(60, Math.min(120, width)),
    ).map((l, i) => (i === 0 ? style.dim(l) : l)),
  );

  result.recommendations.forEach((r, i) => {
    lines.push('', style.bold(`${i + 1}. ${safeInline(r.title)}`) + style.dim(`  [${safeInline(r.id)}]`));
    if (r.condition) lines.push(...wrap(`Only ${safeInline(r.condition)}.`, wrapWidth, '   '));
    lines.push(...wrap(`Why: ${safeInline(r.why)}`, wrapWidth, '   '));
    lines.push(...wrap(`Takes: ${safeInline(r.takes)}`, wrapWidth, '   '));
    if (r.outsideModel)
      lines.push(...wrap(`Outside the model (not measured): ${safeInline(r.outsideModel)}`, wrapWidth, '   '));
    lines.push('   Change:');
    for (const e of r.edits) lines.push(...wrap(safeInline(describeEdit(e, doc)), wrapWidth - 2, '     - ', '       '));
    lines.push(...effectLines(r.effect, style));
    if (r.conflicts.length > 0)
      lines.push(
        ...wrap(`Cannot be applied together with: ${r.conflicts.map(safeInline).join(', ')}`, wrapWidth, '   '),
      );
  });

  const c = result.combined;
  lines.push(
    '',
    style.bold(
      `All ${c.applied.length === result.recommendations.length ? '' : `${c.applied.length} of the `}${result.recommendations.length} together`,
    ) + style.dim(' (measured on the model with all of them applied, not summed)'),
  );
  lines.push(...effectLines(c.effect, style));
  for (const s of c.skipped)
    lines.push(...wrap(`Left out: ${safeInline(s.id)}: ${safeInline(s.reason)}`, wrapWidth, '   '));
  lines.push(...remainingLines('What remains with all of them applied', c.effect.after, c.remaining, wrapWidth, style));
  lines.push(...notShown(result, style));
  lines.push(
    '',
    style.dim(
      'Write the model with all of them applied: --write <out.yaml>. The same change as a patch: --format yaml-patch.',
    ),
  );
  return `${lines.join('\n')}\n`;
}

function notShown(result: RecommendResult, style: Style): string[] {
  const out: string[] = [];
  const silent = result.considered - result.recommendations.length - result.withheld.length;
  if (silent > 0)
    out.push(
      '',
      style.dim(
        `${silent} other candidate change${silent === 1 ? '' : 's'} removed no measurable risk and ${silent === 1 ? 'is' : 'are'} not shown.`,
      ),
    );
  if (result.withheld.length > 0) {
    out.push('', style.bold('Withheld') + style.dim(' (the changed model would not load, or a workflow would stop)'));
    for (const w of result.withheld) out.push(...wrap(`${safeInline(w.id)}: ${safeInline(w.reason)}`, 90, '  '));
  }
  return out;
}

function effectLines(effect: Effect, style: Style): string[] {
  const lines: string[] = [];
  if (effect.credentials.length > 0) {
    lines.push(`   Effect on the worst-case leak of each credential it changes:`);
    const rows = effect.credentials.map((c) => [
      safeInline(c.credential),
      change(c, (f) => windowText(f.exposureWindow)),
      change(c, (f) => formatScore(f.score)),
      change(c, (f) => formatScore(f.timeWeightedScore)),
    ]);
    lines.push(
      ...table(
        ['credential', 'exposure window', 'blast radius', 'time-weighted'],
        rows,
        [false, false, false, false],
        120,
      ).map((l, i) => `     ${i === 0 ? style.dim(l) : l}`),
    );
  }
  if (effect.agents.length > 0) {
    lines.push(`   Effect on the hijacked-agent worst case of each agent it changes:`);
    const rows = effect.agents.map((a) => [
      safeInline(a.agent),
      change(a, (f) => formatScore(f.score)),
      change(a, (f) => formatScore(f.timeWeightedScore)),
    ]);
    lines.push(
      ...table(['agent', 'blast radius', 'time-weighted'], rows, [false, false, false], 120).map(
        (l, i) => `     ${i === 0 ? style.dim(l) : l}`,
      ),
    );
  }
  lines.push(
    `   Total risk ${totalText(effect.before)} → ${style.bold(totalText(effect.after))}  ${style.green(removedText(effect))}`,
    `     ${partsChangeText(effect.before, effect.after)}`,
  );
  return lines;
}

/** Where the risk that stays comes from, largest first, and why no change removes it. */
function remainingLines(heading: string, totals: Totals, remaining: Remaining, width: number, style: Style): string[] {
  const lines = ['', style.bold(`${heading}: ${totalText(totals)}`) + partsText(totals)];
  if (remaining.hijackedAgent.length === 0 && remaining.leakedCopy.length === 0) {
    lines.push('   Nothing: no leaked copy and no hijacked agent reaches anything.');
    return lines;
  }
  const shown = 5;
  if (remaining.hijackedAgent.length > 0) {
    lines.push(
      ...wrap(
        'Hijacked agent: an agent steered by injected instructions acts with every credential it holds, bound ones included, until its task ends or the response stops it, and through what it leaves in its workload until those credentials stop. Binding does not lower this; narrower grants, shorter lifetimes, per-task issuance and approval do.',
        width,
        '   ',
      ),
    );
    for (const a of remaining.hijackedAgent.slice(0, shown)) {
      const holds = a.holds.length > 0 ? `acts with ${a.holds.map(safeInline).join(', ')}` : 'tasks its delegates';
      lines.push(
        ...wrap(
          `${safeInline(a.agent)}: ${formatScore(a.timeWeightedScore)} (blast radius ${formatScore(a.score)}); ${holds}; its hijack lasts ${windowText(a.hijackEnds)}`,
          width - 2,
          '     - ',
          '       ',
        ),
      );
    }
    if (remaining.hijackedAgent.length > shown)
      lines.push(`     and ${remaining.hijackedAgent.length - shown} more agent(s)`);
  }
  if (remaining.leakedCopy.length > 0) {
    lines.push(
      ...wrap(
        'Leaked copy: a bearer credential copied out of its workload works from anywhere until it expires or is revoked.',
        width,
        '   ',
      ),
    );
    for (const c of remaining.leakedCopy.slice(0, shown))
      lines.push(
        ...wrap(
          `${safeInline(c.credential)}: ${formatScore(c.timeWeightedScore)} (blast radius ${formatScore(c.score)}); a ${c.binding} copy works for ${windowText(c.exposureWindow)}`,
          width - 2,
          '     - ',
          '       ',
        ),
      );
    if (remaining.leakedCopy.length > shown)
      lines.push(`     and ${remaining.leakedCopy.length - shown} more credential(s)`);
  }
  return lines;
}

function change<F>(c: { readonly before: F | null; readonly after: F }, show: (f: F) => string): string {
  return `${c.before ? show(c.before) : '(new)'} → ${show(c.after)}`;
}

/** ` = leaked copy 35070 + hijacked agent 34380`. */
export function partsText(t: Totals): string {
  return ` = leaked copy ${totalText(t.leakedCopy)} + hijacked agent ${totalText(t.hijackedAgent)}`;
}

/** `leaked copy 35070 → 16710; hijacked agent 34380 → 16020`. */
export function partsChangeText(before: Totals, after: Totals): string {
  return `leaked copy ${totalText(before.leakedCopy)} → ${totalText(after.leakedCopy)}; hijacked agent ${totalText(before.hijackedAgent)} → ${totalText(after.hijackedAgent)}`;
}

/** `1234.5`, or `unbounded (2 worst cases never stop; the rest 1234.5)`. */
export function totalText(t: RiskPart): string {
  if (t.unbounded === 0) return formatScore(t.bounded);
  const never = t.unbounded === 1 ? '1 worst case never stops' : `${t.unbounded} worst cases never stop`;
  return `unbounded (${never}; the rest ${formatScore(t.bounded)})`;
}

/** `−33660 (−96%)`; with unbounded totals, what changed in the count and the bounded part. */
export function removedText(e: Effect): string {
  const { before, after } = e;
  if (before.unbounded === 0 && after.unbounded === 0) {
    const removed = before.bounded - after.bounded;
    const share = before.bounded > 0 ? (removed / before.bounded) * 100 : 0;
    const percent = before.bounded > 0 ? ` (−${share > 0 && share < 1 ? '<1' : Math.round(share)}%)` : '';
    return `−${formatScore(removed)}${percent}`;
  }
  const fewer = before.unbounded - after.unbounded;
  if (fewer > 0) return `${fewer} fewer unbounded`;
  return `−${formatScore(before.bounded - after.bounded)} bounded`;
}

function windowText(s: Seconds): string {
  return s === UNBOUNDED ? 'unbounded' : formatDuration(s);
}

/** One edit in words, naming the element it changes: `credential gh-pat, ttl: never → 40m`. */
export function describeEdit(e: Edit, doc: ModelDocument): string {
  switch (e.op) {
    case 'set':
      return `${where(doc, e.path)}: ${e.old === undefined ? '(not written)' : flow(e.old)} → ${flow(e.value)}`;
    case 'remove':
      return `${where(doc, e.path)}: remove ${flow(e.old)}`;
    case 'append':
      return `${where(doc, e.path)}: add ${flow(e.value)}`;
    case 'copy-credential': {
      const { id, ...rest } = e.fields;
      const source = elementOf(doc, e.from)?.split(' ')[1] ?? formatDocPath(e.from);
      const parts = Object.entries(rest).map(([k, v]) => `${k}: ${flow(v)}`);
      if (e.keep && e.fields.grants === undefined)
        parts.push(
          `grants narrowed to ${e.keep.length === 0 ? 'nothing' : e.keep.map((k) => k.replace(/^resource:/, '').replace('#', ':')).join(', ')}`,
        );
      if ((e.omit ?? []).length > 0) parts.push(`without ${e.omit!.join(', ')}`);
      return `new credential ${safeInline(id)}: a copy of ${safeInline(source)} as the other changes leave it${e.stored ? ', stored wherever it is' : ''}; ${safeInline(parts.join('; '))}`;
    }
  }
}

function where(doc: ModelDocument, path: DocPath): string {
  const element = elementOf(doc, path);
  const rest = formatDocPath(path.slice(2)).replace(/^\./, '');
  return safeInline(element ? (rest ? `${element}, ${rest}` : element) : formatDocPath(path));
}

const SINGULAR: Record<string, string> = {
  credentials: 'credential',
  agents: 'agent',
  tools: 'tool',
  resources: 'resource',
  workflows: 'workflow',
};

/** `credential gh-pat` for a path inside credentials[i]. */
function elementOf(doc: ModelDocument, path: DocPath): string | undefined {
  const [collection, index] = path;
  const kind = typeof collection === 'string' ? SINGULAR[collection] : undefined;
  if (!kind || typeof index !== 'number') return undefined;
  const element = ((doc as Record<string, unknown>)[collection as string] as { id?: string }[] | undefined)?.[index];
  return element?.id !== undefined ? `${kind} ${element.id}` : undefined;
}

/** A value in YAML flow style, for one line of text: `{ resource: repo, actions: [read, write] }`. */
export function flow(value: Json | undefined): string {
  if (value === undefined) return '(absent)';
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${flow(v)}`)
      .join(', ')} }`;
  if (typeof value === 'string')
    return /^[A-Za-z0-9][A-Za-z0-9._:/@+ -]*$/.test(value) && !/[:]\s/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

/** A plain table; columns flagged true are right-aligned; the widest text column is cut to fit. */
function table(header: string[], rows: string[][], right: boolean[], maxWidth: number): string[] {
  const widths = header.map((h, i) => Math.max(columns(h), ...rows.map((r) => columns(r[i]))));
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  if (total > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest] = Math.max(columns(header[widest]), widths[widest] - (total - maxWidth));
  }
  const cell = (text: string, i: number) => pad(cut(text, widths[i]), widths[i], right[i]);
  return [header, ...rows].map((r) => r.map(cell).join('  ').trimEnd());
}

// ---------------------------------------------------------------------------
// YAML: the patch and the changed model
// ---------------------------------------------------------------------------

export function recommendationsPatch(result: RecommendResult, file: string): string {
  const header = [
    `# leakradius recommend: ${result.combined.applied.length} recommendation(s) for ${oneLine(file)}, as RFC 6902 JSON Patch operations in YAML.`,
    '# Apply them in order to the model as loaded; each `test` checks the value the next operation changes.',
    ...result.combined.applied.map((id) => `#   ${oneLine(id)}`),
  ];
  const body =
    result.combined.patch.length === 0 ? '[]\n' : dumpYaml(result.combined.patch, { lineWidth: 120, noRefs: true });
  return `${header.join('\n')}\n${body}`;
}

/** The model with the combined recommendations applied, as the text `--write` writes. */
export function writtenModel(sourceText: string, result: RecommendResult): ChangedModel {
  const applied = result.combined.applied;
  const note = [
    `Changed by \`leakradius recommend --write\`: ${applied.length} recommendation(s) applied${applied.length > 0 ? ':' : '.'}`,
    ...applied.map((id) => `  ${id}`),
  ];
  return changedModelText(sourceText, result.combined.document, result.combined.patch, note);
}

function oneLine(text: string): string {
  return safeText(text).replace(/[\r\n]+/g, ' ');
}
