import { EVENT_ID } from 'js-yaml';
import type { CompactEvents } from './events.js';
import type { DocPath } from './diagnostic.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps document paths (`credentials[3].grants[0].resource`) to 1-based source
 * positions, using the parser's event offsets. Built once per file in linear
 * time; a lookup walks the path's containers, skipping whole subtrees, and
 * compares keys with the source text in place. Only a long mapping or list
 * gets an index, on its first lookup past its first few entries: locating
 * every finding of a large organisation allocates almost nothing.
 *
 * It reads the parser's events in their compact form (`CompactEvents`: a few
 * bytes an event), never as js-yaml's event objects, which take several times
 * the memory of the file itself on a large model.
 */
export class SourceMap {
  private lineStarts: Int32Array | undefined;
  /** Key event of each entry of a long mapping (the first of a repeated key), by name. */
  private readonly mappingIndex = new Map<number, Map<string, number>>();
  /** Item events of a long sequence. */
  private readonly sequenceIndex = new Map<number, Int32Array>();
  /** The key event of the entry `child` found last (for a sequence item, the item itself). */
  private lastKey = -1;

  constructor(
    readonly file: string,
    private readonly source: string,
    private readonly events: CompactEvents,
    /** end[i]: the event index just after node i's subtree. */
    private readonly end: Int32Array,
    private readonly root: number,
  ) {}

  /** Position of the node at `path`, or of its deepest existing ancestor. */
  locate(path: DocPath): Position {
    return this.position(this.find(path, 'value'));
  }

  /** Position of the mapping key that introduces `path` (for unknown or duplicate fields). */
  locateKey(path: DocPath): Position {
    return this.position(this.find(path, 'key'));
  }

  /** Whether the path names a node that exists in the source. */
  has(path: DocPath): boolean {
    let index = this.root;
    for (const part of path) {
      index = this.child(index, part);
      if (index < 0) return false;
    }
    return true;
  }

  private find(path: DocPath, part: 'key' | 'value'): number {
    let index = this.root;
    let keyIndex = this.root;
    for (const step of path) {
      const next = this.child(index, step);
      if (next < 0) return index;
      index = next;
      keyIndex = this.lastKey;
    }
    return part === 'key' ? keyIndex : index;
  }

  /** The value event of a mapping entry or sequence item (its key event in `lastKey`), or -1. */
  private child(index: number, step: string | number): number {
    const kind = this.events.type[index];
    if (kind === EVENT_ID.MAPPING && typeof step === 'string') {
      const key = this.keyOf(index, step);
      this.lastKey = key;
      return key < 0 ? -1 : this.end[key];
    }
    if (kind === EVENT_ID.SEQUENCE && typeof step === 'number') {
      const item = this.item(index, step);
      this.lastKey = item;
      return item;
    }
    return -1;
  }

  /** The key event of `name` in mapping `index`, or -1. */
  private keyOf(index: number, name: string): number {
    const indexed = this.mappingIndex.get(index);
    if (indexed) return indexed.get(name) ?? -1;
    const stop = this.end[index] - 1; // the POP event
    let seen = 0;
    for (let key = index + 1; key < stop; key = this.end[this.end[key]]) {
      if (this.events.type[key] === EVENT_ID.SCALAR && this.keyIs(key, name)) return key;
      if (++seen === LONG) return this.indexMapping(index).get(name) ?? -1;
    }
    return -1;
  }

  private indexMapping(index: number): Map<string, number> {
    const map = new Map<string, number>();
    const stop = this.end[index] - 1;
    for (let key = index + 1; key < stop; key = this.end[this.end[key]]) {
      if (this.events.type[key] !== EVENT_ID.SCALAR) continue;
      const name = this.events.scalarText(this.source, key);
      if (!map.has(name)) map.set(name, key);
    }
    this.mappingIndex.set(index, map);
    return map;
  }

  /** Whether scalar `key` reads `name`, compared in the source where its text is written as is. */
  private keyIs(key: number, name: string): boolean {
    const { events } = this;
    if (events.fast[key] === 0) return events.scalarText(this.source, key) === name;
    const start = events.start[key];
    return events.stop[key] - start === name.length && this.source.startsWith(name, start);
  }

  /** Item `n` of sequence `index`, or -1. */
  private item(index: number, n: number): number {
    const indexed = this.sequenceIndex.get(index);
    if (indexed) return n >= 0 && n < indexed.length ? indexed[n] : -1;
    if (n >= LONG) return this.item(this.indexSequence(index), n);
    const stop = this.end[index] - 1;
    let item = index + 1;
    for (let i = 0; i < n && item < stop; i++) item = this.end[item];
    return n >= 0 && item < stop ? item : -1;
  }

  /** Indexes sequence `index` and returns it. */
  private indexSequence(index: number): number {
    const stop = this.end[index] - 1;
    const items: number[] = [];
    for (let item = index + 1; item < stop; item = this.end[item]) items.push(item);
    this.sequenceIndex.set(index, Int32Array.from(items));
    return index;
  }

  private position(index: number): Position {
    return this.offsetToPosition(this.events.offset(index));
  }

  offsetToPosition(offset: number): Position {
    const starts = (this.lineStarts ??= lineStarts(this.source));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

/** Entries walked before a mapping or a sequence gets an index. */
const LONG = 16;

function lineStarts(source: string): Int32Array {
  let count = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}
