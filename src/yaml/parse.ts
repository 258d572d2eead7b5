import { CORE_SCHEMA, EVENT_ID, YAMLException, constructFromEvents, parseEvents } from 'js-yaml';
import type { Diagnostic } from './diagnostic.js';
import { parseCompact, type CompactEvents } from './events.js';
import { LIMITS, LIMIT_MESSAGES } from './limits.js';
import { quote } from './quote.js';
import { SourceMap } from './source-map.js';

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
  /** Whether the `BuildWatcher` passed to `parseYaml` saw the whole document being built. */
  readonly watched: boolean;
}

/**
 * Told of every node, in document order, while a document without anchors,
 * aliases or tags is built: a check of the value (the model's schema) runs in
 * the same pass, on nodes that were just made.
 */
export interface BuildWatcher {
  /** A mapping or a sequence starts (the document, the next item, or the value of the last key). */
  open(kind: 'mapping' | 'sequence'): void;
  /** The next key of the innermost mapping, as the built object has it. */
  key(key: string): void;
  /** A scalar value, resolved (null, boolean, number or string), in the innermost collection or as the document. */
  scalar(value: unknown): void;
  /** The innermost mapping or sequence ends. */
  close(): void;
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
export function parseYaml(
  file: string,
  text: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
  watcher?: BuildWatcher,
): ParseResult {
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
  const plain = parsed.array === undefined && !events.hasNodeProperties;
  try {
    if (plain) value = constructPlain(file, source, events, watcher);
    else value = constructFromEvents(parsed.array ?? parseEvents(source, options), { source, filename: file })[0];
  } catch (error) {
    return { ok: false, diagnostics: [fromYamlException(file, error)] };
  }
  const sourceMap = new SourceMap(file, source, events, scan.end, scan.root);
  return { ok: true, document: { value, sourceMap, watched: plain && watcher !== undefined } };
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
  /** Nodes as written, and with every alias expanded into what it names. */
  let written = 0;
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

    written++;
    const size = kind === EVENT_ID.ALIAS ? (anchorSizes.get(events.anchorName(source, i)) ?? 1) : 1;
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
    if (kind === EVENT_ID.MAPPING || kind === EVENT_ID.SEQUENCE) {
      stack.push({ index: i, size: 0, keys: kind === EVENT_ID.MAPPING ? new Set() : undefined, expectKey: true });
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

  function checkKey(index: number, keys: Set<string>) {
    if (type[index] !== EVENT_ID.SCALAR) {
      at(index, 'mapping keys must be plain strings');
      return;
    }
    const key = events.scalarText(source, index);
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
function contentEndBefore(events: CompactEvents, i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const kind = events.type[k];
    if (kind === EVENT_ID.SCALAR) return Math.max(events.stop[k], events.offset(k));
    if (kind === EVENT_ID.ALIAS) return events.stop[k];
    if (kind === EVENT_ID.MAPPING || kind === EVENT_ID.SEQUENCE) return events.offset(k) + 1;
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

/**
 * Builds the value of a document without anchors, aliases or tags from its
 * compact events, as js-yaml's constructor does with the core schema: plain
 * scalars resolved (null, booleans, numbers, else strings), other scalars
 * strings, mapping keys as strings, a key that repeats once resolved refused.
 * `watcher` is told of each node as it is made.
 */
function constructPlain(file: string, source: string, events: CompactEvents, watcher?: BuildWatcher): unknown {
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
        const name = String(value);
        keys[top] = name;
        keyPositions[top] = Math.max(events.start[index], 0);
        watcher?.key(name);
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

  /** Whether the next node is a key of the innermost mapping. */
  const isKeySlot = () => {
    const top = containers.length - 1;
    const container = containers[top];
    return container !== undefined && !Array.isArray(container) && keys[top] === undefined;
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
        const mapping = type[i] === EVENT_ID.MAPPING;
        // A mapping as a key is refused by the scan before this runs: every container here is a value.
        watcher?.open(mapping ? 'mapping' : 'sequence');
        const container = mapping ? {} : [];
        containers.push(container);
        keys.push(undefined);
        keyPositions.push(0);
        break;
      }
      case EVENT_ID.SCALAR: {
        const text = events.scalarText(source, i);
        const value = events.isPlain(i) ? CORE_SCHEMA.resolveImplicitScalarTag(text).value : text;
        if (watcher !== undefined && !isKeySlot()) watcher.scalar(value);
        add(value, i);
        break;
      }
      case EVENT_ID.POP: {
        const container = containers.pop();
        keys.pop();
        keyPositions.pop();
        if (container === undefined) documentDone = true;
        else {
          watcher?.close();
          add(container, i);
        }
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
