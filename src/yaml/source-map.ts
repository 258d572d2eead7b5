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
 * time; each container's children are indexed on first lookup, so locating
 * thousands of findings stays cheap.
 *
 * It reads the parser's events in their compact form (`CompactEvents`: a few
 * bytes an event), never as js-yaml's event objects, which take several times
 * the memory of the file itself on a large model.
 */
export class SourceMap {
  private lineStarts: Int32Array | undefined;
  private readonly mappingIndex = new Map<number, Map<string, [number, number]>>();
  private readonly sequenceIndex = new Map<number, number[]>();

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
    const kind = this.events.type[index];
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
      if (this.events.type[key] === EVENT_ID.SCALAR) {
        const name = this.events.scalarText(this.source, key);
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

function lineStarts(source: string): Int32Array {
  let count = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}
