/**
 * The model document's validator. `npm run build` replaces this module in
 * dist/ with the same validator compiled ahead of time (bin/compile-schema.js,
 * `standaloneValidator`), so that a command neither loads ajv and TypeBox nor
 * compiles the schema when it starts. Here (the tests, a bare `tsc`) it is
 * compiled on first use, with the same options: the two agree by construction,
 * and a test compares them. The build writes `MODEL_SCHEMA` into that module
 * as JSON, so that neither needs TypeBox.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from './schema-compile.js';
import { DURATION_PATTERN, ModelSchema, modelJsonSchema } from './schema.js';

export { DURATION_PATTERN };

/** The top-level fields of a model, by which a file is recognised as one before it is validated. */
export const MODEL_FIELDS: readonly string[] = Object.keys(ModelSchema.properties);
/** The schema as plain JSON, which `schema-verdict.ts` judges documents by while they are built. */
export const MODEL_SCHEMA: Readonly<Record<string, unknown>> = modelJsonSchema();

let compiled: ValidateFunction | undefined;

export function validator(): ValidateFunction {
  compiled ??= compileSchema(ModelSchema);
  return compiled;
}
