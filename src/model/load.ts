/**
 * From YAML text to a validated `Model`: parse, check the schema, resolve
 * references, apply defaults, check that every workflow step is permitted.
 * Pure: the caller reads the file; every problem comes back located.
 */
import { compareDiagnostics, type Diagnostic, type DocPath, formatDocPath } from '../yaml/diagnostic.js';
import { DEFAULT_PARSE_LIMITS, parseYaml, type ParseLimits } from '../yaml/parse.js';
import type { SourceMap } from '../yaml/source-map.js';
import { normalizeModel } from './normalize.js';
import { checkReferences } from './references.js';
import { checkedRelations, unpermittedSteps, type Relations } from './relations.js';
import { checkSchema, schemaWatcher, type Problem } from './schema-check.js';
import type { ModelDocument } from './schema.js';
import type { Model } from './types.js';

export interface LoadedModel {
  readonly file: string;
  /** The document as written (schema-checked), for transformations that write a model back. */
  readonly document: ModelDocument;
  readonly model: Model;
  readonly relations: Relations;
  readonly sourceMap: SourceMap;
  /** For a model imported from configuration files: where each element came from, in those files. */
  readonly origins?: Origins;
}

/** Where the nodes of an imported model came from; undefined where nothing is recorded. */
export interface Origins {
  locate(path: DocPath): { file: string; line: number; column: number } | undefined;
}

export type LoadResult = { ok: true; loaded: LoadedModel } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A loaded model without its document as written, for the commands that
 * never write a model back (`check`): on a large model the document is tens
 * of megabytes that nothing would read again.
 */
export type ModelOnly = Omit<LoadedModel, 'document'>;

export type ModelOnlyResult = { ok: true; loaded: ModelOnly } | { ok: false; diagnostics: Diagnostic[] };

/** As `loadModel`, keeping only the model: the document as written is dropped once the model is built from it. */
export function loadModelOnly(file: string, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ModelOnlyResult {
  const result = loadModel(file, text, limits);
  if (!result.ok) return result;
  const { model, relations, sourceMap } = result.loaded;
  return { ok: true, loaded: { file, model, relations, sourceMap } };
}

export function loadModel(file: string, text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): LoadResult {
  // The schema is checked while the document is built; ajv only when that cannot vouch for it, and to explain.
  const watcher = schemaWatcher();
  const parsed = parseYaml(file, text, limits, watcher);
  if (!parsed.ok) return parsed;
  const { value, sourceMap, watched } = parsed.document;
  const fail = (problems: readonly Problem[]): LoadResult => ({
    ok: false,
    diagnostics: locate(file, sourceMap, problems),
  });

  const schema = checkSchema(value, watched && watcher ? watcher.verdict : 'unsure');
  if (!schema.ok) return fail(schema.problems);
  const referenceProblems = checkReferences(schema.document);
  if (referenceProblems.length > 0) return fail(referenceProblems);
  const { model, problems } = normalizeModel(schema.document, modelNameFromFile(file));
  if (problems.length > 0) return fail(problems);
  const related = checkedRelations(model);
  if (!related.ok) return fail([{ path: related.path, at: 'value', message: related.message }]);
  const relations = related.relations;
  const steps = unpermittedSteps(model, relations);
  if (steps.length > 0) return fail(steps.map((s) => ({ path: s.path, at: 'value', message: s.message })));
  return { ok: true, loaded: { file, document: schema.document, model, relations, sourceMap } };
}

/** Where a node of a loaded model is: in the configuration it was imported from, else in the model file. */
export function locateNode(loaded: ModelOnly, path: DocPath): { file: string; line: number; column: number } {
  return loaded.origins?.locate(path) ?? { file: loaded.file, ...loaded.sourceMap.locate(path) };
}

export function locate(file: string, sourceMap: SourceMap, problems: readonly Problem[]): Diagnostic[] {
  return problems
    .map((p) => {
      const { line, column } = p.at === 'key' ? sourceMap.locateKey(p.path) : sourceMap.locate(p.path);
      return { file, line, column, message: p.message, path: formatDocPath(p.path) };
    })
    .sort(compareDiagnostics);
}

function modelNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '');
}
