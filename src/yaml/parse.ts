import { CORE_SCHEMA, EVENT_ID, YAMLException, constructFromEvents, parseEvents } from 'js-yaml';
import type { Diagnostic } from './diagnostic.js';
import { parseCompact, type CompactEvents } from './events.js';
import { SourceMap } from './source-map.js';

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
 *
 * The events are kept compactly (`CompactEvents`) and double as the source
 * map. A document without anchors, aliases or tags (every model leakradius
 * writes, and most people write) is built straight from them; one with them is
 * parsed again into js-yaml's events and built by js-yaml, which resolves them.
 */
export function parseYaml(file: string, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const options = { filename: file, maxDepth: limits.maxDepth };
  let parsed: ReturnType<typeof parseCompact>;
  try {
    parsed = parseCompact(source, options);
  } catch (error) {
    return { ok: false, diagnostics: [fromYamlException(file, error)] };
  }
  const { events } = parsed;
  const scan = scanEvents(file, source, events, limits);
  if (scan.diagnostics.length > 0) return { ok: false, diagnostics: scan.diagnostics };
  let value: unknown;
  try {
    if (parsed.array === undefined && !events.hasNodeProperties) value = constructPlain(file, source, events);
    else value = constructFromEvents(parsed.array ?? parseEvents(source, options), { source, filename: file })[0];
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
function scanEvents(file: string, source: string, events: CompactEvents, limits: ParseLimits): Scan {
  const count = events.length;
  const type = events.type;
  const end = new Int32Array(count);
  const diagnostics: Diagnostic[] = [];
  const map = new SourceMap(file, source, events, end, 0);
  const at = (index: number, message: string) => {
    const { line, column } = map.offsetToPosition(events.offset(index));
    diagnostics.push({ file, line, column, message });
  };

  // Each open container: its event index, its expanded size so far, and for mappings the keys seen.
  const stack: { index: number; size: number; keys?: Set<string>; expectKey: boolean }[] = [];
  const anchorSizes = new Map<string, number>();
  let documents = 0;
  let root = -1;
  let expanded = 0;

  const closeNode = (index: number, size: number) => {
    const kind = type[index];
    if (
      events.hasNodeProperties &&
      (kind === EVENT_ID.SCALAR || kind === EVENT_ID.MAPPING || kind === EVENT_ID.SEQUENCE)
    ) {
      const anchor = events.anchorName(source, index);
      if (anchor !== '') anchorSizes.set(anchor, size);
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
  };

  for (let i = 0; i < count; i++) {
    const kind = type[i];
    if (kind === EVENT_ID.DOCUMENT) {
      documents++;
      if (documents === 2)
        at(Math.min(i + 1, count - 1), 'a model file holds exactly one YAML document; found a second one');
      stack.push({ index: i, size: 0, expectKey: false });
      continue;
    }
    if (kind === EVENT_ID.POP) {
      const frame = stack.pop()!;
      end[frame.index] = i + 1;
      if (type[frame.index] !== EVENT_ID.DOCUMENT) closeNode(frame.index, frame.size + 1);
      continue;
    }
    const parent = stack[stack.length - 1];
    if (stack.length === 1 && root < 0 && documents === 1) root = i;
    const isKey = parent?.keys !== undefined && parent.expectKey;
    if (parent?.keys !== undefined) parent.expectKey = !parent.expectKey;
    if (isKey) checkKey(i, parent.keys!);

    if (kind === EVENT_ID.MAPPING || kind === EVENT_ID.SEQUENCE) {
      stack.push({ index: i, size: 0, keys: kind === EVENT_ID.MAPPING ? new Set() : undefined, expectKey: true });
      continue;
    }
    end[i] = i + 1;
    let size = 1;
    if (kind === EVENT_ID.ALIAS) size = anchorSizes.get(events.anchorName(source, i)) ?? 1;
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

  function checkKey(index: number, keys: Set<string>) {
    if (type[index] !== EVENT_ID.SCALAR) {
      at(index, 'mapping keys must be plain strings');
      return;
    }
    const key = events.scalarText(source, index);
    if (key === '__proto__') at(index, 'the key `__proto__` is not allowed');
    else if (keys.has(key)) at(index, `duplicate key "${key}"`);
    keys.add(key);
  }
}

/**
 * Builds the value of a document without anchors, aliases or tags from its
 * compact events, as js-yaml's constructor does with the core schema: plain
 * scalars resolved (null, booleans, numbers, else strings), other scalars
 * strings, mapping keys as strings, a key that repeats once resolved refused.
 */
function constructPlain(file: string, source: string, events: CompactEvents): unknown {
  const count = events.length;
  const type = events.type;
  const containers: (Record<string, unknown> | unknown[] | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  const keyPositions: number[] = [];
  let documentValue: unknown;
  let documentDone = false;

  const add = (value: unknown, index: number) => {
    const top = containers.length - 1;
    const container = containers[top];
    if (container === undefined) documentValue = value;
    else if (Array.isArray(container)) container.push(value);
    else {
      const key = keys[top];
      if (key === undefined) {
        keys[top] = String(value);
        keyPositions[top] = Math.max(events.start[index], 0);
        return;
      }
      keys[top] = undefined;
      if (Object.prototype.hasOwnProperty.call(container, key))
        YAMLException.throwAt(source, keyPositions[top], 'duplicated mapping key', file);
      if (key === '__proto__')
        Object.defineProperty(container, key, { value, enumerable: true, configurable: true, writable: true });
      else container[key] = value;
    }
  };

  for (let i = 0; i < count && !documentDone; i++) {
    switch (type[i]) {
      case EVENT_ID.DOCUMENT:
        containers.push(undefined);
        keys.push(undefined);
        keyPositions.push(0);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const container = type[i] === EVENT_ID.MAPPING ? {} : [];
        containers.push(container);
        keys.push(undefined);
        keyPositions.push(0);
        break;
      }
      case EVENT_ID.SCALAR: {
        const text = events.scalarText(source, i);
        add(events.isPlain(i) ? CORE_SCHEMA.resolveImplicitScalarTag(text).value : text, i);
        break;
      }
      case EVENT_ID.POP: {
        const container = containers.pop();
        keys.pop();
        keyPositions.pop();
        if (container === undefined) documentDone = true;
        else add(container, i);
        break;
      }
    }
  }
  return documentValue;
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
