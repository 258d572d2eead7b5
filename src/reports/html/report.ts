/**
 * The HTML report: one self-contained file (no network, no CDN) that opens
 * on an air-gapped laptop. The summary, the findings and the recommendations
 * are plain HTML written here; the graph, the credential list and each
 * credential's timeline are drawn in the browser by ./client.ts from one JSON
 * block. Every string from a model is escaped for where it goes: HTML text,
 * or JSON inside a script element with `<`, `>`, `&` and line separators as
 * \u escapes, so nothing in a model can end the element or run as code. The
 * client only ever sets textContent and attributes.
 */
import type { ReportData } from '../../analyses/organisation/report-data.js';
import { ruleById } from '../../analyses/rules/index.js';
import { asiLabel, nhiLabel } from '../../analyses/rules/owasp.js';
import { compareText } from '../../analyses/simulation/leak.js';
import { SEVERITIES, type Severity } from '../../model/policy.js';
import type { Model } from '../../model/types.js';
import { jsonReport } from '../json.js';
import { describeEdit, removedText, totalText } from '../recommendations.js';
import { visibleText } from '../terminal.js';
import { CLIENT_SCRIPT } from './client.js';
import { REPORT_CSS } from './style.js';

/** Findings written into the report, most severe first; the rest are counted. */
export const FINDINGS_SHOWN = 1_000;

export function reportHtml(models: readonly ReportData[], version: string): string {
  const title = models.length === 1 ? models[0].loaded.model.name : `${models.length} models`;
  const json = models.map(modelJson);
  // What only a selection needs (each credential's timeline, the reach lists) is read when first asked for.
  const data = { models: json.map((m) => m.summary) };
  const detail = { models: json.map((m) => m.detail) };
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    // The report may open from anywhere: it fetches nothing, and says so to the browser.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>leakradius report: ${html(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    `<header><h1>leakradius report: ${html(title)}</h1><p class="dim">written by leakradius ${html(version)}; every figure is a worst case as docs/simulation.md defines it</p></header>`,
    ...(models.length > 1 ? [organisationSummary(models)] : []),
    ...models.map((m, i) => modelSection(m, i)),
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    // After the script: the graph is drawn before the browser has even read this block.
    `<script type="application/json" id="report-detail">${scriptJson(detail)}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function organisationSummary(models: readonly ReportData[]): string {
  const rows = models
    .map(
      (m) =>
        `<tr><td>${html(m.loaded.model.name)}</td><td>${html(m.file)}</td><td class="num">${m.loaded.model.credentials.length}</td><td class="num">${html(totalText(m.measured.totals))}</td><td class="num">${html(totalText(m.measured.totals.leakedCopy))}</td><td class="num">${html(totalText(m.measured.totals.hijackedAgent))}</td></tr>`,
    )
    .join('');
  return `<section><h2>Organisation</h2><table><thead><tr><th>model</th><th>file</th><th>credentials</th><th>total risk</th><th>leaked copy</th><th>hijacked agent</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function modelSection(m: ReportData, i: number): string {
  const { model } = m.loaded;
  return [
    `<section class="model" data-model="${i}">`,
    `<h2>${html(model.name)} <span class="dim">${html(m.file)}</span></h2>`,
    summary(m),
    `<h3>Graph</h3><p class="dim">Agents, tools, credentials and resources. Click a credential to see what a leaked copy reaches (its blast radius); click a team to open it.</p>`,
    `<div class="graph-wrap"><div class="graph" id="graph-${i}"></div><aside class="panel" id="panel-${i}"><p class="dim">Select a credential.</p></aside></div>`,
    `<h3>Credentials by risk</h3><p><input type="search" class="filter" id="filter-${i}" placeholder="find a credential" aria-label="find a credential"></p><div id="credentials-${i}"></div>`,
    findings(m),
    recommendations(m),
    '</section>',
  ].join('\n');
}

function summary(m: ReportData): string {
  const { model } = m.loaded;
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of m.findings) if (f.status === 'open') counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const findingCounts = [...SEVERITIES]
    .reverse()
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
  return [
    '<div class="summary">',
    stat('agents', model.agents.length),
    stat('tools', model.tools.length),
    stat('resources', model.resources.length),
    stat('credentials', model.credentials.length),
    stat('open findings', m.findings.filter((f) => f.status === 'open').length, findingCounts),
    '</div>',
    '<h3>Risk</h3>',
    '<table class="risks"><tbody>',
    ...risks(m).map(
      (r) =>
        `<tr><th>${html(r.attacker)}</th><td class="num big">${html(r.total)}</td><td class="dim">${html(r.means)}</td></tr>`,
    ),
    '</tbody></table>',
  ].join('\n');
}

