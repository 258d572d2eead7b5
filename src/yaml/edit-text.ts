/**
 * Applies RFC 6902 operations to YAML *text*, so that a file keeps its
 * comments, key order and layout where nothing changes: a changed scalar is
 * replaced in place, an element leaves with its lines (or its place in a flow
 * list), a new member or item is written on a line of its own in the style of
 * its neighbours. Anything it does not know how to do soundly (aliases, block
 * scalars, replacing a block collection) makes it give up and return
 * undefined; the caller checks the result by parsing it, and falls back to
 * writing the document afresh.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { dumpYaml } from './emit.js';

export interface TextOperation {
  readonly op: 'test' | 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value?: unknown;
}

const FLOW = 2;

interface Node {
  readonly kind: 'scalar' | 'mapping' | 'sequence';
  readonly flow: boolean;
  /** Where the node's own text begins (for a block sequence, its first `-`). */
  readonly start: number;
  /** Just past its text (for a flow collection, its closing bracket). */
  readonly end: number;
  readonly entries: {
    readonly key: string;
    readonly keyStart: number;
    readonly keyEnd: number;
    readonly value: Node;
  }[];
  readonly items: Node[];
  readonly editable: boolean;
}

class GiveUp extends Error {}

export function patchText(text: string, operations: readonly TextOperation[]): string | undefined {
  // The edits work on \n; a file saved with \r\n or \r alone gets its own line breaks back.
  const eol = lineEnding(text);
  try {
    const lf = toLf(text);
    let current = lf.endsWith('\n') ? lf : `${lf}\n`;
    for (const o of operations) {
      if (o.op === 'test') continue; // the caller checks the whole result
      current = applyOne(current, o);
    }
    return withLineEnding(current, eol);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

export type LineEnding = '\n' | '\r\n' | '\r';

/** The line break a text uses: its first one (\n when it has none). */
export function lineEnding(text: string): LineEnding {
  const at = text.search(/\r\n|\r|\n/);
  if (at < 0 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}

/** Every line break as \n. */
export function toLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** A text with \n line breaks written with `eol` instead. */
export function withLineEnding(text: string, eol: LineEnding): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function applyOne(text: string, o: TextOperation): string {
  const root = parse(text);
  const parts = o.path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop();
  if (last === undefined) throw new GiveUp();
  const { node: parent, entry: parentEntry } = walk(root, parts);
  if (parent.kind === 'sequence') {
    if (o.op === 'add' && last === '-') return appendItem(text, parent, o.value);
    const index = Number(last);
    const item = parent.items[index];
    if (!item || !Number.isInteger(index)) throw new GiveUp();
    if (o.op === 'remove') return removeItem(text, parent, index, parentEntry);
    if (o.op === 'replace') return replaceNode(text, item, o.value);
    throw new GiveUp();
  }
  if (parent.kind !== 'mapping') throw new GiveUp();
  const entry = parent.entries.find((e) => e.key === last);
  if (o.op === 'remove') throw new GiveUp();
  if (entry) return replaceNode(text, entry.value, o.value, entry);
  if (o.op !== 'add') throw new GiveUp();
  return addMember(text, parent, last, o.value);
}

type Entry = Node['entries'][number];

/** The node at `parts`, and the mapping entry that holds it (when it is a mapping's value). */
function walk(root: Node, parts: readonly string[]): { node: Node; entry?: Entry } {
  let node = root;
  let entry: Entry | undefined;
  for (const part of parts) {
    entry = node.kind === 'mapping' ? node.entries.find((e) => e.key === part) : undefined;
    const next =
      node.kind === 'mapping' ? entry?.value : node.kind === 'sequence' ? node.items[Number(part)] : undefined;
    if (!next) throw new GiveUp();
    node = next;
  }
  return { node, entry };
}

// ---------------------------------------------------------------------------
// The edits
// ---------------------------------------------------------------------------

function replaceNode(text: string, node: Node, value: unknown, entry?: Entry): string {
  if (!node.editable) throw new GiveUp();
  const replacement = flowText(value);
  if (node.kind !== 'scalar' && !node.flow) {
    // A block collection under a key: the key's value becomes the new value in flow style, on the key's line.
    if (!entry || entry.value !== node) throw new GiveUp();
    const first = lineStart(text, node.start);
    if (!/^[ \t]*:[ \t]*\r?\n$/.test(text.slice(entry.keyEnd, first))) throw new GiveUp();
    return splice(text, entry.keyEnd, lineEnd(text, node.end), `: ${replacement}\n`);
  }
  // Keep an end-of-line comment in its column: a longer value eats into the spaces before it, a shorter one pads them.
  const gap = (/^ +#/.exec(text.slice(node.end))?.[0].length ?? 1) - 1;
  const grow = replacement.length - (node.end - node.start);
  if (gap === 0) return splice(text, node.start, node.end, replacement);
  const eat = Math.max(0, Math.min(grow, gap - 1));
  return splice(text, node.start, node.end + eat, replacement + ' '.repeat(Math.max(0, -grow)));
}

function removeItem(text: string, list: Node, index: number, entry: Entry | undefined): string {
  const item = list.items[index];
  if (!item.editable) throw new GiveUp();
  if (list.flow) {
    const next = list.items[index + 1];
    if (next) return splice(text, item.start, next.start, '');
    const previous = list.items[index - 1];
    return previous ? splice(text, previous.end, item.end, '') : splice(text, item.start, item.end, '');
  }
  // A block item goes with its own lines, from its `-` to the end of its last line; comment lines
  // around it stay (they may describe its neighbours).
  const from = lineStart(text, item.start);
  const dash = text.lastIndexOf('-', item.start);
  if (dash < from || text.slice(from, dash).trim() !== '') throw new GiveUp();
  const to = lineEnd(text, item.end);
  const next = list.items[index + 1];
  if (next && lineStart(text, next.start) < to) throw new GiveUp();
  if (list.items.length > 1) return splice(text, from, to, '');
  // The last item: the key's value becomes an empty flow list.
  if (!entry || entry.value !== list) throw new GiveUp();
  const between = text.slice(entry.keyEnd, from);
  if (!/^[ \t]*:[ \t]*\r?\n$/.test(between)) throw new GiveUp();
  return splice(text, entry.keyEnd, to, ': []\n');
}

function appendItem(text: string, list: Node, value: unknown): string {
  if (list.flow) {
    const close = list.end - 1;
    const lastItem = list.items[list.items.length - 1];
    return lastItem
      ? splice(text, lastItem.end, lastItem.end, `, ${flowText(value)}`)
      : splice(text, close, close, flowText(value));
  }
  const first = list.items[0];
  const lastItem = list.items[list.items.length - 1];
  const dash = text.lastIndexOf('-', first.start);
  const indent = dash - lineStart(text, dash);
  if (dash < 0 || text.slice(lineStart(text, dash), dash).trim() !== '') throw new GiveUp();
  const at = lineEnd(text, lastItem.end);
  return splice(text, at, at, `${' '.repeat(indent)}- ${blockItemText(value, indent + 2)}\n`);
}

function addMember(text: string, map: Node, key: string, value: unknown): string {
  const member = `${scalarText(key, true)}: ${map.flow ? flowText(value) : blockValueText(value)}`;
  if (map.flow) {
    const close = map.end - 1;
    const lastEntry = map.entries[map.entries.length - 1];
    return lastEntry
      ? splice(text, lastEntry.value.end, lastEntry.value.end, `, ${member}`)
      : splice(text, close, close, ` ${member} `);
  }
  const first = map.entries[0];
  if (!first) throw new GiveUp();
  const indent = first.keyStart - lineStart(text, first.keyStart);
  const at = lineEnd(text, map.entries[map.entries.length - 1].value.end);
  return splice(text, at, at, `${' '.repeat(indent)}${member}\n`);
}

// ---------------------------------------------------------------------------
// Rendering values
// ---------------------------------------------------------------------------

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/@+-]*$/;

/** A scalar that reads the same wherever it goes, flow collections included. */
function scalarText(value: unknown, inFlow: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (typeof value !== 'string') throw new GiveUp();
  const dumped = dumpYaml(value, { lineWidth: -1 }).trimEnd();
  if (dumped === value && PLAIN.test(value)) return value;
  // A double-quoted scalar (what a hazardous string is given) reads the same in a flow collection too.
  if (!dumped.includes('\n') && (!inFlow || dumped.startsWith('"'))) return dumped;
  return JSON.stringify(value);
}

/** `{ resource: repo, actions: [read, write] }`, the style the examples use. */
function flowText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${scalarText(k, true)}: ${flowText(v)}`).join(', ')} }`;
  }
  return scalarText(value, true);
}

/** A value in a block mapping: a scalar as plain as it can be, a collection in flow style. */
function blockValueText(value: unknown): string {
  return value !== null && typeof value === 'object' ? flowText(value) : scalarText(value, false);
}

/** A new sequence item in block style, its lines indented to sit under the first. */
function blockItemText(value: unknown, indent: number): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return flowText(value);
  const lines = Object.entries(value).map(([k, v]) => `${scalarText(k, true)}: ${blockValueText(v)}`);
  return lines.join(`\n${' '.repeat(indent)}`);
}

