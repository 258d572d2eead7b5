/**
 * Pure list mechanics: a selection remembered by the row's key (so it survives
 * a reload that reorders or grows the list), falling back to its last index;
 * moving it; and the window of rows a list of a given height shows.
 */

export interface Selection {
  readonly key?: string;
  readonly index: number;
}

export const NO_SELECTION: Selection = { index: 0 };

/** Index of the selection in `keys`: its key when still present, else its old index, clamped. */
export function cursorOf(selection: Selection | undefined, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  const s = selection ?? NO_SELECTION;
  if (s.key !== undefined) {
    // The common case is that nothing moved: check the remembered index first.
    if (keys[s.index] === s.key) return s.index;
    const found = keys.indexOf(s.key);
    if (found >= 0) return found;
  }
  return clamp(s.index, 0, keys.length - 1);
}

export function selectAt(keys: readonly string[], index: number): Selection {
  if (keys.length === 0) return NO_SELECTION;
  const i = clamp(index, 0, keys.length - 1);
  return { key: keys[i], index: i };
}

/** Moves by `delta` rows (pages are deltas of the page height). */
export function moveSelection(selection: Selection | undefined, keys: readonly string[], delta: number): Selection {
  return selectAt(keys, cursorOf(selection, keys) + delta);
}

export interface ListWindow {
  readonly start: number;
  readonly end: number;
  /** Rows hidden above and below the window. */
  readonly above: number;
  readonly below: number;
}

/**
 * The rows shown: `height` rows around the cursor, the cursor kept in the
 * middle third so the rows around it stay visible. Computed from the cursor
 * alone, so rendering is the same for the same input.
 */
export function listWindow(count: number, cursor: number, height: number): ListWindow {
  const h = Math.max(1, height);
  if (count <= h) return { start: 0, end: count, above: 0, below: 0 };
  const start = clamp(cursor - Math.floor(h / 2), 0, count - h);
  return { start, end: start + h, above: start, below: count - start - h };
}

export function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}

/** Rows whose text contains the filter, case-insensitively; every row when the filter is empty. */
export function filterRows<T extends { readonly search: string }>(
  rows: readonly T[],
  filter: string | undefined,
): readonly T[] {
  if (!filter) return rows;
  const needle = filter.toLowerCase();
  return rows.filter((r) => r.search.toLowerCase().includes(needle));
}

/**
 * The filtered rows and keys of each list, kept while its rows and filter stay
 * the same, so that a list of 150,000 rows is not walked again on every key.
 * Only the last of each list is kept.
 */
export class FilteredLists {
  private readonly last = new Map<
    string,
    { rows: readonly unknown[]; filter: string; shown: readonly unknown[]; keys: readonly string[] }
  >();

  of<T extends { readonly key: string; readonly search: string }>(
    id: string,
    rows: readonly T[],
    filter: string | undefined,
  ): { shown: readonly T[]; keys: readonly string[] } {
    const cached = this.last.get(id);
    if (cached && cached.rows === rows && cached.filter === (filter ?? ''))
      return cached as { shown: readonly T[]; keys: readonly string[] };
    const shown = filterRows(rows, filter);
    const entry = { rows, filter: filter ?? '', shown, keys: shown.map((r) => r.key) };
    this.last.set(id, entry);
    return entry;
  }
}
