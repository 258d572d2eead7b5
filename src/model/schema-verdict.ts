/**
 * The model schema's verdict, reached while the parser builds the document
 * (`BuildWatcher`): each node is checked as it is made, so a valid model is
 * known to be valid without a second walk over a large document, and ajv
 * (`schema-check.ts`) runs only to explain a document found invalid.
 *
 * It reads the same JSON Schema as ajv and judges the keywords the model's
 * schema uses, as ajv does (ajv's own tests of types, `u` patterns, lengths in
 * code points, unique strings); anything else, and any node it cannot judge
 * alone (a key that two property schemas name, a collection that two branches
 * of a union accept), makes the verdict `unsure`, and ajv decides. A property
 * test compares its verdicts with ajv's on random documents.
 */
import type { BuildWatcher } from '../yaml/parse.js';

export type Verdict = 'valid' | 'invalid' | 'unsure';

type JsonSchema = Readonly<Record<string, unknown>>;
type Kind = 'mapping' | 'sequence';

/** A schema node: how a scalar there is judged, and what a collection that starts there is checked against. */
interface SchemaNode {
  scalar(value: unknown): boolean;
  /** The collection's checks, `undefined` when the schema refuses one of this kind here, `UNSURE` when it cannot tell. */
  collection(kind: Kind): Collection | undefined | typeof UNSURE;
}

interface MappingChecks {
  readonly kind: 'mapping';
  /** The node a key's value is checked against; `undefined`: the key is not allowed. */
  child(key: string): SchemaNode | undefined | typeof UNSURE;
  readonly required: ReadonlySet<string>;
}

interface SequenceChecks {
  readonly kind: 'sequence';
  readonly items: SchemaNode;
  readonly minItems: number;
  /** Whether string items must be unique (the only `uniqueItems` judged here). */
  readonly uniqueStrings: boolean;
}

type Collection = MappingChecks | SequenceChecks;

const UNSURE = Symbol('unsure');

/** Keywords that only describe. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', '$comment']);
const JUDGED = new Set([
  'type',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'minItems',
  'uniqueItems',
  'anyOf',
]);
/** Keywords of a sequence judged by ajv alone: a document holding such a sequence is `unsure`. */
const LEFT_TO_AJV = new Set(['contains', 'minContains', 'maxContains']);

class CannotJudge extends Error {}

const ANY: SchemaNode = {
  scalar: () => true,
  collection: (kind) =>
    kind === 'mapping'
      ? { kind, child: () => ANY, required: new Set() }
      : { kind, items: ANY, minItems: 0, uniqueStrings: false },
};

/**
 * A watcher factory for `schema`, or `undefined` when the schema uses a
 * keyword this module does not judge (then ajv validates every document).
 */
export function verdictWatcher(schema: JsonSchema): (() => VerdictWatcher) | undefined {
  let root: SchemaNode;
  try {
    root = compile(schema);
  } catch (error) {
    if (error instanceof CannotJudge) return undefined;
    throw error;
  }
  return () => new VerdictWatcher(root);
}

interface Frame {
  readonly checks: Collection;
  /** The node of the value that comes next (a mapping's after its key). */
  next: SchemaNode | undefined | typeof UNSURE;
  /** Required keys seen (mappings), items seen (sequences). */
  count: number;
  seen?: Set<string>;
}

/** Follows a document as it is built; `verdict` once it is complete. */
export class VerdictWatcher implements BuildWatcher {
  private state: Verdict = 'valid';
  private readonly stack: Frame[] = [];
  private rootDone = false;

  constructor(private readonly root: SchemaNode) {}

  get verdict(): Verdict {
    return this.state;
  }

  open(kind: Kind): void {
    if (this.state !== 'valid') return;
    const node = this.nodeOfNext();
    if (node === undefined || node === UNSURE) return this.stop(node);
    const checks = node.collection(kind);
    if (checks === undefined || checks === UNSURE) return this.stop(checks);
    this.stack.push({
      checks,
      next: checks.kind === 'sequence' ? checks.items : undefined,
      count: 0,
      seen: checks.kind === 'sequence' && checks.uniqueStrings ? new Set() : undefined,
    });
  }