/**
 * The model's total risk per attacker and their sum, from the same totals
 * `recommend` and `chokepoints` compare (`measure`): time-weighted scores,
 * impact × hours of access (docs/simulation.md).
 */
function risks(m: ReportData): { attacker: string; total: string; means: string }[] {
  const { totals } = m.measured;
  return [
    {
      attacker: 'leaked copy',
      total: totalText(totals.leakedCopy),
      means: 'an outsider replays a leaked credential from the moment it exists, until it stops',
    },
    {
      attacker: 'hijacked agent',
      total: totalText(totals.hijackedAgent),
      means:
        'an agent steered by injected instructions acts from its own workload with every credential it holds, bound ones included',
    },
    { attacker: 'total', total: totalText(totals), means: 'both attackers: what recommend and chokepoints rank by' },
  ];
}

function stat(label: string, n: number, detail = ''): string {
  return `<div class="stat"><div class="num big">${n}</div><div>${html(label)}</div>${detail ? `<div class="dim">${html(detail)}</div>` : ''}</div>`;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

function findings(m: ReportData): string {
  const open = m.findings.filter((f) => f.status === 'open');
  const sorted = [...open].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareText(a.id, b.id),
  );
  const shown = sorted.slice(0, FINDINGS_SHOWN);
  const rows = shown.map((f) => {
    const rule = ruleById(f.rule);
    const owasp = rule ? [...rule.owasp.nhi.map(nhiLabel), ...rule.owasp.asi.map(asiLabel)].join('; ') : '';
    return `<tr class="sev-${html(f.severity)}"><td>${html(f.severity)}</td><td>${html(f.rule)}</td><td>${html(f.element)}</td><td>${html(f.message)}</td><td>${html(owasp)}</td></tr>`;
  });
  const more =
    sorted.length > shown.length
      ? `<p class="note">${sorted.length - shown.length} more findings are not listed here (the ${shown.length} most severe are): <code>leakradius check ${html(m.file)}</code> lists them all.</p>`
      : '';
  const accepted = m.findings.length - open.length;
  return [
    `<h3>Findings (${open.length} open${accepted > 0 ? `, ${accepted} accepted` : ''})</h3>`,
    open.length === 0
      ? '<p>No open finding.</p>'
      : `<table class="findings"><thead><tr><th>severity</th><th>rule</th><th>element</th><th>finding</th><th>OWASP</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`,
  ].join('\n');
}

function recommendations(m: ReportData): string {
  const r = m.recommendations;
  if (!r)
    return `<h3>Recommendations</h3><p class="note">Not computed: ${html(m.skipped ?? 'not asked for')}. <code>leakradius recommend ${html(m.file)}</code> computes them.</p>`;
  if (r.recommendations.length === 0)
    return '<h3>Recommendations</h3><p>No change the model can express lowers its risk.</p>';
  const items = r.recommendations.map((rec) => {
    const edits = rec.edits.map((e) => `<li>${html(describeEdit(e, r.baseline.document))}</li>`).join('');
    return `<li><p><b>${html(rec.title)}</b></p><p>${html(rec.why)}</p><p>total risk ${html(totalText(rec.effect.before))} → <b>${html(totalText(rec.effect.after))}</b> <span class="good">${html(removedText(rec.effect))}</span></p><ul class="edits">${edits}</ul></li>`;
  });
  const c = r.combined.effect;
  return [
    `<h3>Recommendations (${r.recommendations.length})</h3>`,
    `<p>All that can be applied together: total risk ${html(totalText(c.before))} → <b>${html(totalText(c.after))}</b> <span class="good">${html(removedText(c))}</span>, each measured by re-running the simulation on the changed model.</p>`,
    `<ol class="recs">${items.join('')}</ol>`,
  ].join('\n');
}

