/** Generated documentation stays in step with the schema it documents. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../src/model/schema.js';
import { scenarioJsonSchema } from '../src/model/scenario.js';
import { schemaReference } from '../src/reports/schema-doc.js';
import { CREDENTIAL_KINDS } from '../src/model/credential-kinds.js';
import { credentialKindsMarkdown } from '../src/reports/kinds.js';

const between = (text: string, start: string, end: string) =>
  text.slice(text.indexOf(start) + start.length + 1, text.indexOf(end));

describe('docs', () => {
  it('docs/model.schema.json is what `leakradius schema` prints', () => {
    expect(JSON.parse(readFileSync('docs/model.schema.json', 'utf8'))).toEqual(modelJsonSchema());
  });

  it('docs/scenario.schema.json is what `leakradius schema --scenario` prints', () => {
    expect(JSON.parse(readFileSync('docs/scenario.schema.json', 'utf8'))).toEqual(scenarioJsonSchema());
  });

  it('the field reference in docs/model-format.md is generated from the current schema', () => {
    const doc = readFileSync('docs/model-format.md', 'utf8');
    expect(between(doc, '<!-- generated:model -->', '<!-- end:model -->')).toBe(schemaReference(modelJsonSchema()));
    expect(between(doc, '<!-- generated:scenario -->', '<!-- end:scenario -->')).toBe(
      schemaReference(scenarioJsonSchema()),
    );
  });

  it('docs/credential-kinds.md is what `leakradius kinds --format markdown` prints: every fact with its sources', () => {
    expect(readFileSync('docs/credential-kinds.md', 'utf8')).toBe(credentialKindsMarkdown(CREDENTIAL_KINDS));
  });

  it('every field of the model schema appears in the reference', () => {
    const doc = readFileSync('docs/model-format.md', 'utf8');
    for (const field of [
      'credentials[].grants[].approval',
      'credentials[].maxLifetime',
      'credentials[].derivedFrom',
      'agents[].delegates[].mode',
      'workflows[].steps[].delegate',
      'accept[].expires',
    ]) {
      expect(doc).toContain(`\`${field}\``);
    }
  });
});