  key(key: string): void {
    if (this.state !== 'valid') return;
    const frame = this.stack[this.stack.length - 1];
    const checks = frame.checks as MappingChecks;
    frame.next = checks.child(key);
    if (checks.required.has(key)) frame.count++;
  }

  scalar(value: unknown): void {
    if (this.state !== 'valid') return;
    const node = this.nodeOfNext();
    if (node === undefined || node === UNSURE) return this.stop(node);
    if (!node.scalar(value)) return this.stop(undefined);
    const frame = this.stack[this.stack.length - 1];
    if (frame?.seen !== undefined && typeof value === 'string' && value !== '__proto__') {
      // As ajv: string items are compared as keys of an object, on which `__proto__` is never an own key.
      if (frame.seen.has(value)) return this.stop(undefined);
      frame.seen.add(value);
    }
  }

  close(): void {
    if (this.state !== 'valid') return;
    const frame = this.stack.pop()!;
    const { checks } = frame;
    if (checks.kind === 'mapping' ? frame.count < checks.required.size : frame.count < checks.minItems)
      this.stop(undefined);
  }

  /** The node the next value is checked against, counting a sequence's item. */
  private nodeOfNext(): SchemaNode | undefined | typeof UNSURE {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      if (this.rootDone) return UNSURE;
      this.rootDone = true;
      return this.root;
    }
    if (frame.checks.kind === 'sequence') frame.count++;
    return frame.next;
  }

  private stop(reason: undefined | typeof UNSURE): void {
    this.state = reason === UNSURE ? 'unsure' : 'invalid';
  }
}

function compile(schema: JsonSchema): SchemaNode {
  const keys = Object.keys(schema);
  if (keys.some((key) => LEFT_TO_AJV.has(key))) return leftToAjv(schema);
  for (const key of keys) if (!JUDGED.has(key) && !ANNOTATIONS.has(key)) throw new CannotJudge(key);
  if (schema.anyOf !== undefined) {
    const validating = Object.keys(schema).filter((k) => JUDGED.has(k));
    if (validating.length > 1 || !Array.isArray(schema.anyOf)) throw new CannotJudge('anyOf beside other keywords');
    return union((schema.anyOf as JsonSchema[]).map(compile), schema.anyOf as JsonSchema[]);
  }
  const types = typesOf(schema.type);
  const scalar = scalarCheck(schema, types);
  const mapping = admits(types, 'object') ? mappingChecks(schema) : undefined;
  const sequence = admits(types, 'array') ? sequenceChecks(schema) : undefined;
  const constant = schema.const;
  if (constant !== undefined && constant !== null && typeof constant === 'object') throw new CannotJudge('const');
  return {
    scalar,
    // A constant other than a collection refuses every collection.
    collection: (kind) => (constant !== undefined ? undefined : kind === 'mapping' ? mapping : sequence),
  };
}

/** A sequence whose items ajv counts (`contains`): anything else there is refused, a sequence is left to ajv. */
function leftToAjv(schema: JsonSchema): SchemaNode {
  if (schema.type !== 'array') throw new CannotJudge('contains beside another type');
  return { scalar: () => false, collection: (kind) => (kind === 'sequence' ? UNSURE : undefined) };
}

function union(branches: SchemaNode[], schemas: readonly JsonSchema[]): SchemaNode {
  const admitting = (kind: Kind) => {
    const type = kind === 'mapping' ? 'object' : 'array';
    return branches.filter((_, i) => schemas[i].const === undefined && admits(typesOf(schemas[i].type), type));
  };
  const byKind = { mapping: admitting('mapping'), sequence: admitting('sequence') };
  return {
    scalar: (value) => branches.some((b) => b.scalar(value)),
    collection: (kind) => {
      const options = byKind[kind];
      if (options.length === 0) return undefined;
      return options.length === 1 ? options[0].collection(kind) : UNSURE;
    },
  };
}

