/**
 * Checks a parsed document against the JSON Schema and turns the validator's
 * errors into messages a person can act on: one per problem, pinned to the
 * offending node, with a suggestion when a name is a near miss.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { DocPath } from '../yaml/diagnostic.js';
import { DURATION_PATTERN, MODEL_FIELDS, MODEL_SCHEMA, validator } from './model-validator.js';
import type { ModelDocument } from './schema.js';
import { verdictWatcher, type Verdict, type VerdictWatcher } from './schema-verdict.js';
import { didYouMean, elementContext, quote } from './messages.js';

export interface Problem {
  readonly path: DocPath;
  /** Point at the mapping key (unknown or misplaced fields) rather than the value. */
  readonly at: 'key' | 'value';
  readonly message: string;
}

let watcherOf: (() => VerdictWatcher) | undefined | null = null;

/** A watcher that judges a model document against the schema while it is parsed (`parseYaml`'s `BuildWatcher`). */
export function schemaWatcher(): VerdictWatcher | undefined {
  if (watcherOf === null) watcherOf = verdictWatcher(MODEL_SCHEMA);
  return watcherOf?.();
}

/**
 * Checks a document against the schema. `verdict`: what a `schemaWatcher`
 * found while the document was built; a valid one is taken as it is, anything
 * else is validated (and explained) by ajv.
 */
export function checkSchema(
  value: unknown,
  verdict: Verdict = 'unsure',
): { ok: true; document: ModelDocument } | { ok: false; problems: Problem[] } {
  const stranger = unrecognised(value, MODEL_FIELDS, 'model');
  if (stranger) return { ok: false, problems: [stranger] };
  if (verdict === 'valid') return { ok: true, document: value as ModelDocument };
  const validate = validator();
  if (validate(value)) return { ok: true, document: value as ModelDocument };
  return { ok: false, problems: explainSchemaErrors(validate.errors ?? [], value) };
}

/**
 * The one problem of a file that is not recognisably a document of this
 * format: not a mapping, or a mapping without a single field the format
 * knows (a shadow file, an .npmrc, a key file named by mistake or by a
 * hostile pull request). Such a file is described, never quoted: what it
 * holds may be secret, and it is not the user's to read through leakradius.
 */
export function unrecognised(
  value: unknown,
  known: readonly string[],
  kind: 'model' | 'policy' | 'scenario',
): Problem | undefined {
  const start = { model: '`version: 1`', policy: '`kind: policy`', scenario: '`kind: scenario`' }[kind];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      path: [],
      at: 'value',
      message: `the file is not a mapping: expected a ${kind === 'model' ? 'model mapping' : kind} starting with ${start}, found ${describeType(value)}`,
    };
  }
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((k) => known.includes(k))) return undefined;
  return {
    path: [],
    at: 'value',
    message: `the file is not a leakradius ${kind}: none of its ${keys.length} top-level key(s) is a ${kind} field (a ${kind} starts with ${start})`,
  };
}

/** What sort of value it is, without a word of what it holds. */
function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'true or false';
  return `a ${typeof value}`;
}

export function explainSchemaErrors(errors: readonly ErrorObject[], root: unknown): Problem[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (p: Problem) => {
    const key = `${p.path.join('\u0000')}|${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };
  // A value too long to be read is not also explained by the pattern it fails.
  const tooLong = new Set(errors.filter((e) => e.keyword === 'maxLength').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'anyOf') continue;
    if (error.keyword === 'pattern' && tooLong.has(error.instancePath)) continue;
    const union = unions.find((u) => error.schemaPath.startsWith(`${u.schemaPath}/`));
    if (union && !inMatchingBranch(error, union, errors)) continue;
    const problem = describeError(error, root);
    if (problem) add(problem);
  }
  for (const union of unions) {
    if (
      errors.some(
        (e) => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`) && inMatchingBranch(e, union, errors),
      )
    )
      continue;
    add(describeUnion(union, root));
  }
  return problems;
}

/** A union's branch "matches" when the value has that branch's type; its nested errors are the useful ones. */
function inMatchingBranch(error: ErrorObject, union: ErrorObject, errors: readonly ErrorObject[]): boolean {
  const rest = error.schemaPath.slice(union.schemaPath.length + 1);
  const branch = rest.split('/')[0];
  const branchPath = `${union.schemaPath}/${branch}`;
  const typeMismatch = errors.some(
    (e) =>
      e.instancePath === union.instancePath &&
      (e.schemaPath === `${branchPath}/type` || e.schemaPath === `${branchPath}/const`),
  );
  if (typeMismatch) return false;
  // A string that fails the duration pattern is explained by the union message instead.
  return !(error.keyword === 'pattern' && error.instancePath === union.instancePath);
}

function describeUnion(error: ErrorObject, root: unknown): Problem {
  const path = toDocPath(error.instancePath, root);
  const ctx = elementContext(path, root);
  const field = fieldName(path);
  const options =
    (error.parentSchema as { anyOf?: { const?: unknown; pattern?: string; type?: string }[] }).anyOf ?? [];
  const constants = options.filter((o) => o.const !== undefined).map((o) => String(o.const));
  if (constants.length === options.length && constants.length > 0) {
    const found = typeof error.data === 'string' ? quote(error.data) : describeValue(error.data);
    const hint = typeof error.data === 'string' ? didYouMean(error.data, constants) : '';
    return {
      path,
      at: 'value',
      message: `${ctx}${field}: expected one of ${constants.join(', ')}; found ${found}${hint}`,
    };
  }
  if (options.some((o) => o.pattern === DURATION_PATTERN)) {
    return {
      path,
      at: 'value',
      message: `${ctx}${field}: ${durationMessage(error.data)}, or a distribution such as { lognormal: { median: 2d, p90: 14d } }`,
    };
  }
  return { path, at: 'value', message: `${ctx}${field}: unexpected value ${describeValue(error.data)}` };
}

