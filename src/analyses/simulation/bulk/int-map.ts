/**
 * A map from non-negative integers to non-negative integers by open
 * addressing: no per-entry allocation, which matters when the closures of
 * tens of thousands of credentials are built in one pass. Plain arrays of
 * small integers rather than typed arrays: thousands of short-lived typed
 * arrays each take memory outside the heap, and that pressure triggers full
 * collections of the (large) heap that holds the model.
 */
const EMPTY = -1;

export class IntMap {
  private keys: number[];
  private values: number[];
  private mask: number;
  size = 0;

  constructor(expected = 8) {
    let capacity = 8;
    while (capacity < expected * 2) capacity <<= 1;
    this.keys = new Array<number>(capacity).fill(EMPTY);
    this.values = new Array<number>(capacity).fill(0);
    this.mask = capacity - 1;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const { keys, mask } = this;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) return this.values[i];
      if (k === EMPTY) return -1;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const { keys, mask } = this;
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) {
        this.values[i] = value;
        return;
      }
      if (k === EMPTY) {
        keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
    }
  }

  /** Calls `f` for every entry, in table order (not insertion order: callers must not depend on it for output). */
  forEach(f: (key: number, value: number) => void): void {
    const { keys, values } = this;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) f(keys[i], values[i]);
  }

  clone(): IntMap {
    const copy = new IntMap(1);
    copy.keys = this.keys.slice();
    copy.values = this.values.slice();
    copy.mask = this.mask;
    copy.size = this.size;
    return copy;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Array<number>(oldKeys.length * 2).fill(EMPTY);
    this.values = new Array<number>(oldKeys.length * 2).fill(0);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i], oldValues[i]);
  }
}

/** Multiplicative hashing: consecutive ids spread over the table. */
function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7;
}

/** A growable Int32Array. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 8) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}
