#!/usr/bin/env node
// Build step after tsc: replaces dist/model/model-validator.js (which compiles the model schema with ajv
// on first use) with the same validator compiled ahead of time, so commands start without ajv and TypeBox.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'model');
const { standaloneValidator } = await import(join(dist, 'schema-compile.js'));
const { ModelSchema, DURATION_PATTERN, modelJsonSchema } = await import(join(dist, 'schema.js'));
writeFileSync(
  join(dist, 'model-validator.js'),
  standaloneValidator(ModelSchema, {
    DURATION_PATTERN,
    MODEL_FIELDS: Object.keys(ModelSchema.properties),
    MODEL_SCHEMA: modelJsonSchema(),
  }),
);
