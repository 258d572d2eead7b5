/**
 * The rows of the inventory lists and the detail lines of the selected
 * element, built from the model (and, for credentials, the worst case once it
 * is known). Pure formatting: no analysis runs here.
 */
import type { Finding } from '../analyses/check/types.js';
import type { Recommendation } from '../analyses/recommendations/index.js';
import { assumptionPositions } from '../model/assumptions.js';
import { UNBOUNDED } from '../model/duration.js';
import { ruleById } from '../analyses/rules/index.js';
import type { WorstCase } from '../analyses/simulation/worst-case.js';
import type { Relations } from '../model/relations.js';
import type { ImportedFrom, Model } from '../model/types.js';
import { duration, s, score, window } from './format.js';
import type { PaneId } from './state.js';

export interface Row {
  readonly key: string;
  /** Text the `/` filter searches. */
  readonly search: string;
  /** Cells, already safe to show. */
  readonly cells: readonly string[];
}

export interface Column {
  readonly title: string;
  /** Fixed width; the first column takes what is left. */
  readonly width: number;
}

export const COLUMNS: Record<PaneId, readonly Column[]> = {
  findings: [
    { title: 'finding', width: 0 },
    { title: 'rule', width: 5 },
    { title: 'severity', width: 8 },
    { title: 'status', width: 8 },
  ],
  credentials: [
    { title: 'credential', width: 0 },
    { title: 'ttl', width: 6 },
    { title: 'binding', width: 18 },
    { title: 'revocation', width: 11 },
    { title: 'risk', width: 4 },
  ],
  agents: [
    { title: 'agent', width: 0 },
    { title: 'autonomy', width: 17 },
    { title: 'creds', width: 5 },
    { title: 'tools', width: 5 },
    { title: 'delegates to', width: 16 },
  ],
  tools: [
    { title: 'tool', width: 0 },
    { title: 'kind', width: 5 },
    { title: 'publisher', width: 11 },
    { title: 'credential', width: 20 },
  ],
  resources: [
    { title: 'resource', width: 0 },
    { title: 'kind', width: 14 },
    { title: 'sensitivity', width: 11 },
    { title: 'holds', width: 18 },
  ],
};

const join = (items: readonly string[]) => (items.length === 0 ? '-' : items.map(s).join(', '));

/** Items a detail line names before it counts the rest: a key shared by thousands of agents must not fill the pane (or slow each frame). */
const DETAIL_ITEMS = 12;

const joinSome = (items: readonly string[]) =>
  items.length <= DETAIL_ITEMS
    ? join(items)
    : `${join(items.slice(0, DETAIL_ITEMS))} and ${(items.length - DETAIL_ITEMS).toLocaleString('en-US')} more`;

/** The agents that use each tool and the credentials that grant on each resource, in model order, once per model. */
function usersOf(model: Model): { tools: Map<string, string[]>; resources: Map<string, string[]> } {
  let users = usersIndex.get(model);
  if (users) return users;
  users = { tools: new Map(), resources: new Map() };
  for (const a of model.agents) for (const t of new Set(a.tools)) push(users.tools, t, a.id);
  for (const c of model.credentials) {
    const targets = new Set(c.grants.filter((g) => g.target.kind === 'resource').map((g) => g.target.id));
    for (const r of targets) push(users.resources, r, c.id);
  }
  usersIndex.set(model, users);
  return users;
}

const usersIndex = new WeakMap<Model, { tools: Map<string, string[]>; resources: Map<string, string[]> }>();

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Credential rows ranked by risk: the worst case's time-weighted score (unbounded first), then its blast
 * radius, then model order. Only once every worst case is known: until then the rows keep model order.
 */
