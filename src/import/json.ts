/**
 * JSON and JSONC (comments, trailing commas: VS Code's mcp.json) parsed with
 * jsonc-parser, the parser VS Code itself uses, so a file that VS Code reads is
 * read the same way here, and every value keeps its offset for line:column.
 * Refuses what a hostile file could use against the importer: nesting past a
 * fixed depth (the parser recurses), `__proto__` keys and duplicate keys.
 */
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import { LIMITS, LIMIT_MESSAGES } from '../yaml/limits.js';
import { TextPositions } from './positions.js';
import type { ParsedConfig } from './types.js';

/** A configuration needs a handful of levels; this is far past any real one and far below the stack. */
export const MAX_JSON_DEPTH = 64;

export type JsonParse = { ok: true; document: ParsedConfig } | { ok: false; diagnostics: Diagnostic[] };

export function parseJsonConfig(file: string, text: string, scope: 'repository' | 'user'): JsonParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const positions = new TextPositions(source);
  const refuse = (offset: number, message: string): JsonParse => ({
    ok: false,
    diagnostics: [{ file, ...positions.at(offset), message }],
  });
  const shape = shapeProblem(source);
  if (shape !== undefined) return refuse(shape.offset, shape.message);
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) return refuse(errors[0].offset, `JSON syntax: ${describe(errors[0])}`);
  if (tree === undefined) return refuse(0, 'the file is empty; expected a JSON object');
  const problem = keyProblem(tree);
  if (problem) return refuse(problem.offset, problem.message);
  const value = valueOf(tree);
  const nodeAt = locator(tree);
  return {
    ok: true,
    document: {
      file,
      scope,
      value,
      at(path: DocPath) {
        return { file, ...positions.at(nodeAt(path).offset) };
      },
    },
  };
}

/**
 * The node at a path, or at its longest prefix that exists. Each object's
 * values are indexed by key when first asked for, so locating costs a lookup
 * a step however many keys an object has (a file may hold thousands of servers).
 */
function locator(tree: Node): (path: DocPath) => Node {
  const byKey = new WeakMap<Node, Map<string, Node>>();
  const child = (node: Node, segment: string | number): Node | undefined => {
    if (node.type === 'array') return typeof segment === 'number' ? node.children?.[segment] : undefined;
    if (node.type !== 'object' || typeof segment !== 'string') return undefined;
    let keys = byKey.get(node);
    if (keys === undefined) {
      keys = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) keys.set(String(key.value), value);
      }
      byKey.set(node, keys);
    }
    return keys.get(segment);
  };
  return (path) => {
    let node = tree;
    for (const segment of path) {
      const next = child(node, segment);
      if (next === undefined) break;
      node = next;
    }
    return node;
  };
}

function describe(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  // InvalidSymbol -> "invalid symbol"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Tokens that are a value or a key. */
const VALUES: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.OpenBraceToken,
  SyntaxKind.OpenBracketToken,
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
]);

/**
 * The first bracket past the depth limit, or the first value past the limit
 * on values, found by the scanner alone (strings and comments skipped): the
 * parser, which recurses and builds a tree, never sees such a file.
 */
function shapeProblem(text: string): { offset: number; message: string } | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  let values = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (VALUES.has(token) && ++values > LIMITS.configValues)
      return { offset: scanner.getTokenOffset(), message: LIMIT_MESSAGES.tooManyValues() };
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_JSON_DEPTH)
        return {
          offset: scanner.getTokenOffset(),
          message: `nested deeper than ${MAX_JSON_DEPTH} levels; refusing it`,
        };
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
  }
  return undefined;
}

function keyProblem(root: Node): { offset: number; message: string } | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (name === '__proto__') return { offset: key.offset, message: 'the key `__proto__` is not allowed' };
        if (seen.has(name))
          return { offset: key.offset, message: `duplicate key ${JSON.stringify(name.slice(0, 80))}` };
        seen.add(name);
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return undefined;
}

function valueOf(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) out[String(key.value)] = valueOf(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}
