import { EVENT_ID, SCALAR_STYLE, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import type { DocPath } from './diagnostic.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps document paths (`credentials[3].grants[0].resource`) to 1-based source
 * positions, using the parser's event offsets. Built once per file in linear
 * time; each container's children are indexed on first lookup, so locating
 * thousands of findings stays cheap.
 *
 * It keeps the events in typed arrays (kind, start offset, scalar range,
 * subtree end: 17 bytes an event) rather than the parser's event objects,
 * which take several times the memory of the file itself on a large model.
 */
export class SourceMap {
  private lineStarts: Int32Array | undefined;
  private readonly mappingIndex = new Map<number, Map<string, [number, number]>>();
  private readonly sequenceIndex = new Map<number, number[]>();
  private readonly kind: Uint8Array;
  private readonly offset: Int32Array;
  private readonly valueStart: Int32Array;
  private readonly valueEnd: Int32Array;
  /** Scalars whose text needs decoding (quoted, escaped, block): the few kept as events. */
  private readonly slowScalars = new Map<number, ScalarEvent>();

  constructor(
    readonly file: string,
    private readonly source: string,
    events: readonly Event[],
    /** end[i]: the event index just after node i's subtree. */
    private readonly end: Int32Array,
    private readonly root: number,
  ) {
    const n = events.length;
    this.kind = new Uint8Array(n);
    this.offset = new Int32Array(n);
    this.valueStart = new Int32Array(n);
    this.valueEnd = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const event = events[i];
      this.kind[i] = event.type;
      this.offset[i] = eventOffset(event);
      if (event.type === EVENT_ID.SCALAR) {
        this.valueStart[i] = event.valueStart;
        this.valueEnd[i] = event.valueEnd;
        if (!event.fast && event.valueStart >= 0) this.slowScalars.set(i, event);
      }
    }
  }

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
      const next = this.child(index, part);
      if (next === undefined) return false;
      index = next[1];
    }
    return true;
  }

  private find(path: DocPath, part: 'key' | 'value'): number {
    let index = this.root;
    let keyIndex = this.root;
    for (const step of path) {
      const next = this.child(index, step);
      if (next === undefined) return index;
      [keyIndex, index] = next;
    }
    return part === 'key' ? keyIndex : index;
  }

  /** [key event, value event] of a mapping entry or sequence item. */
  private child(index: number, step: string | number): [number, number] | undefined {
    const kind = this.kind[index];
    if (kind === EVENT_ID.MAPPING && typeof step === 'string') {
      return this.entries(index).get(step);
    }
    if (kind === EVENT_ID.SEQUENCE && typeof step === 'number') {
      const item = this.items(index)[step];
      return item === undefined ? undefined : [item, item];
    }
    return undefined;
  }

  private entries(index: number): Map<string, [number, number]> {
    let map = this.mappingIndex.get(index);
    if (map) return map;
    map = new Map();
    const stop = this.end[index] - 1; // the POP event
    for (let key = index + 1; key < stop;) {
      const value = this.end[key];
      if (this.kind[key] === EVENT_ID.SCALAR) {
        const name = this.scalarText(key);
        if (!map.has(name)) map.set(name, [key, value]);
      }
      key = this.end[value];
    }
    this.mappingIndex.set(index, map);
    return map;
  }

  private items(index: number): number[] {
    let list = this.sequenceIndex.get(index);
    if (list) return list;
    list = [];
    const stop = this.end[index] - 1;
    for (let item = index + 1; item < stop; item = this.end[item]) list.push(item);
    this.sequenceIndex.set(index, list);
    return list;
  }

  private scalarText(index: number): string {
    const slow = this.slowScalars.get(index);
    if (slow) return getScalarValue(this.source, slow);
    return this.valueStart[index] < 0 ? '' : this.source.slice(this.valueStart[index], this.valueEnd[index]);
  }

  private position(index: number): Position {
    return this.offsetToPosition(this.offset[index]);
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

/** Where a node begins in the source: its anchor or tag if it has one, else its value. */
export function eventOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      return leading(
        event.anchorStart >= 0 ? event.anchorStart - 1 : -1,
        event.tagStart,
        quoted ? event.valueStart - 1 : event.valueStart,
      );
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return leading(event.anchorStart >= 0 ? event.anchorStart - 1 : -1, event.tagStart, event.start);
    case EVENT_ID.ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

function leading(...offsets: number[]): number {
  let best = Number.MAX_SAFE_INTEGER;
  for (const o of offsets) if (o >= 0 && o < best) best = o;
  return best === Number.MAX_SAFE_INTEGER ? 0 : best;
}

function lineStarts(source: string): Int32Array {
  let count = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}