function describeError(error: ErrorObject, root: unknown): Problem | undefined {
  const path = toDocPath(error.instancePath, root);
  const ctx = elementContext(path, root);
  const field = fieldName(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { path, at: 'value', message: `${ctx}missing required field "${missing}"` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const parent = error.parentSchema as { properties?: object; patternProperties?: object };
      const known = Object.keys(parent.properties ?? {});
      const keyPattern = Object.keys(parent.patternProperties ?? {})[0];
      if (known.length === 0 && keyPattern !== undefined)
        return { path: [...path, extra], at: 'key', message: `${ctx}${field}: ${patternMessage(keyPattern, extra)}` };
      const where = ctx !== '' ? '' : field === '' ? ' at the top level' : ` in ${field}`;
      const hint = didYouMean(extra, known);
      return {
        path: [...path, extra],
        at: 'key',
        message: `${ctx}unknown field ${quote(extra)}${where}${hint !== '' ? hint : ` (expected one of: ${known.join(', ')})`}`,
      };
    }
    case 'type':
    case 'minimum':
    case 'maximum':
      if ((error.parentSchema as { pattern?: string }).pattern === DURATION_PATTERN) {
        const message =
          typeof error.data === 'number'
            ? `bad duration ${error.data}: a number other than 0 needs a unit, e.g. ${Number.isInteger(error.data) && error.data > 0 ? error.data : 30}s`
            : durationMessage(error.data);
        return { path, at: 'value', message: `${ctx}${field}: ${message}` };
      }
      if (error.keyword !== 'type')
        return { path, at: 'value', message: `${ctx}${field}: ${error.message ?? 'out of range'}` };
      return {
        path,
        at: 'value',
        message: `${ctx}${field}: expected ${typeName(String(params.type))}, found ${describeValue(error.data)}`,
      };
    case 'pattern':
      return { path, at: 'value', message: `${ctx}${field}: ${patternMessage(String(params.pattern), error.data)}` };
    case 'const':
      if (path.length === 1 && path[0] === 'version') {
        return {
          path,
          at: 'value',
          message: `unsupported version ${describeValue(error.data)}: this leakradius reads version 1`,
        };
      }
      return {
        path,
        at: 'value',
        message: `${ctx}${field}: expected ${JSON.stringify(params.allowedValue)}, found ${describeValue(error.data)}`,
      };
    case 'minItems':
      return { path, at: 'value', message: `${ctx}${field}: must list at least ${String(params.limit)} item(s)` };
    case 'uniqueItems': {
      const list = error.data as unknown[];
      return { path, at: 'value', message: `${ctx}${field}: ${describeValue(list[Number(params.i)])} is listed twice` };
    }
    case 'maxLength':
      return { path, at: 'value', message: `${ctx}${field}: longer than ${String(params.limit)} characters` };
    case 'contains':
      return {
        path,
        at: 'value',
        message: `${ctx}${field}: more than ${String(params.maxContains)} acceptances use * (each is matched against every finding); name the other findings by their id`,
      };
    case 'minLength':
      return { path, at: 'value', message: `${ctx}${field}: must not be empty` };
    default:
      return { path, at: 'value', message: `${ctx}${field}: ${error.message ?? 'invalid value'}` };
  }
}

function patternMessage(pattern: string, data: unknown): string {
  if (pattern === DURATION_PATTERN) return durationMessage(data);
  if (pattern.startsWith('^[A-Za-z0-9][A-Za-z0-9._:/@+-]')) {
    return `invalid id ${describeValue(data)}: an id starts with a letter or digit and uses only letters, digits and . _ : / @ + - (at most 128 characters)`;
  }
  if (pattern.startsWith('^[a-z0-9]'))
    return `invalid name ${describeValue(data)}: expected lowercase letters, digits, and . _ -`;
  if (pattern.startsWith('^[0-9]{4}')) return `invalid date ${describeValue(data)}: expected YYYY-MM-DD`;
  if (pattern.startsWith('^LR'))
    return `invalid finding id ${describeValue(data)}: expected a rule and an element, such as LR001@credential:gh-pat`;
  return `${describeValue(data)} does not match ${pattern}`;
}

function durationMessage(data: unknown): string {
  return `bad duration ${describeValue(data)}: expected a number and a unit, combinable with larger units first and each once (30s, 15m, 1h30m, 7d, 2w3d; numbers of at most 9 digits), 0, or never`;
}

function typeName(type: string): string {
  return (
    {
      object: 'a mapping',
      array: 'a list',
      string: 'a string',
      boolean: 'true or false',
      number: 'a number',
      integer: 'a whole number',
    }[type] ?? type
  );
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quote(value);
  return `${typeof value} ${String(value)}`;
}

function fieldName(path: DocPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return '';
}

/** JSON pointer (`/credentials/3/ttl`) to a document path, numbering list items. */
function toDocPath(pointer: string, root: unknown): DocPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(part);
      path.push(index);
      node = node[index];
    } else {
      path.push(part);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
  }
  return path;
}
