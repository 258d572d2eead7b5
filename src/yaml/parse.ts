import { EVENT_ID, YAMLException, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { Diagnostic } from './diagnostic.js';
import { SourceMap, eventOffset } from './source-map.js';

export interface ParseLimits {
  /** Collections nested deeper than this are refused (a model needs about 6). */
  readonly maxDepth: number;
  /** Nodes after expanding every alias; a small file whose aliases expand past this is an alias bomb. */
  readonly maxExpandedNodes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 64, maxExpandedNodes: 5_000_000 };

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
      if (documents === 2)
        at(Math.min(i + 1, events.length - 1), 'a model file holds exactly one YAML document; found a second one');
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

    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({ index: i, size: 0, keys: event.type === EVENT_ID.MAPPING ? new Set() : undefined, expectKey: true });
      continue;
    }
    end[i] = i + 1;
    let size = 1;
    if (event.type === EVENT_ID.ALIAS) size = anchorSizes.get(source.slice(event.anchorStart, event.anchorEnd)) ?? 1;
    expanded += size;
    if (expanded > limits.maxExpandedNodes) {
      at(
        i,
        `aliases expand this document past ${limits.maxExpandedNodes.toLocaleString('en-US')} nodes; refusing it (a YAML alias bomb?)`,
      );
      return { end, root, diagnostics };
    }
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
    else if (keys.has(key)) at(index, `duplicate key "${key}"`);
    keys.add(key);
  }
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
