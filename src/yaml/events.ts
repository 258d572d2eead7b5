import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type EventId, type EventSink } from 'js-yaml';

const NONE = -1;
const INITIAL_CAPACITY = 1024;

/**
 * The parser's events in typed arrays, written as the parser emits them: a
 * few bytes an event where js-yaml's own event objects take about a hundred
 * and live until the document is built. The parser writes here through the
 * `events` option of `parseEvents` (a small patch to js-yaml, in `patches/`);
 * an unpatched js-yaml returns its array instead, which `parseCompact` copies.
 *
 * Columns: `type`; `start` and `stop` (a scalar's value range, a collection's
 * start offset, an alias's anchor name range); `fast` (a scalar whose value is
 * its source text). An event with an anchor or a tag, or a scalar whose text
 * needs decoding (quoted with escapes, folded, block), also keeps its event
 * object in `details`; a model file has few of them.
 */
export class CompactEvents implements EventSink {
  /** Written by the parser: it truncates the list by setting it when it backtracks. */
  length = 0;
  type: Uint8Array;
  start: Int32Array;
  stop: Int32Array;
  fast: Uint8Array;
  /** Index into `details`, or -1. */
  detail: Int32Array;
  readonly details: Event[] = [];
  /** Whether an anchor, an alias or a tag was ever written (a backtracked one included). */
  hasNodeProperties = false;

  constructor(capacity = INITIAL_CAPACITY) {
    const size = Math.max(capacity, INITIAL_CAPACITY);
    this.type = new Uint8Array(size);
    this.start = new Int32Array(size);
    this.stop = new Int32Array(size);
    this.fast = new Uint8Array(size);
    this.detail = new Int32Array(size);
  }

  push(event: Event): number {
    if (this.length === this.type.length) this.grow();
    this.write(this.length, event);
    return ++this.length;
  }

  splice(index: number, _deleteCount: 0, event: Event): void {
    if (this.length === this.type.length) this.grow();
    const n = this.length;
    this.type.copyWithin(index + 1, index, n);
    this.start.copyWithin(index + 1, index, n);
    this.stop.copyWithin(index + 1, index, n);
    this.fast.copyWithin(index + 1, index, n);
    this.detail.copyWithin(index + 1, index, n);
    this.write(index, event);
    this.length = n + 1;
  }

  /** Drops the spare capacity once the parser is done, when it is more than a third. */
  seal(): this {
    if (this.length * 1.5 > this.type.length) return this;
    this.type = this.type.slice(0, this.length);
    this.start = this.start.slice(0, this.length);
    this.stop = this.stop.slice(0, this.length);
    this.fast = this.fast.slice(0, this.length);
    this.detail = this.detail.slice(0, this.length);
    return this;
  }

  typeAt(index: number): EventId | undefined {
    return index < this.length ? (this.type[index] as EventId) : undefined;
  }

  /** The decoded text of scalar `index` (keys, scalar values). */
  scalarText(source: string, index: number): string {
    if (this.fast[index] !== 0) return source.slice(this.start[index], this.stop[index]);
    const detail = this.detail[index];
    return detail === NONE ? '' : getScalarValue(source, this.details[detail] as Event & { type: 4 });
  }

  /** The anchor name of an alias, or of a node that declares one (else ''). */
  anchorName(source: string, index: number): string {
    if (this.type[index] === EVENT_ID.ALIAS) return source.slice(this.start[index], this.stop[index]);
    const event = this.eventDetail(index);
    return event && 'anchorStart' in event && event.anchorStart >= 0
      ? source.slice(event.anchorStart, event.anchorEnd)
      : '';
  }

  /** Where a node begins in the source: its anchor or tag if it has one, else its value. */
  offset(index: number): number {
    const event = this.eventDetail(index);
    if (event) return eventOffset(event);
    switch (this.type[index]) {
      case EVENT_ID.SCALAR:
        // A scalar without details is plain or a quoted one without escapes (whose range excludes the quote).
        return this.start[index] < 0 ? 0 : this.start[index] - (this.fast[index] === 2 ? 1 : 0);
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        return this.start[index];
      case EVENT_ID.ALIAS:
        return this.start[index] - 1;
      default:
        return 0;
    }
  }

  /** Whether scalar `index` is plain (its value is resolved: null, booleans, numbers), else a string. */
  isPlain(index: number): boolean {
    const fast = this.fast[index];
    if (fast !== 0) return fast === 1;
    const event = this.eventDetail(index);
    return event === undefined || (event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN);
  }

  eventDetail(index: number): Event | undefined {
    const detail = this.detail[index];
    return detail === NONE ? undefined : this.details[detail];
  }

  private write(index: number, event: Event): void {
    this.type[index] = event.type;
    this.fast[index] = 0;
    this.detail[index] = NONE;
    this.start[index] = NONE;
    this.stop[index] = NONE;
    let keep = false;
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        this.start[index] = event.valueStart;
        this.stop[index] = event.valueEnd;
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        // 1: plain text as written; 2: quoted text as written (its range starts after the quote).
        if (event.fast) this.fast[index] = quoted ? 2 : event.style === SCALAR_STYLE.PLAIN ? 1 : 0;
        const props = event.anchorStart !== NONE || event.tagStart !== NONE;
        if (props) this.hasNodeProperties = true;
        // Without details, a scalar that is not fast is the empty plain scalar (a missing value).
        keep = props || (this.fast[index] === 0 && (event.valueStart !== NONE || event.style !== SCALAR_STYLE.PLAIN));
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        this.start[index] = event.start;
        keep = event.anchorStart !== NONE || event.tagStart !== NONE;
        if (keep) this.hasNodeProperties = true;
        break;
      case EVENT_ID.ALIAS:
        this.start[index] = event.anchorStart;
        this.stop[index] = event.anchorEnd;
        this.hasNodeProperties = true;
        break;
      case EVENT_ID.DOCUMENT:
        keep = event.directives.length > 0;
        if (keep) this.hasNodeProperties = true;
        break;
    }
    if (keep) {
      this.detail[index] = this.details.length;
      this.details.push(event);
    }
  }

  private grow(): void {
    const size = this.type.length * 2;
    this.type = resize(this.type, new Uint8Array(size));
    this.start = resize(this.start, new Int32Array(size));
    this.stop = resize(this.stop, new Int32Array(size));
    this.fast = resize(this.fast, new Uint8Array(size));
    this.detail = resize(this.detail, new Int32Array(size));
  }
}

function resize<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Parses `source` into compact events. With an unpatched js-yaml (the parser
 * ignores the sink and returns its array) the array is copied, and returned
 * too so that the caller need not parse again to construct from it.
 */
export function parseCompact(
  source: string,
  options: { filename: string; maxDepth: number },
): { events: CompactEvents; array?: Event[] } {
  // About one event for every 8 characters of a model file: sized once, the columns rarely grow.
  const sink = new CompactEvents(Math.ceil(source.length / 6));
  const result = parseEvents(source, { ...options, events: sink }) as CompactEvents | Event[];
  if (result === sink) return { events: sink.seal() };
  const array = result as Event[];
  for (const event of array) sink.push(event);
  return { events: sink.seal(), array };
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
