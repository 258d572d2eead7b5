/**
 * What each view shows, gathered from the store for the current navigation
 * state: the focused list's keys (which the movement commands need), the
 * element the view is about, and the rendered body. The analyses run in the
 * session (cached); this file only picks results and hands them to views.
 */
import type { ReactNode } from 'react';
import type { DelegationChain } from '../analyses/delegation/chains.js';
import { DEFAULT_MAX_DEPTH } from '../analyses/delegation/chains.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import type { ListItem } from './components/list-view.js';
import { RISK_COLOR, badge, riskLevel, s, score } from './format.js';
import type { CommandId, KeyContext } from './keymap.js';
import { VIEW_CONTEXTS } from './keymap.js';
import { cursorOf, type FilteredLists } from './list.js';
import { COLUMNS, detailLines, findingDetail, recommendationRows, type Row } from './rows.js';
import type { Finding } from '../analyses/check/types.js';
import type { FindingsJob } from './background.js';
import type { ModelSession, ScenarioEntry, TuiStore } from './session.js';
import type { AppState, ListId, PaneId } from './state.js';
import { chainRows, DelegationView } from './views/delegation.js';
import { ErrorsView } from './views/errors.js';
import { HelpView, helpRows } from './views/help.js';
import { InventoryView } from './views/inventory.js';
import { LeakView, reachedRows } from './views/leak.js';
import { OpeningView } from './views/opening.js';
import { PickerView } from './views/picker.js';
import { ResourceView } from './views/resource.js';
import { ScenariosView, scenarioRows } from './views/scenarios.js';
import { WhatIfView, type Side } from './views/whatif.js';
import type { ModelRisk } from '../analyses/simulation/risk.js';
import { settingsOf } from './whatif.js';
import { WorkshopView } from './views/workshop.js';

export interface Screen {
  readonly title: string;
  readonly viewName: string;
  readonly contexts: readonly KeyContext[];
  /** The list the movement keys move in, with its (filtered) keys. */
  readonly list?: { readonly id: ListId; readonly keys: readonly string[]; readonly cursor: number };
  /** Keys worth showing in the footer. */
  readonly hints: readonly [CommandId | 'move', string][];
  readonly body: ReactNode;
  /** The credential the leak and what-if commands act on. */
  readonly credential?: string;
  readonly chain?: DelegationChain;
  readonly scenario?: ScenarioEntry;
  readonly eventCount?: number;
}

interface Frame {
  readonly store: TuiStore;
  readonly state: AppState;
  readonly width: number;
  readonly height: number;
}

export function describeScreen(frame: Frame): Screen {
  const { store, state } = frame;
  if (state.help) return helpScreen(frame);
  switch (state.view) {
    case 'picker':
      return pickerScreen(frame);
    case 'scenarios':
      return scenariosScreen(frame);
    case 'workshop':
      return workshopScreen(frame);
    default: {
      const opened = store.opened;
      if (!opened) return pickerScreen(frame);
      if (opened.kind === 'invalid') return errorsScreen(frame, opened.file, opened.diagnostics, true);
      if (opened.kind === 'opening') return openingScreen(frame, opened.file, opened.characters);
      switch (state.view) {
        case 'inventory':
          return inventoryScreen(frame, opened.session);
        case 'leak':
          return leakScreen(frame, opened.session);
        case 'whatif':
          return whatIfScreen(frame, opened.session);
        case 'delegation':
          return delegationScreen(frame, opened.session);
        case 'resource':
          return resourceScreen(frame, opened.session);
      }
    }
  }
}

/** Filtered rows, their keys and the cursor of a list. */
function listOf(lists: FilteredLists, state: AppState, id: ListId, rows: readonly Row[]) {
  const filter = state.filters[id];
  const { shown, keys } = lists.of(id, rows, filter);
  return { shown, keys, cursor: cursorOf(state.selections[id], keys), filter, filtering: state.filtering === id };
}

