/**
 * The labels of one attack search: for each node (credentials 0..C-1, then
 * agents) the spans of time the attacker has it, each with the trail that
 * explains its end. Allocated once per reach index and reset after each search
 * by clearing only the nodes it touched, so one leak costs what it reaches,
 * not the size of the model.
 */
import type { Seconds } from '../../model/duration.js';
import type { ReachIndex } from '../../graph/reach-index.js';
import type { Trail } from './paths.js';

/** [start, end): the attacker has the node from `start` until just before `end`. */
export interface Span {
  start: Seconds;
  end: Seconds;
  /** The path that gives this end (on a tie, the one that also gives the earliest start). */
  trail: Trail;
}

export class SearchState {
  private static readonly byIndex = new WeakMap<ReachIndex, SearchState>();
  /** Per node, spans sorted by start, neither overlapping nor touching. */
  private readonly nodeSpans: (Span[] | undefined)[];
  /** Nodes whose spans grew since they were last expanded. */
  readonly dirty: Uint8Array;
  private readonly touched: number[] = [];

  static for(index: ReachIndex): SearchState {
    let state = SearchState.byIndex.get(index);
    if (!state)
      SearchState.byIndex.set(index, (state = new SearchState(index.credentials.length + index.agents.length)));
    return state;
  }

  private constructor(size: number) {
    this.nodeSpans = new Array<Span[] | undefined>(size);
    this.dirty = new Uint8Array(size);
  }

  has(v: number): boolean {
    return this.nodeSpans[v] !== undefined;
  }
  spans(v: number): readonly Span[] {
    return this.nodeSpans[v] ?? [];
  }
  firstSpan(v: number): Span {
    return this.nodeSpans[v]![0];
  }
  /** The span that ends last (spans are disjoint and sorted, so the last one). */
  lastSpan(v: number): Span {
    const spans = this.nodeSpans[v]!;
    return spans[spans.length - 1];
  }
  /** When the attacker first has v. */
  from(v: number): Seconds {
    return this.firstSpan(v).start;
  }
  /** When the attacker last has v. */
  until(v: number): Seconds {
    return this.lastSpan(v).end;
  }

  /**
   * Adds [start, end) to v, merging what it overlaps or touches. Returns the
   * span that now holds it, and whether that span's end moved later, or
   * undefined when v already had all of it.
   */
  merge(v: number, start: Seconds, end: Seconds, trail: Trail): { span: Span; extendedEnd: boolean } | undefined {
    let spans = this.nodeSpans[v];
    if (!spans) {
      this.touched.push(v);
      this.nodeSpans[v] = spans = [];
    }
    let first = 0;
    while (first < spans.length && spans[first].end < start) first++;
    let last = first - 1;
    while (last + 1 < spans.length && spans[last + 1].start <= end) last++;
    if (last < first) {
      const span = { start, end, trail };
      spans.splice(first, 0, span);
      return { span, extendedEnd: false };
    }
    const ending = spans[last];
    const mergedStart = Math.min(start, spans[first].start);
    const extendedEnd = end > ending.end;
    if (!extendedEnd && first === last && mergedStart === ending.start) return undefined;
    const explains = extendedEnd || (end === ending.end && start < ending.start && first === last);
    const span = { start: mergedStart, end: Math.max(end, ending.end), trail: explains ? trail : ending.trail };
    spans.splice(first, last - first + 1, span);
    return { span, extendedEnd };
  }

  /** After `span`'s end moved later, merges the spans of v it now reaches. */
  absorbFollowing(v: number, span: Span): void {
    const spans = this.nodeSpans[v]!;
    const i = spans.indexOf(span);
    let j = i + 1;
    while (j < spans.length && spans[j].start <= span.end) {
      if (spans[j].end > span.end) {
        span.end = spans[j].end;
        span.trail = spans[j].trail;
      }
      j++;
    }
    spans.splice(i + 1, j - i - 1);
  }

  /** The nodes reached, ascending (credentials first, then agents): the order results are built in. */
  visited(): number[] {
    return this.touched.slice().sort((a, b) => a - b);
  }

  reset(): void {
    for (const v of this.touched) {
      this.nodeSpans[v] = undefined;
      this.dirty[v] = 0;
    }
    this.touched.length = 0;
  }
}