// ---------------------------------------------------------------------------
// A small tree of the text's nodes, with the offsets the edits need
// ---------------------------------------------------------------------------

function parse(text: string): Node {
  const events = parseEvents(text, {});
  if (events.some((e) => e.type === EVENT_ID.ALIAS)) throw new GiveUp(); // an edit could change what an alias shares
  let i = 0;
  const next = (): Event => events[i++];
  const node = (): Node => {
    const e = next();
    if (e.type === EVENT_ID.SCALAR) {
      const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
      const block = e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK;
      const start = quoted ? e.valueStart - 1 : e.valueStart;
      return {
        kind: 'scalar',
        flow: false,
        start,
        end: quoted ? e.valueEnd + 1 : e.valueEnd,
        entries: [],
        items: [],
        editable: !block && e.anchorStart < 0 && e.tagStart < 0 && e.valueEnd > e.valueStart - (quoted ? 1 : 0),
      };
    }
    if (e.type !== EVENT_ID.MAPPING && e.type !== EVENT_ID.SEQUENCE) throw new GiveUp();
    const flow = e.style === FLOW;
    const entries: Node['entries'][number][] = [];
    const items: Node[] = [];
    while (events[i].type !== EVENT_ID.POP) {
      if (e.type === EVENT_ID.MAPPING) {
        const k = events[i];
        if (k.type !== EVENT_ID.SCALAR) throw new GiveUp();
        const key = getScalarValue(text, k);
        const keyNode = node();
        entries.push({ key, keyStart: keyNode.start, keyEnd: keyNode.end, value: node() });
      } else {
        items.push(node());
      }
    }
    i++; // POP
    const lastChild = e.type === EVENT_ID.MAPPING ? entries[entries.length - 1]?.value : items[items.length - 1];
    const end = flow ? closingBracket(text, e.start) + 1 : lastChild ? lastChild.end : e.start;
    return {
      kind: e.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
      flow,
      start: e.start,
      end,
      entries,
      items,
      editable: e.anchorStart < 0 && e.tagStart < 0,
    };
  };
  while (
    i < events.length &&
    events[i].type !== EVENT_ID.MAPPING &&
    events[i].type !== EVENT_ID.SEQUENCE &&
    events[i].type !== EVENT_ID.SCALAR
  )
    i++;
  return node();
}

/** The bracket that closes the flow collection opening at `start`, skipping quoted text and comments. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let k = start; k < text.length; k++) {
    const c = text[k];
    if (c === '"') {
      for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
    } else if (c === "'") {
      for (k++; k < text.length; k++) {
        if (text[k] === "'" && text[k + 1] === "'") k++;
        else if (text[k] === "'") break;
      }
    } else if (c === '#' && (k === 0 || /\s/.test(text[k - 1]))) {
      while (k < text.length && text[k] !== '\n') k++;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  throw new GiveUp();
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the newline that ends the line holding `offset - 1` (the last character of a node). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset - 1));
  return nl < 0 ? text.length : nl + 1;
}

function splice(text: string, from: number, to: number, insert: string): string {
  if (from < 0 || to < from || to > text.length) throw new GiveUp();
  return text.slice(0, from) + insert + text.slice(to);
}
