/**
 * The schema's verdict reached while a model is parsed must be ajv's: a model
 * it calls valid skips ajv altogether, so a wrong "valid" would let a broken
 * model through. Random models, each changed at one random place into a value
 * the schema may or may not allow, are judged by both.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/model/model-validator.js';
import { schemaWatcher } from '../../src/model/schema-check.js';
import { verdictWatcher } from '../../src/model/schema-verdict.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { randomModel } from '../helpers/random-model.js';

const MODELS = join(import.meta.dirname, '..', '..', 'models');

function verdicts(text: string): { watched: string; ajv: boolean } | undefined {
  const watcher = schemaWatcher()!;
  const parsed = parseYaml('x.yaml', text, undefined, watcher);
  if (!parsed.ok || !parsed.document.watched) return undefined;
  return { watched: watcher.verdict, ajv: validator()(parsed.document.value) };
}

/** Values that break one keyword or another: types, patterns, bounds, lengths in code points, collections. */
const REPLACEMENTS: readonly unknown[] = [
  0,
  1,
  -1,
  1.5,
  16,
  Infinity,
  NaN,
  true,
  null,
  '',
  '0',
  '1h',
  '1h30m',
  '30',
  'never',
  'x',
  'Bad Id!',
  'read',
  'high',
  'medium-ish',
  'manual',
  'bearer',
  'exchange',
  '2026-01-01',
  'LR001@credential:x',
  'a'.repeat(4096),
  'a'.repeat(4097),
  '😀'.repeat(4096),
  '😀'.repeat(2049),
  [],
  ['a'],
  ['a', 'a'],
  ['read', 'write'],
  [1],
  {},
  { resource: 'r0', actions: ['read'] },
  { lognormal: { median: '1d', p90: '2d' } },
  { lognormal: { median: '1d' } },
  { file: 'x', line: 1 },
];

/** Every path to a node of `value`, the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

type Change = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

function changed(doc: unknown, at: (string | number)[], change: Change): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (change.kind === 'replace') parent[last] = change.value;
  else if (change.kind === 'add') {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target))
      (target as Record<string, unknown>)[change.key] = change.value;
  } else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom(...REPLACEMENTS).map((value): Change => ({ kind: 'replace', value })),
  fc.constant<Change>({ kind: 'delete' }),
  fc
    .tuple(
      fc.constantFrom('id', 'kind', 'ttl', 'name', 'owner', 'extra', 'lognormal', 'prod'),
      fc.constantFrom(...REPLACEMENTS),
    )
    .map(([key, value]): Change => ({ kind: 'add', key, value })),
);

describe('the schema verdict reached while parsing', () => {
  it('finds every bundled model valid, as ajv does', () => {
    for (const file of readdirSync(MODELS)) {
      expect(verdicts(readFileSync(join(MODELS, file), 'utf8'))).toEqual({ watched: 'valid', ajv: true });
    }
  });

  it("is ajv's verdict on random models changed at one random place", () => {
    let invalid = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(), change, (seed, where, how) => {
        const doc = randomModel(seed);
        const all = paths(doc);
        const text = dump(changed(doc, all[where % all.length], how), { noRefs: true, lineWidth: -1 });
        const v = verdicts(text);
        if (v === undefined) return;
        if (!v.ajv) invalid++;
        expect(v.watched).toBe(v.ajv ? 'valid' : 'invalid');
      }),
      { numRuns: 600 },
    );
    // The comparison is between verdicts that differ from one document to the next.
    expect(invalid).toBeGreaterThan(100);
  });

  it('counts lengths in code points, takes 1.0 and .inf for integers, refuses .nan against bounds, as ajv does', () => {
    const cases: [string, boolean][] = [
      [`name: "${'😀'.repeat(4096)}"`, true],
      [`name: "${'😀'.repeat(4096)}a"`, false],
      [`name: "${'a'.repeat(4097)}"`, false],
      ['credentials: [{ id: c, ttl: 0x0 }]', true],
      ['credentials: [{ id: c, ttl: 0.0 }]', true],
      ['credentials: [{ id: c, ttl: 0.5 }]', false],
      ['credentials: [{ id: c, ttl: .nan }]', false],
      ['credentials: [{ id: c, ttl: -0 }]', true],
      ['credentials: [{ id: c, source: { file: x, line: 1.0 } }]', true],
      ['credentials: [{ id: c, source: { file: x, line: .inf } }]', true],
      ['credentials: [{ id: c, source: { file: x, line: .nan } }]', false],
      ['credentials: [{ id: c, source: { file: "", line: 1 } }]', false],
      ['credentials: [{ id: c, environments: [a, b, a] }]', false],
      ['credentials: [{ id: c, environments: [a, b] }]', true],
      ['detection: { channels: { logs: { lognormal: { median: 1d, p90: 2d } } } }', true],
      ['detection: { channels: { Logs: 1d } }', false],
      ['detection: { default: { lognormal: { median: 1d } } }', false],
      ['detection: { default: [1d] }', false],
      ['workflows: [{ id: w, agent: a, duration: 1h, steps: [] }]', false],
      ['version: 1.0', true],
      ['version: "1"', false],
    ];
    for (const [body, valid] of cases) {
      const text = body.startsWith('version') ? `${body}\n` : `version: 1\n${body}\n`;
      expect({ body, ...verdicts(text) }).toEqual({ body, watched: valid ? 'valid' : 'invalid', ajv: valid });
    }
  });

  it('judges the document itself: a list, a scalar or nothing at the top is invalid', () => {
    for (const text of ['- a\n', 'x\n', '~\n', 'version: 1\n'])
      expect(verdicts(text)).toEqual({
        watched: text === 'version: 1\n' ? 'valid' : 'invalid',
        ajv: text === 'version: 1\n',
      });
  });

  it('leaves to ajv an acceptance list, whose wildcard patterns ajv counts', () => {
    const accept = (n: number) =>
      `version: 1\naccept:\n${Array.from({ length: n }, (_, i) => `  - { finding: "LR001@credential:c${i}*", reason: r, owner: o, expires: 2030-01-01 }\n`).join('')}`;
    expect(verdicts(accept(1))).toEqual({ watched: 'unsure', ajv: true });
    // One more wildcard acceptance than LIMITS.wildcardAcceptances (200) allows.
    expect(verdicts(accept(201))).toEqual({ watched: 'unsure', ajv: false });
    expect(verdicts('version: 1\naccept: x\n')).toEqual({ watched: 'invalid', ajv: false });
  });

  it('leaves to ajv a schema with a keyword it does not judge, and a collection two branches accept', () => {
    expect(verdictWatcher({ type: 'string', format: 'email' })).toBeUndefined();
    const watcher = verdictWatcher({
      anyOf: [
        { type: 'object', required: ['a'] },
        { type: 'object', required: ['b'] },
      ],
    })!();
    watcher.open('mapping');
    expect(watcher.verdict).toBe('unsure');
  });
});
