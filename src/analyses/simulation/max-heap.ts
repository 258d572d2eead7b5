/**
 * A binary max-heap of node ids keyed by (key desc, tie asc, id asc): the
 * search expands the longest-lived capability first. Deterministic for a given
 * push order. After `pop()`, `lastKey` and `lastTie` hold the popped entry's keys.
 */
export class MaxHeap {
  private ids: number[] = [];
  private keys: number[] = [];
  private ties: number[] = [];
  lastKey = 0;
  lastTie = 0;

  get size(): number {
    return this.ids.length;
  }

  push(id: number, key: number, tie: number): void {
    this.ids.push(id);
    this.keys.push(key);
    this.ties.push(tie);
    this.up(this.ids.length - 1);
  }

  pop(): number {
    const id = this.ids[0];
    this.lastKey = this.keys[0];
    this.lastTie = this.ties[0];
    const lastId = this.ids.pop()!;
    const lastKey = this.keys.pop()!;
    const lastTie = this.ties.pop()!;
    if (this.ids.length > 0) {
      this.ids[0] = lastId;
      this.keys[0] = lastKey;
      this.ties[0] = lastTie;
      this.down(0);
    }
    return id;
  }

  private before(i: number, j: number): boolean {
    if (this.keys[i] !== this.keys[j]) return this.keys[i] > this.keys[j];
    if (this.ties[i] !== this.ties[j]) return this.ties[i] < this.ties[j];
    return this.ids[i] < this.ids[j];
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j], this.ids[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
    [this.ties[i], this.ties[j]] = [this.ties[j], this.ties[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < n && this.before(l, top)) top = l;
      if (r < n && this.before(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }
}
