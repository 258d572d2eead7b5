/**
 * The model document's validator. `npm run build` replaces this module in
 * dist/ with the same validator compiled ahead of time (bin/compile-schema.js,
 * `standaloneValidator`), so that a command neither loads ajv and TypeBox nor
 * compiles the schema when it starts. Here (the tests, a bare `tsc`) it is
 * compiled on first use, with the same options: the two agree by construction,
 * and a test compares them.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from './schema-compile.js';
import { DURATION_PATTERN, ModelSchema } from './schema.js';

export { DURATION_PATTERN };

let compiled: ValidateFunction | undefined;

export function validator(): ValidateFunction {
  compiled ??= compileSchema(ModelSchema);
  return compiled;
}