export function rankByRisk(rows: readonly Row[], worst: (credential: string) => WorstCase | undefined): Row[] {
  const risk = (key: string) => worst(key)?.timeWeightedScore ?? -1;
  const size = (key: string) => worst(key)?.score ?? -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const ra = risk(a.row.key);
      const rb = risk(b.row.key);
      return (ra === rb ? 0 : rb - ra) || size(b.row.key) - size(a.row.key) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** Credential rows without their badge (it is added for the visible rows only). */
export function credentialRows(model: Model): Row[] {
  return model.credentials.map((c) => ({
    key: c.id,
    search: `${c.id} ${c.name ?? ''} ${c.kind ?? ''}`,
    cells: [s(c.id), duration(c.ttl), c.binding, c.revocation.mode],
  }));
}

export function agentRows(model: Model): Row[] {
  return model.agents.map((a) => ({
    key: a.id,
    search: `${a.id} ${a.name ?? ''} ${a.owner ?? ''} ${a.purpose ?? ''}`,
    cells: [
      s(a.id),
      a.autonomy,
      String(a.credentials.length),
      String(a.tools.length),
      join(a.delegates.map((d) => d.to)),
    ],
  }));
}

export function toolRows(model: Model): Row[] {
  return model.tools.map((t) => ({
    key: t.id,
    search: `${t.id} ${t.name ?? ''} ${t.kind}`,
    cells: [s(t.id), t.kind, t.publisher, s(t.credential ?? '-')],
  }));
}

export function resourceRows(model: Model): Row[] {
  return model.resources.map((r) => ({
    key: r.id,
    search: `${r.id} ${r.name ?? ''} ${r.kind}`,
    cells: [s(r.id), s(r.kind), r.sensitivity, join(r.holds)],
  }));
}

export const RECOMMENDATION_COLUMNS: readonly Column[] = [
  { title: 'recommendation (Space applies or drops it)', width: 0 },
  { title: 'risk alone', width: 10 },
  { title: 'removes', width: 14 },
];

/** Recommendations in rank order, `[x]` when applied, `[!]` when switched on but left out for a conflict. */
export function recommendationRows(
  recommendations: readonly Recommendation[],
  toggled: ReadonlySet<string>,
  skipped: ReadonlySet<string>,
  credential?: string,
): Row[] {
  return recommendations.map((r) => {
    const mark = !toggled.has(r.id) ? '[ ]' : skipped.has(r.id) ? '[!]' : '[x]';
    const about = credential !== undefined && r.subjects.includes(credential) ? ' •' : '';
    const { before, after } = r.effect;
    const removed =
      before.total === UNBOUNDED || after.total === UNBOUNDED
        ? `${before.unbounded - after.unbounded} unbounded`
        : `−${score(before.total - after.total)}`;
    return {
      key: r.id,
      search: `${r.id} ${r.title}`,
      cells: [`${mark} ${s(r.title)}${r.condition ? ' (if supported)' : ''}${about}`, score(after.total), removed],
    };
  });
}

const SEVERITY_ORDER: Readonly<Record<Finding['severity'], number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** CI findings, most severe first; within a severity, in the check report's order (file, line, column). */
export function findingRows(findings: readonly Finding[]): Row[] {
  const bySeverity = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  return bySeverity.map((f) => ({
    key: f.id,
    search: `${f.id} ${f.severity} ${f.status} ${f.message}`,
    cells: [s(f.message), f.rule, f.severity, f.status],
  }));
}

/** The selected finding: id, verdict, where, why and how to fix it, and its acceptance. */
export function findingDetail(f: Finding | undefined): string[] {
  if (!f) return [];
  const rule = ruleById(f.rule);
  const lines = [
    `${s(f.id)} · ${f.severity} · ${f.status}${f.fails ? ' · fails the gate (leakradius check, fail-on high)' : ''}`,
    s(f.message),
    `at ${s(f.file)}:${f.line}:${f.column} (${s(f.path)})`,
  ];
  if (rule) lines.push(`${rule.title}: ${rule.rationale}`, `fix: ${rule.fix}`);
  const a = f.acceptance?.acceptance;
  if (a)
    lines.push(
      `${f.status === 'expired' ? 'acceptance expired' : 'accepted'} by ${s(a.owner)} until ${a.expires}: ${s(a.reason)}`,
    );
  return lines;
}

/** Lines describing the selected element of a pane. */
export function detailLines(
  model: Model,
  relations: Relations,
  pane: PaneId,
  key: string | undefined,
  worst?: WorstCase,
): string[] {
  if (key === undefined) return [];
  switch (pane) {
    case 'credentials': {
      const c = relations.credential.get(key);
      if (!c) return [];
      const assumed = assumptionPositions(model, `credential:${c.id}`).map((i) => model.assumptions[i].field);
      const lines = [
        `${s(c.id)}${c.name ? ` · ${s(c.name)}` : ''}${c.kind ? ` (${s(c.kind)})` : ''}`,
        `ttl ${duration(c.ttl)}${c.maxLifetime !== undefined ? `, refreshable for ${duration(c.maxLifetime)}` : ''} · ${c.issuance} · ${c.binding} · revocation ${c.revocation.mode}, propagation ${duration(c.revocation.propagation)}`,
        `subject ${c.subject} · exposure ${join(relations.exposure.get(c.id) ?? [])} · held by ${joinSome(relations.holders.get(c.id) ?? [])}`,
        `grants ${joinSome(c.grants.map((g) => `${g.target.id}:${g.actions.join('/')}`))}`,
      ];
      if (worst) {
        lines.push(
          `worst case: exposure ${window(worst.exposureWindow)} · revocation lag ${window(worst.revocationLag)} · blast radius ${worst.score} · time-weighted ${score(worst.timeWeightedScore)}`,
        );
        if (worst.highImpact.length > 0)
          lines.push(`high impact: ${join(worst.highImpact.map((p) => `${p.resource}:${p.action}`))}`);
      } else {
        lines.push('worst case: computing…');
      }
      if (assumed.length > 0) lines.push(`assumed (not written in the model): ${assumed.join(', ')}`);
      if (c.source) lines.push(origin(c.source));
      return lines;
    }
    case 'agents': {
      const a = relations.agent.get(key);
      if (!a) return [];
      return [
        `${s(a.id)}${a.name ? ` · ${s(a.name)}` : ''}${a.owner ? ` · owner ${s(a.owner)}` : ''}`,
        a.purpose ? `purpose: ${s(a.purpose)}` : 'purpose: -',
        `identity ${a.identity.kind}${a.identity.id ? ` ${s(a.identity.id)}` : ''} · ${a.autonomy}${a.environment ? ` · ${s(a.environment)}` : ''}`,
        `holds ${joinSome(a.credentials)} · tools ${joinSome(a.tools)}`,
        `can act with ${joinSome(relations.available.get(a.id) ?? [])}`,
        `delegates ${joinSome(a.delegates.map((d) => `${d.to} (${d.mode}${d.credential ? ` → ${d.credential}` : ''})`))}`,
        ...(a.source ? [origin(a.source)] : []),
      ];
    }
    case 'tools': {
      const t = relations.tool.get(key);
      if (!t) return [];
      const users = usersOf(model).tools.get(t.id) ?? [];
      return [
        `${s(t.id)}${t.name ? ` · ${s(t.name)}` : ''}`,
        `${t.kind} · ${t.publisher} · acts with ${s(t.credential ?? '-')}`,
        `used by ${joinSome(users)}`,
        ...(t.source ? [origin(t.source)] : []),
      ];
    }
    case 'resources': {
      const r = relations.resource.get(key);
      if (!r) return [];
      const grantedBy = usersOf(model).resources.get(r.id) ?? [];
      return [
        `${s(r.id)}${r.name ? ` · ${s(r.name)}` : ''} (${s(r.kind)})`,
        `sensitivity ${r.sensitivity}${r.environment ? ` · ${s(r.environment)}` : ''}${r.owner ? ` · owner ${s(r.owner)}` : ''}`,
        `holds ${joinSome(r.holds)}`,
        `granted by ${joinSome(grantedBy)}`,
        ...(r.source ? [origin(r.source)] : []),
      ];
    }
    case 'findings':
      return [];
  }
}

/** Where an imported element came from. */
function origin(source: ImportedFrom): string {
  return `imported from ${s(source.file)}:${source.line}${source.literal ? ' (its secret is written there literally)' : ''}`;
}
