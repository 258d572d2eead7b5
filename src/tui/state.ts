/**
 * The navigation state of the TUI and its reducer: which view is open, which
 * pane has focus, what is selected in every list, the filters, the hop of a
 * delegation chain and the event of a workshop story. Pure: no analysis, no
 * I/O, testable without Ink.
 */
import { clamp, moveSelection, selectAt, type Selection } from './list.js';
import type { Attacker } from '../analyses/simulation/leak.js';

export type ViewId = 'picker' | 'inventory' | 'leak' | 'whatif' | 'delegation' | 'scenarios' | 'workshop' | 'resource';
export type PaneId = 'credentials' | 'agents' | 'tools' | 'resources' | 'findings';
export const PANES: readonly PaneId[] = ['credentials', 'agents', 'tools', 'resources', 'findings'];

/** Every list a selection is kept for. */
export type ListId =
  PaneId | 'picker' | 'errors' | 'reached' | 'recommendations' | 'chains' | 'scenarios' | 'help' | 'exposure';

export interface AppState {
  readonly view: ViewId;
  /** Views that Esc returns to, most recent last. */
  readonly back: readonly ViewId[];
  readonly pane: PaneId;
  readonly help: boolean;
  readonly selections: Readonly<Partial<Record<ListId, Selection>>>;
  readonly filters: Readonly<Partial<Record<ListId, string>>>;
  /** The list whose filter is being typed, if any: keys then go to the filter. */
  readonly filtering?: ListId;
  /** Delegation: the hop shown in the selected chain. */
  readonly hop: number;
  /** Workshop: the index of the event the story has reached. */
  readonly event: number;
  readonly attacker: Attacker;
  /** One line for the status bar: what just happened. */
  readonly message?: string;
}

export function initialState(view: ViewId): AppState {
  return {
    view,
    back: [],
    pane: 'credentials',
    help: false,
    selections: {},
    filters: {},
    hop: 0,
    event: 0,
    attacker: 'external',
  };
}

export type Action =
  | { type: 'open'; view: ViewId }
  /** Opens a view in place of the current one (Esc does not return to it). */
  | { type: 'replace'; view: ViewId }
  | { type: 'back' }
  | { type: 'pane'; delta: number }
  | { type: 'focusPane'; pane: PaneId }
  | { type: 'help' }
  | { type: 'move'; list: ListId; keys: readonly string[]; delta: number }
  | { type: 'moveTo'; list: ListId; keys: readonly string[]; index: number }
  | { type: 'select'; list: ListId; key: string; index: number }
  /** Selects a row, clearing the list's filter so that the row is in it. */
  | { type: 'reveal'; list: ListId; key: string; index: number }
  | { type: 'filterStart'; list: ListId }
  | { type: 'filterType'; text: string }
  | { type: 'filterErase' }
  | { type: 'filterEnd'; keep: boolean }
  | { type: 'hop'; delta: number; count: number }
  | { type: 'event'; delta: number; count: number }
  | { type: 'restart' }
  | { type: 'attacker' }
  | { type: 'message'; text?: string };

/** The list that has the keyboard in the current view (undefined: none). */
export function focusedList(state: AppState): ListId | undefined {
  if (state.help) return 'help';
  switch (state.view) {
    case 'picker':
      return 'picker';
    case 'inventory':
      return state.pane;
    case 'leak':
      return 'reached';
    case 'resource':
      return 'exposure';
    case 'whatif':
      return 'recommendations';
    case 'delegation':
      return 'chains';
    case 'scenarios':
      return 'scenarios';
    case 'workshop':
      return undefined;
  }
}

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'open':
      if (action.view === state.view) return state;
      return enter({ ...state, back: [...state.back, state.view], view: action.view, message: undefined });
    case 'replace':
      return enter({ ...state, view: action.view, message: undefined });
    case 'back':
      if (state.filtering) return { ...state, filtering: undefined };
      if (state.help) return { ...state, help: false };
      if (state.back.length === 0) return state;
      return { ...state, view: state.back[state.back.length - 1], back: state.back.slice(0, -1), message: undefined };
    case 'pane': {
      const i = PANES.indexOf(state.pane);
      return { ...state, pane: PANES[(i + action.delta + PANES.length) % PANES.length] };
    }
    case 'focusPane':
      return { ...state, pane: action.pane };
    case 'help':
      return { ...state, help: !state.help, filtering: undefined };
    case 'move':
      return withSelection(state, action.list, moveSelection(state.selections[action.list], action.keys, action.delta));
    case 'moveTo':
      return withSelection(state, action.list, selectAt(action.keys, action.index));
    case 'select':
      return withSelection(state, action.list, { key: action.key, index: action.index });
    case 'reveal':
      return withSelection({ ...state, filters: { ...state.filters, [action.list]: '' } }, action.list, {
        key: action.key,
        index: action.index,
      });
    case 'filterStart':
      return { ...state, filtering: action.list };
    case 'filterType': {
      if (!state.filtering) return state;
      const list = state.filtering;
      return resetSelection(
        { ...state, filters: { ...state.filters, [list]: (state.filters[list] ?? '') + action.text } },
        list,
      );
    }
    case 'filterErase': {
      if (!state.filtering) return state;
      const list = state.filtering;
      return resetSelection(
        { ...state, filters: { ...state.filters, [list]: (state.filters[list] ?? '').slice(0, -1) } },
        list,
      );
    }
    case 'filterEnd': {
      if (!state.filtering) return state;
      const list = state.filtering;
      if (action.keep) return { ...state, filtering: undefined };
      return resetSelection({ ...state, filtering: undefined, filters: { ...state.filters, [list]: '' } }, list);
    }
    case 'hop':
      return { ...state, hop: clamp(state.hop + action.delta, 0, Math.max(0, action.count - 1)) };
    case 'event':
      return { ...state, event: clamp(state.event + action.delta, 0, Math.max(0, action.count - 1)) };
    case 'restart':
      return { ...state, event: 0 };
    case 'attacker':
      return { ...state, attacker: state.attacker === 'external' ? 'in-workload' : 'external' };
    case 'message':
      return { ...state, message: action.text };
  }
}

/** Per-view state that starts afresh when the view opens. */
function enter(state: AppState): AppState {
  switch (state.view) {
    case 'workshop':
      return { ...state, event: 0 };
    case 'delegation':
      return { ...state, hop: 0 };
    case 'leak':
      return { ...state, selections: { ...state.selections, reached: undefined } };
    case 'resource':
      return { ...state, selections: { ...state.selections, exposure: undefined } };
    default:
      return state;
  }
}

function withSelection(state: AppState, list: ListId, selection: Selection): AppState {
  // Another chain starts at its first hop.
  const hop = list === 'chains' && selection.key !== state.selections.chains?.key ? 0 : state.hop;
  return { ...state, hop, selections: { ...state.selections, [list]: selection } };
}

function resetSelection(state: AppState, list: ListId): AppState {
  return { ...state, selections: { ...state.selections, [list]: undefined } };
}