function typesOf(type: unknown): readonly string[] | undefined {
  if (type === undefined) return undefined;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.every((t) => typeof t === 'string')) return type as string[];
  throw new CannotJudge('type');
}

function admits(types: readonly string[] | undefined, type: string): boolean {
  return types === undefined || types.includes(type);
}

/** ajv's tests of a scalar's JSON type (without `strictNumbers`: an integer is a number with no fraction). */
const TYPE_TESTS: Readonly<Record<string, (v: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && !((v as number) % 1) && !isNaN(v as number),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  object: () => false,
  array: () => false,
};

function scalarCheck(schema: JsonSchema, types: readonly string[] | undefined): (value: unknown) => boolean {
  const tests = types?.map((t) => {
    const test = TYPE_TESTS[t];
    if (test === undefined) throw new CannotJudge(`type ${t}`);
    return test;
  });
  const pattern = schema.pattern === undefined ? undefined : new RegExp(String(schema.pattern), 'u');
  const minLength = numberKeyword(schema, 'minLength');
  const maxLength = numberKeyword(schema, 'maxLength');
  const minimum = numberKeyword(schema, 'minimum');
  const maximum = numberKeyword(schema, 'maximum');
  const constant = schema.const;
  return (value) => {
    if (tests !== undefined && !tests.some((test) => test(value))) return false;
    if (constant !== undefined && value !== constant) return false;
    if (typeof value === 'string') {
      if (pattern !== undefined && !pattern.test(value)) return false;
      if (maxLength !== undefined && value.length > maxLength && codePoints(value) > maxLength) return false;
      if (minLength !== undefined && codePoints(value) < minLength) return false;
    } else if (typeof value === 'number') {
      if (minimum !== undefined && (value < minimum || isNaN(value))) return false;
      if (maximum !== undefined && (value > maximum || isNaN(value))) return false;
    }
    return true;
  };
}

function mappingChecks(schema: JsonSchema): MappingChecks {
  const properties = new Map<string, SchemaNode>();
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>))
    properties.set(name, compile(sub));
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>).map(
    ([pattern, sub]) => [new RegExp(pattern, 'u'), compile(sub)] as const,
  );
  const additional = schema.additionalProperties;
  const rest: SchemaNode | undefined =
    additional === false
      ? undefined
      : additional === undefined || additional === true
        ? ANY
        : compile(additional as JsonSchema);
  const required = schema.required ?? [];
  if (!Array.isArray(required)) throw new CannotJudge('required');
  return {
    kind: 'mapping',
    required: new Set(required as string[]),
    child: (key) => {
      const named = properties.get(key);
      if (patterns.length === 0) return named ?? rest;
      const matching = patterns.filter(([pattern]) => pattern.test(key));
      // A key judged by two schemas at once is left to ajv.
      if (matching.length + (named === undefined ? 0 : 1) > 1) return UNSURE;
      return named ?? matching[0]?.[1] ?? rest;
    },
  };
}

function sequenceChecks(schema: JsonSchema): SequenceChecks {
  const items = schema.items === undefined ? ANY : compile(schema.items as JsonSchema);
  const unique = schema.uniqueItems === true;
  // ajv compares items by their JSON value; strings alone are judged here.
  if (unique && (schema.items as JsonSchema | undefined)?.type !== 'string') throw new CannotJudge('uniqueItems');
  return { kind: 'sequence', items, minItems: numberKeyword(schema, 'minItems') ?? 0, uniqueStrings: unique };
}

function numberKeyword(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new CannotJudge(key);
  return value;
}

/** A string's length in code points (a surrogate pair counts once), as JSON Schema and ajv count it. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    count++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return count;
}
