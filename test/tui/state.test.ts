/** The navigation reducer and the list mechanics, without Ink. */
import { describe, expect, it } from 'vitest';
import { cursorOf, filterRows, listWindow, moveSelection } from '../../src/tui/list.js';
import { focusedList, initialState, reduce, type Action, type AppState } from '../../src/tui/state.js';

const run = (state: AppState, ...actions: Action[]) => actions.reduce(reduce, state);

describe('lists', () => {
  const keys = ['a', 'b', 'c', 'd'];

  it('keeps the selection on its key when the list changes around it, else on its index', () => {
    const selection = moveSelection(undefined, keys, 2); // c
    expect(selection).toEqual({ key: 'c', index: 2 });
    expect(cursorOf(selection, ['x', 'a', 'b', 'c', 'd'])).toBe(3);
    expect(cursorOf(selection, ['a', 'b', 'd'])).toBe(2); // c is gone: same place
    expect(cursorOf(selection, ['a'])).toBe(0);
    expect(cursorOf(selection, [])).toBe(0);
  });

  it('moves within bounds', () => {
    expect(moveSelection(undefined, keys, -1)).toEqual({ key: 'a', index: 0 });
    expect(moveSelection({ key: 'b', index: 1 }, keys, 10)).toEqual({ key: 'd', index: 3 });
  });

  it('windows long lists around the cursor', () => {
    expect(listWindow(3, 0, 10)).toEqual({ start: 0, end: 3, above: 0, below: 0 });
    expect(listWindow(100, 0, 10)).toEqual({ start: 0, end: 10, above: 0, below: 90 });
    expect(listWindow(100, 50, 10)).toEqual({ start: 45, end: 55, above: 45, below: 45 });
    expect(listWindow(100, 99, 10)).toEqual({ start: 90, end: 100, above: 90, below: 0 });
  });

  it('filters by text, case-insensitively', () => {
    const rows = [{ search: 'gh-PAT' }, { search: 'deploy-key' }];
    expect(filterRows(rows, 'pat')).toEqual([{ search: 'gh-PAT' }]);
    expect(filterRows(rows, '')).toBe(rows);
  });
});

describe('navigation', () => {
  it('opens views and goes back the way it came', () => {
    const s = run(initialState('picker'), { type: 'open', view: 'inventory' }, { type: 'open', view: 'leak' });
    expect(s.view).toBe('leak');
    expect(s.back).toEqual(['picker', 'inventory']);
    expect(run(s, { type: 'back' }).view).toBe('inventory');
    expect(run(s, { type: 'back' }, { type: 'back' }).view).toBe('picker');
    expect(run(s, { type: 'back' }, { type: 'back' }, { type: 'back' }).view).toBe('picker');
  });

  it('Esc closes help and the filter before leaving the view', () => {
    const base = run(initialState('inventory'), { type: 'open', view: 'leak' });
    const withHelp = run(base, { type: 'help' });
    expect(focusedList(withHelp)).toBe('help');
    expect(run(withHelp, { type: 'back' }).view).toBe('leak');
    const filtering = run(base, { type: 'filterStart', list: 'reached' });
    expect(run(filtering, { type: 'back' })).toMatchObject({ view: 'leak', filtering: undefined });
  });

  it('cycles the inventory panes both ways', () => {
    const s = initialState('inventory');
    expect(run(s, { type: 'pane', delta: 1 }).pane).toBe('agents');
    expect(run(s, { type: 'pane', delta: -1 }).pane).toBe('findings');
    expect(focusedList(run(s, { type: 'pane', delta: 2 }))).toBe('tools');
  });

  it('types, erases, keeps and clears a filter, resetting the selection of that list', () => {
    let s = run(initialState('inventory'), { type: 'move', list: 'credentials', keys: ['a', 'b'], delta: 1 });
    s = run(
      s,
      { type: 'filterStart', list: 'credentials' },
      { type: 'filterType', text: 'de' },
      { type: 'filterType', text: 'p' },
      { type: 'filterErase' },
    );
    expect(s.filters.credentials).toBe('de');
    expect(s.selections.credentials).toBeUndefined();
    expect(run(s, { type: 'filterEnd', keep: true })).toMatchObject({
      filtering: undefined,
      filters: { credentials: 'de' },
    });
    expect(run(s, { type: 'filterEnd', keep: false })).toMatchObject({
      filtering: undefined,
      filters: { credentials: '' },
    });
  });

  it('reveals a row: its list unfiltered and the row selected', () => {
    const s = run(
      initialState('inventory'),
      { type: 'filterStart', list: 'credentials' },
      { type: 'filterType', text: 'x' },
      { type: 'filterEnd', keep: true },
    );
    expect(run(s, { type: 'reveal', list: 'credentials', key: 'gh-pat', index: 3 })).toMatchObject({
      filters: { credentials: '' },
      selections: { credentials: { key: 'gh-pat', index: 3 } },
    });
  });

  it('steps hops and events within their bounds, and starts them afresh when the view opens', () => {
    let s = run(
      initialState('inventory'),
      { type: 'open', view: 'delegation' },
      { type: 'hop', delta: 1, count: 3 },
      { type: 'hop', delta: 5, count: 3 },
    );
    expect(s.hop).toBe(2);
    s = run(s, { type: 'select', list: 'chains', key: '1', index: 1 });
    expect(s.hop).toBe(0); // another chain starts at its first hop
    s = run(
      s,
      { type: 'back' },
      { type: 'open', view: 'workshop' },
      { type: 'event', delta: 1, count: 8 },
      { type: 'event', delta: -4, count: 8 },
    );
    expect(s.event).toBe(0);
    s = run(s, { type: 'event', delta: 3, count: 8 }, { type: 'back' }, { type: 'open', view: 'workshop' });
    expect(s.event).toBe(0);
  });

  it('switches the attacker and carries one status message', () => {
    const s = run(initialState('leak'), { type: 'attacker' }, { type: 'message', text: 'saved' });
    expect(s).toMatchObject({ attacker: 'in-workload', message: 'saved' });
    expect(run(s, { type: 'attacker' }).attacker).toBe('external');
    expect(run(s, { type: 'open', view: 'whatif' }).message).toBeUndefined();
  });
});
