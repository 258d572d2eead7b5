import { EVENT_ID, YAMLException, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { quote } from './quote.js';
import type { Diagnostic } from './diagnostic.js';
import { LIMITS, LIMIT_MESSAGES } from './limits.js';
import { SourceMap, eventOffset } from './source-map.js';

export interface ParseLimits {
  /** Collections nested deeper than this are refused. */
  readonly maxDepth: number;
  /** Nodes of the document, aliases expanded: a large file, or a small one whose aliases expand (an alias bomb). */
  readonly maxNodes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: LIMITS.depth, maxNodes: LIMITS.nodes };

export interface ParsedDocument {
  readonly value: unknown;
  readonly sourceMap: SourceMap;
}

export type ParseResult = { ok: true; document: ParsedDocument } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses one YAML document with the parser's event stream, so that every node
 * keeps its source offset. Refuses, with a located message, what a model file
 * must never be: several documents, an empty stream, duplicate keys, non-string
 * keys, `__proto__` keys and aliases that expand into an unbounded tree.
 */
export function parseYaml(file: string, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let events: Event[];
  try {
    events = parseEvents(source, { filename: file, maxDepth: limits.maxDepth });
  } catch (error) {
    return { ok: false, diagnostics: [fromYamlException(file, error)] };
  }
  const scan = scanEvents(file, source, events, limits);
  if (scan.diagnostics.length > 0) return { ok: false, diagnostics: scan.diagnostics };
  let value: unknown;
  try {
    value = constructFromEvents(events, { source, filename: file })[0];
  } catch (error) {
    return { ok: false, diagnostics: [fromYamlException(file, error)] };
  }
  return { ok: true, document: { value, sourceMap: new SourceMap(file, source, events, scan.end, scan.root) } };
}

interface Scan {
  end: Int32Array;
  root: number;
  diagnostics: Diagnostic[];
}

/** One linear pass: subtree ends for the source map, and every structural refusal. */
function scanEvents(file: string, source: string, events: readonly Event[], limits: ParseLimits): Scan {
  const end = new Int32Array(events.length);
  const diagnostics: Diagnostic[] = [];
  const map = new SourceMap(file, source, [], end, 0);
  const at = (index: number, message: string) => {
    const { line, column } = map.offsetToPosition(eventOffset(events[index]));
    diagnostics.push({ file, line, column, message });
  };

  // Each open container: its event index, its expanded size so far, and for mappings the keys seen.
  const stack: { index: number; size: number; keys?: Set<string>; expectKey: boolean }[] = [];
  const anchorSizes = new Map<string, number>();
  let documents = 0;
  let root = -1;
  /** Nodes as written, and with every alias expanded into what it names. */
  let written = 0;
  let expanded = 0;

  const closeNode = (index: number, size: number) => {
    const event = events[index];
    if (
      (event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) &&
      event.anchorStart >= 0
    ) {
      anchorSizes.set(source.slice(event.anchorStart, event.anchorEnd), size);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
  };

  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (documents === 2) {
        const { line, column } = map.offsetToPosition(secondDocumentOffset(source, contentEndBefore(events, i)));
        diagnostics.push({
          file,
          line,
          column,
          message: 'a model file holds exactly one YAML document; found a second one',
        });
      }
      stack.push({ index: i, size: 0, expectKey: false });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      const frame = stack.pop()!;
      end[frame.index] = i + 1;
      if (events[frame.index].type !== EVENT_ID.DOCUMENT) closeNode(frame.index, frame.size + 1);
      continue;
    }
    const parent = stack[stack.length - 1];
    if (stack.length === 1 && root < 0 && documents === 1) root = i;
    const isKey = parent?.keys !== undefined && parent.expectKey;
    if (parent?.keys !== undefined) parent.expectKey = !parent.expectKey;
    if (isKey) checkKey(i, event, parent.keys!);

    written++;
    const size =
      event.type === EVENT_ID.ALIAS ? (anchorSizes.get(source.slice(event.anchorStart, event.anchorEnd)) ?? 1) : 1;
    expanded += size;
    if (expanded > limits.maxNodes) {
      // Say which limit it is: a document this large as written, or aliases that multiply a small one.
      at(
        i,
        written > limits.maxNodes
          ? LIMIT_MESSAGES.tooManyNodes(limits.maxNodes)
          : LIMIT_MESSAGES.aliasBomb(limits.maxNodes),
      );
      return { end, root, diagnostics };
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({ index: i, size: 0, keys: event.type === EVENT_ID.MAPPING ? new Set() : undefined, expectKey: true });
      continue;
    }
    end[i] = i + 1;
    closeNode(i, size);
  }

  if (documents === 0 || root < 0) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      message: 'the file is empty; expected a model mapping starting with `version: 1`',
    });
  }
  return { end, root, diagnostics };

  function checkKey(index: number, event: Event, keys: Set<string>) {
    if (event.type !== EVENT_ID.SCALAR) {
      at(index, 'mapping keys must be plain strings');
      return;
    }
    const key = getScalarValue(source, event);
    if (key === '__proto__') at(index, 'the key `__proto__` is not allowed');
    else if (keys.has(key)) at(index, `duplicate key${FIELD_LIKE.test(key) ? ` ${quote(key)}` : ''}`);
    keys.add(key);
  }
}

/**
 * Keys that read like field names are quoted in messages; any other key is
 * not, because the file may not be a model at all (a shadow file's lines are
 * keys too) and its content must not be echoed.
 */
const FIELD_LIKE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Where the content before event `i` ends in the source: its last node's end (nodes come in source order). */
function contentEndBefore(events: readonly Event[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const event = events[k];
    if (event.type === EVENT_ID.SCALAR) return Math.max(event.valueEnd, eventOffset(event));
    if (event.type === EVENT_ID.ALIAS) return event.anchorEnd;
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return eventOffset(event) + 1;
  }
  return 0;
}

/** The `---` (or, failing that, `...`) that opens the second document, at or after the first one's content. */
function secondDocumentOffset(source: string, from: number): number {
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  marker.lastIndex = from;
  let match: RegExpExecArray | null;
  let fallback = -1;
  while ((match = marker.exec(source)) !== null) {
    if (match[0] === '---') return match.index;
    if (fallback < 0) fallback = match.index;
  }
  return fallback >= 0 ? fallback : from;
}

function fromYamlException(file: string, error: unknown): Diagnostic {
  if (error instanceof YAMLException) {
    const line = (error.mark?.line ?? 0) + 1;
    const column = (error.mark?.column ?? 0) + 1;
    return { file, line, column, message: `YAML syntax: ${error.reason}` };
  }
  if (error instanceof RangeError) {
    return { file, line: 1, column: 1, message: 'the document is too deeply nested to parse' };
  }
  throw error;
}