/** The model as compact arrays for the client (see ./client.ts for the reading side). */
function modelJson(m: ReportData): { summary: object; detail: object } {
  const { model } = m.loaded;
  const groups = new Groups();
  const credentialIndex = new Map(model.credentials.map((c, i) => [c.id, i]));
  const agentIndex = new Map(model.agents.map((a, i) => [a.id, i]));
  const toolIndex = new Map(model.tools.map((t, i) => [t.id, i]));
  const resourceIndex = new Map(model.resources.map((r, i) => [r.id, i]));
  const holder = holderOwners(model);
  const lists = new ListTable();
  const summary = {
    name: model.name,
    agents: model.agents.map((a) => [
      a.id,
      a.name ?? '',
      groups.of(a.owner),
      a.tools.map((t) => toolIndex.get(t)!),
      a.credentials.map((c) => credentialIndex.get(c)!),
    ]),
    tools: model.tools.map((t) => {
      const user = model.agents.find((a) => a.tools.includes(t.id));
      return [
        t.id,
        t.name ?? '',
        groups.of(user?.owner),
        t.credential !== undefined ? credentialIndex.get(t.credential)! : -1,
      ];
    }),
    resources: model.resources.map((r) => [
      r.id,
      r.name ?? '',
      groups.of(r.owner),
      r.sensitivity,
      r.holds.map((c) => credentialIndex.get(c)!),
    ]),
    credentials: model.credentials.map((c, i) => {
      const worst = m.measured.cases.get(c.id)!;
      const reach = m.reach[i];
      return [
        c.id,
        c.name ?? '',
        groups.of(c.owner ?? holder.get(c.id)),
        round2(worst.timeWeightedScore),
        worst.score,
        worst.exposureWindow,
        worst.revocationLag,
        reach.usable ? 1 : 0,
        reach.resources.length,
        lists.of(reach.resources),
        lists.of(reach.acquired.map((a) => credentialIndex.get(a)!)),
        lists.of(reach.tasked.map((a) => agentIndex.get(a)!)),
        reach.pairs.flatMap((p) => [p.pair, p.from, p.until]),
        [...new Set(c.grants.filter((g) => g.target.kind === 'resource').map((g) => resourceIndex.get(g.target.id)!))],
        [...new Set(c.grants.filter((g) => g.target.kind === 'agent').map((g) => agentIndex.get(g.target.id)!))],
      ];
    }),
    pairs: m.pairDetail ? m.pairs.map((p) => [p.resource, p.action, p.impact]) : [],
    pairDetail: m.pairDetail,
    groups: groups.names,
  };
  const timelines = m.reach.map((r) => {
    const t = r.timeline;
    return [t.detected, t.revocationIssued, t.stopped, t.allDead];
  });
  return { summary, detail: { lists: lists.encoded, timelines } };
}

/**
 * Lists of element indices, each written once: many credentials reach exactly
 * what their neighbours reach (a shared store, a platform agent), so a
 * credential holds the number of its list. A list is sorted and written as
 * base-36 gaps (`"1a,1,1,k"`), which the client decodes when it needs it.
 */
class ListTable {
  readonly encoded: string[] = [];
  private readonly index = new Map<string, number>();
  of(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    let previous = 0;
    const text = sorted
      .map((v) => {
        const gap = (v - previous).toString(36);
        previous = v;
        return gap;
      })
      .join(',');
    let i = this.index.get(text);
    if (i === undefined) {
      this.index.set(text, (i = this.encoded.length));
      this.encoded.push(text);
    }
    return i;
  }
}

/** Team names (owners), indexed in order of first appearance; elements without an owner share one group. */
class Groups {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  of(owner: string | undefined): number {
    const name = owner ?? '(no owner)';
    let i = this.index.get(name);
    if (i === undefined) {
      this.index.set(name, (i = this.names.length));
      this.names.push(name);
    }
    return i;
  }
}

/** The owner of the first agent that holds each credential: where an ownerless credential is grouped. */
function holderOwners(model: Model): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const a of model.agents) for (const c of a.credentials) if (!out.has(c)) out.set(c, a.owner);
  return out;
}

/** Two decimals, as scores are shown; unbounded stays Infinity (written as null). */
function round2(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : n;
}

/** Text for HTML element content and quoted attributes; invisible characters shown as escapes, as every report shows them. */
export function html(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON safe inside a script element: nothing in it can close the element or
 * start markup, and what the page shows of it holds invisible characters as
 * escapes (the JSON reports' escaping).
 */
export function scriptJson(value: unknown): string {
  return jsonReport(value, { compact: true })
    .trimEnd()
    .replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