function modelTitle(session: ModelSession): string {
  return `${s(session.model.name)} (${s(session.file)})`;
}

function helpScreen({ width, height, state, store }: Frame): Screen {
  const keys = helpRows().map((r) => r.key);
  const cursor = cursorOf(state.selections.help, keys);
  return {
    title: store.session ? modelTitle(store.session) : 'keys',
    viewName: 'help',
    contexts: VIEW_CONTEXTS.help,
    list: { id: 'help', keys, cursor },
    hints: [
      ['move', 'scroll'],
      ['back', 'close'],
    ],
    body: <HelpView cursor={cursor} width={width} height={height} />,
  };
}

function pickerScreen({ store, state, width, height }: Frame): Screen {
  const rows: Row[] = store.picker.files.map((f) => ({ key: f, search: f, cells: [s(f)] }));
  const l = listOf(store.lists, state, 'picker', rows);
  return {
    title: 'models',
    viewName: 'models',
    contexts: VIEW_CONTEXTS.picker,
    list: { id: 'picker', keys: l.keys, cursor: l.cursor },
    hints: [
      ['move', 'move'],
      ['open', 'open'],
      ['filter', 'filter'],
    ],
    body: (
      <PickerView
        items={l.shown}
        cursor={l.cursor}
        width={width}
        height={height}
        diagnostics={store.picker.diagnostics}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

function errorsScreen(
  { state, width, height }: Frame,
  file: string,
  diagnostics: readonly Diagnostic[],
  watching: boolean,
): Screen {
  const keys = diagnostics.map((_, i) => String(i));
  const cursor = cursorOf(state.selections.errors, keys);
  return {
    title: s(file),
    viewName: 'errors',
    contexts: VIEW_CONTEXTS.errors,
    list: { id: 'errors', keys, cursor },
    hints: [
      ['move', 'move'],
      ['back', 'back'],
    ],
    body: (
      <ErrorsView
        file={file}
        diagnostics={diagnostics}
        cursor={cursor}
        width={width}
        height={height}
        watching={watching}
      />
    ),
  };
}

function openingScreen({ width }: Frame, file: string, characters: number): Screen {
  return {
    title: s(file),
    viewName: 'opening',
    contexts: VIEW_CONTEXTS.opening,
    hints: [],
    body: <OpeningView file={file} characters={characters} width={width} />,
  };
}

const NO_ROWS: readonly Row[] = [];

/** The inventory's rows; credentials ranked by risk once every worst case is known (the session keeps them). */
function paneRows(session: ModelSession): Readonly<Record<Exclude<PaneId, 'findings'>, readonly Row[]>> {
  return session.rows();
}

/** The credential selected in the credentials pane (its selection survives filters and reloads). */
export function currentCredential(state: AppState, session: ModelSession): string | undefined {
  const l = listOf(session.lists, state, 'credentials', paneRows(session).credentials);
  const key = l.keys[l.cursor];
  if (key !== undefined) return key;
  const remembered = state.selections.credentials?.key;
  return remembered !== undefined && session.relations.credential.has(remembered) ? remembered : undefined;
}

function findingsNote(session: ModelSession): string {
  if (!session.findings) return 'No CI findings: the check settings are missing.';
  if (!session.findings.findings)
    return `computing the CI findings once every worst case is known (${session.risk.done} of ${session.risk.total})…`;
  return 'No CI findings: leakradius check passes this model.';
}

/** `risk 69450 = leak 35070 + hijack 34380`, both attackers, or `risk 69450` where that does not fit (the what-if splits it). */
function riskSummary(session: ModelSession): string[] {
  const job = session.risk;
  const total = job.totalRisk;
  if (total === undefined) return [`total risk: computing ${job.done}/${job.total}`];
  const sum = score(total.total);
  return [
    `risk ${sum} = leak ${score(total.leakedCopy.total)} + hijack ${score(total.hijackedAgent.total)}`,
    `risk ${sum} (w splits it)`,
    `risk ${sum}`,
  ];
}

/** The findings pane's rows; undefined while they are computed (or without check settings). */
function findingsOf(session: ModelSession): { rows?: readonly Row[]; findings?: readonly Finding[] } {
  const findings = session.findings?.findings;
  return findings ? { rows: session.findingRows(), findings } : {};
}

function inventoryScreen({ state, width, height }: Frame, session: ModelSession): Screen {
  const pane = state.pane;
  const rows = paneRows(session);
  const found = findingsOf(session);
  const counts = {
    credentials: rows.credentials.length,
    agents: rows.agents.length,
    tools: rows.tools.length,
    resources: rows.resources.length,
    findings: found.rows?.length,
  };
  const paneList = pane === 'findings' ? (found.rows ?? NO_ROWS) : rows[pane];
  const l = listOf(session.lists, state, pane, paneList);
  // Badges for the visible rows only: computed on demand, the rest by the background job.
  const decorate =
    pane === 'credentials'
      ? (row: ListItem): ListItem => {
          const worst = session.analysis.worstCase(row.key);
          return { ...row, cells: [...row.cells, badge(worst)], accent: RISK_COLOR[riskLevel(worst)] };
        }
      : undefined;
  const key = l.keys[l.cursor];
  const worst = pane === 'credentials' && key !== undefined ? session.analysis.knownWorstCase(key) : undefined;
  const detail =
    pane === 'findings'
      ? findingDetail(found.findings?.find((f) => f.id === key))
      : detailLines(session.model, session.relations, pane, key, worst);
  const hints: Screen['hints'] =
    pane === 'credentials'
      ? [
          ['move', 'move'],
          ['nextPane', 'pane'],
          ['leak', 'leak'],
          ['whatIf', 'what-if'],
          ['delegation', 'delegation'],
          ['scenarios', 'workshop'],
          ['filter', 'filter'],
        ]
      : [
          ['move', 'move'],
          ['nextPane', 'pane'],
          ['select', 'open'],
          ['delegation', 'delegation'],
          ['scenarios', 'workshop'],
          ['filter', 'filter'],
        ];
  return {
    title: modelTitle(session),
    viewName: 'inventory',
    contexts: VIEW_CONTEXTS.inventory,
    list: { id: pane, keys: l.keys, cursor: l.cursor },
    hints,
    credential: pane === 'credentials' ? key : undefined,
    body: (
      <InventoryView
        pane={pane}
        counts={counts}
        items={l.shown}
        decorate={decorate}
        columns={COLUMNS[pane]}
        cursor={l.cursor}
        detail={detail}
        empty={pane === 'findings' ? findingsNote(session) : 'nothing here'}
        summary={riskSummary(session)}
        width={width}
        height={height}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

function leakScreen({ state, width, height }: Frame, session: ModelSession): Screen {
  const id = currentCredential(state, session);
  const credential = id === undefined ? undefined : session.relations.credential.get(id);
  if (!credential) return noCredential(session, width);
  const result = session.analysis.leak(credential.id, state.attacker);
  const l = listOf(session.lists, state, 'reached', reachedRows(result));
  return {
    title: modelTitle(session),
    viewName: 'leak',
    contexts: VIEW_CONTEXTS.leak,
    list: { id: 'reached', keys: l.keys, cursor: l.cursor },
    hints: [
      ['move', 'pairs'],
      ['attacker', 'attacker'],
      ['whatIf', 'what-if'],
      ['filter', 'filter'],
      ['back', 'back'],
    ],
    credential: credential.id,
    body: (
      <LeakView
        result={result}
        credential={credential}
        items={l.shown}
        cursor={l.cursor}
        width={width}
        height={height}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

/** Who reaches the resource selected in the inventory (computed when the view was opened). */
function resourceScreen({ state, width, height }: Frame, session: ModelSession): Screen {
  const resources = listOf(session.lists, state, 'resources', paneRows(session).resources);
  const resource = resources.keys[resources.cursor] ?? state.selections.resources?.key;
  const result = resource === undefined ? undefined : session.analysis.knownExposure(resource);
  if (!result) return noCredential(session, width);
  const rows = session.exposureRows(result);
  const l = listOf(session.lists, state, 'exposure', rows);
  const selected = result.sources[rows.findIndex((r) => r.key === l.keys[l.cursor])];
  return {
    title: modelTitle(session),
    viewName: 'resource',
    contexts: VIEW_CONTEXTS.resource,
    list: { id: 'exposure', keys: l.keys, cursor: l.cursor },
    hints: [
      ['move', 'move'],
      ['open', 'leak it'],
      ['filter', 'filter'],
      ['back', 'back'],
    ],
    credential: selected?.credential,
    body: (
      <ResourceView
        result={result}
        items={l.shown}
        cursor={l.cursor}
        width={width}
        height={height}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

function noCredential(session: ModelSession, width: number): Screen {
  return {
    title: modelTitle(session),
    viewName: 'leak',
    contexts: ['list'],
    hints: [['back', 'back']],
    body: <ErrorsView file={session.file} diagnostics={[]} cursor={0} width={width} height={3} watching={false} />,
  };
}

/** The what-if's three risk figures: the leaked copy, the hijacked agent, their sum. */
function totals(risk: { totalRisk: ModelRisk | undefined; done: number; total: number }): Side['risk'] {
  const t = risk.totalRisk;
  if (t === undefined) {
    const pending = `computing ${risk.done}/${risk.total}`;
    return { leakedCopy: pending, hijackedAgent: pending, total: pending };
  }
  return { leakedCopy: score(t.leakedCopy.total), hijackedAgent: score(t.hijackedAgent.total), total: score(t.total) };
}

/** `5 open, 2 fail the gate`: accepted findings are not counted. */
function findingsSummary(job: FindingsJob | undefined): string | undefined {
  if (!job) return undefined;
  if (!job.findings) return '…';
  const open = job.findings.filter((f) => f.status !== 'accepted');
  return `${open.length} open, ${open.filter((f) => f.fails).length} fail the gate`;
}

function whatIfScreen({ state, width, height }: Frame, session: ModelSession): Screen {
  const id = currentCredential(state, session);
  const written = id === undefined ? undefined : session.relations.credential.get(id);
  if (!written || id === undefined) return noCredential(session, width);
  const whatIf = session.whatIf;
  const variant = whatIf.variant;
  const ready = !whatIf.deriving && variant.relations.credential.has(id);
  const skipped = new Set(whatIf.skipped.map((k) => k.id));
  const l = listOf(
    session.lists,
    state,
    'recommendations',
    recommendationRows(whatIf.recommendations(), whatIf.toggled, skipped, id),
  );
  const selected = whatIf.recommendations().find((r) => r.id === l.keys[l.cursor]);
  const conflict = whatIf.skipped.find((k) => k.id === selected?.id);
  return {
    title: modelTitle(session),
    viewName: 'what-if',
    contexts: VIEW_CONTEXTS.whatif,
    list: { id: 'recommendations', keys: l.keys, cursor: l.cursor },
    hints: [
      ['ttlShorter', 'ttl'],
      ['binding', 'binding'],
      ['revocation', 'revocation'],
      ['issuance', 'issuance'],
      ['toggle', 'recommendation'],
      ['reset', 'undo'],
      ['save', 'save'],
      ['back', 'back'],
    ],
    credential: id,
    body: (
      <WhatIfView
        credential={id}
        before={{
          settings: settingsOf(written),
          worst: session.analysis.worstCase(id),
          leak: session.analysis.leak(id, 'external'),
          risk: totals(session.risk),
          findings: findingsSummary(session.findings),
        }}
        after={{
          // Once derived, the variant itself (recommendations change settings too); meanwhile the keys pressed.
          settings: ready
            ? settingsOf(variant.relations.credential.get(id)!)
            : (whatIf.settings(id) ?? settingsOf(written)),
          worst: ready ? variant.worstCase(id) : undefined,
          leak: ready ? variant.leak(id, 'external') : undefined,
          risk: totals(whatIf.risk),
          findings: findingsSummary(whatIf.findings),
        }}
        changes={whatIf.describe()}
        refused={whatIf.refused}
        recommendations={l.shown}
        recommendationsNote={recommendationsNote(session)}
        selectedNote={selected ? `${conflict ? `left out: ${conflict.reason}. ` : ''}${s(selected.why)}` : ''}
        cursor={l.cursor}
        filter={l.filter}
        filtering={l.filtering}
        width={width}
        height={height}
      />
    ),
  };
}

function recommendationsNote(session: ModelSession): string {
  const job = session.recommendations;
  if (!job) return 'No recommendations in this view: it was started without the recommendation engine.';
  if (job.unavailable) return `No recommendations here: ${job.unavailable}.`;
  if (!job.result)
    return 'measuring the recommendations of leakradius recommend (every candidate re-runs every worst case)…';
  return "No recommendations: nothing the engine proposes lowers this model's total risk.";
}

function delegationScreen({ state, width, height }: Frame, session: ModelSession): Screen {
  const result = session.analysis.chains();
  const l = listOf(session.lists, state, 'chains', chainRows(result.chains, DEFAULT_MAX_DEPTH));
  const key = l.keys[l.cursor];
  const chain = key === undefined ? undefined : result.chains[Number(key)];
  return {
    title: modelTitle(session),
    viewName: 'delegation',
    contexts: VIEW_CONTEXTS.delegation,
    list: { id: 'chains', keys: l.keys, cursor: l.cursor },
    hints: [
      ['move', 'chain'],
      ['nextHop', 'next hop'],
      ['prevHop', 'previous hop'],
      ['filter', 'filter'],
      ['back', 'back'],
    ],
    chain,
    body: (
      <DelegationView
        items={l.shown}
        cursor={l.cursor}
        chain={chain}
        hop={state.hop}
        maxDepth={DEFAULT_MAX_DEPTH}
        truncated={result.truncated}
        width={width}
        height={height}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

function scenariosScreen({ store, state, width, height }: Frame): Screen {
  const entries = store.scenarios();
  const l = listOf(store.lists, state, 'scenarios', scenarioRows(entries));
  const key = l.keys[l.cursor];
  const selected = entries.find((e) => e.file === key);
  return {
    title: store.session ? modelTitle(store.session) : 'scenarios',
    viewName: 'scenarios',
    contexts: VIEW_CONTEXTS.scenarios,
    list: { id: 'scenarios', keys: l.keys, cursor: l.cursor },
    hints: [
      ['move', 'move'],
      ['open', 'run'],
      ['filter', 'filter'],
      ['back', 'back'],
    ],
    scenario: selected,
    body: (
      <ScenariosView
        items={l.shown}
        cursor={l.cursor}
        selected={selected}
        width={width}
        height={height}
        filter={l.filter}
        filtering={l.filtering}
      />
    ),
  };
}

function workshopScreen(frame: Frame): Screen {
  const { store, state, width, height } = frame;
  const story = store.story;
  if (!story) return scenariosScreen(frame);
  if (story.kind === 'invalid') return errorsScreen(frame, story.file, story.diagnostics, false);
  return {
    title: `workshop: ${s(story.scenario.name)}`,
    viewName: 'workshop',
    contexts: VIEW_CONTEXTS.workshop,
    hints: [
      ['nextEvent', 'next event'],
      ['prevEvent', 'previous'],
      ['restart', 'restart'],
      ['back', 'back'],
    ],
    eventCount: story.events.length,
    body: (
      <WorkshopView
        scenario={story.scenario}
        modelName={story.model.name}
        result={story.result}
        events={story.events}
        event={state.event}
        width={width}
        height={height}
      />
    ),
  };
}
