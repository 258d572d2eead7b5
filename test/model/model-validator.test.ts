/**
 * The model validator that `npm run build` compiles ahead of time is the one
 * the tests compile on first use: same verdicts, same errors, on valid and
 * invalid documents.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { DURATION_PATTERN, MODEL_FIELDS, MODEL_SCHEMA, validator } from '../../src/model/model-validator.js';
import { ModelSchema, modelJsonSchema } from '../../src/model/schema.js';
import { standaloneValidator } from '../../src/model/schema-compile.js';

const ROOT = join(import.meta.dirname, '..', '..');
// Inside the repository, so that the generated module finds ajv's runtime helpers in node_modules.
const dir = mkdtempSync(join(ROOT, 'test', '.validator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INVALID = [
  'version: 2\n',
  'version: 1\nagents: 5\nfoo: 1\n',
  'version: 1\ncredentials:\n  - id: c\n    ttl: 3600\n    binding: baerer\n    grants: [{ resource: r, actions: read }]\n',
  'version: 1\ndetection:\n  leaked: { lognormal: { median: 2d } }\n',
  'version: 1\nagents:\n  - id: "bad id!"\n    tools: [a, a]\n',
  'version: 1\nresources:\n  - id: r\n    sensitivity: medium-ish\n',
];

describe('the precompiled model validator', () => {
  it('gives the verdicts and the errors of the validator compiled at run time', async () => {
    const file = join(dir, 'model-validator.js');
    // As bin/compile-schema.js writes it.
    writeFileSync(
      file,
      standaloneValidator(ModelSchema, { DURATION_PATTERN, MODEL_FIELDS, MODEL_SCHEMA: modelJsonSchema() }),
    );
    const precompiled = (await import(file)) as {
      validator: () => typeof validate;
      DURATION_PATTERN: string;
      MODEL_FIELDS: readonly string[];
      MODEL_SCHEMA: unknown;
    };
    const validate = validator();
    expect(precompiled.DURATION_PATTERN).toBe(DURATION_PATTERN);
    expect(precompiled.MODEL_FIELDS).toEqual(MODEL_FIELDS);
    expect(MODEL_FIELDS).toContain('agents');
    expect(precompiled.MODEL_SCHEMA).toEqual(MODEL_SCHEMA);
    const models = readdirSync(join(ROOT, 'models')).map((f) => readFileSync(join(ROOT, 'models', f), 'utf8'));
    for (const text of [...models, ...INVALID]) {
      const value = load(text);
      const expected = validate(value);
      const compiled = precompiled.validator();
      expect(compiled(value)).toBe(expected);
      expect(JSON.stringify(compiled.errors ?? null)).toBe(JSON.stringify(validate.errors ?? null));
    }
    // The invalid documents are invalid: the comparison above is not between two validators that accept everything.
    for (const text of INVALID) expect(validate(load(text))).toBe(false);
  });
});
