/**
 * No input ends a command with anything but a decided exit code: over random
 * models (valid ones, and ones broken on purpose: a loop of derived
 * credentials, a maxLifetime shorter than the ttl, a bad duration, a dangling
 * reference), every command exits 0, 1 (check's findings) or 2 (invalid input)
 * and never reports a fault of its own (3). The command line runs in this
 * process. LEAKRADIUS_PROPERTY_RUNS raises the number of models (the suite
 * runs 2,000; `LEAKRADIUS_PROPERTY_RUNS=20000 npx vitest run test/cli/random-models.test.ts`).
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toYaml } from '../../src/model/generate.js';
import type { ModelDocument } from '../../src/model/schema.js';
import { cliInProcess } from '../helpers/cli.js';
import { randomModel } from '../helpers/random-model.js';

const RUNS = Number(process.env.LEAKRADIUS_PROPERTY_RUNS ?? 2_000);
const folder = mkdtempSync(join(tmpdir(), 'leakradius-random-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Credentials = NonNullable<ModelDocument['credentials']>;

/** Ways to break a model that the loader must refuse with exit 2. */
const BREAKS: Record<string, (doc: ModelDocument, n: number) => void> = {
  'derivation loop': (doc, n) => {
    const c = doc.credentials as Credentials;
    const a = n % c.length;
    const b = (n + 1) % c.length;
    c[a] = { ...c[a], derivedFrom: c[b].id };
    c[b] = { ...c[b], derivedFrom: c[a].id };
  },
  'maxLifetime shorter than ttl': (doc, n) => {
    const c = doc.credentials as Credentials;
    c[n % c.length] = { ...c[n % c.length], ttl: '2d', maxLifetime: '1h' };
  },
  'duration out of order': (doc) => {
    doc.response = { ...doc.response, manual: '30m1h' };
  },
  'dangling reference': (doc, n) => {
    const c = doc.credentials as Credentials;
    c[n % c.length] = { ...c[n % c.length], derivedFrom: 'nowhere' };
  },
};

/** A few well-formed additions the generator leaves out: token exchange, a tool, a never-detected channel. */
function enrich(doc: ModelDocument, n: number): void {
  const agents = doc.agents ?? [];
  const credentials = doc.credentials as Credentials;
  if (agents.length > 1 && n % 3 === 0) {
    const minted = credentials[n % credentials.length].id;
    agents[0].delegates = [
      ...(agents[0].delegates ?? []).filter((d) => d.to !== agents[1].id),
      { to: agents[1].id, mode: 'exchange', credential: minted },
    ];
  }
  if (n % 5 === 0) doc.detection = { ...doc.detection, channels: { ...doc.detection?.channels, logs: 'never' } };
  if (n % 7 === 0 && agents.length > 0) {
    doc.tools = [{ id: 'tool', kind: 'mcp', credential: credentials[0].id }];
    agents[0].tools = ['tool'];
  }
}

const model = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  broken: fc.constantFrom('none', 'none', 'none', ...Object.keys(BREAKS)),
  pick: fc.nat(),
  hop: fc.constantFrom('0s', '0s', '1s', '30m'),
  inside: fc.boolean(),
});

/** The models, drawn once (the same every run), written to a folder of valid ones and one of broken ones. */
const cases = fc.sample(model, { numRuns: RUNS, seed: 12 }).map((c, i) => {
  const doc = randomModel(c.seed);
  enrich(doc, c.pick);
  if (c.broken !== 'none') BREAKS[c.broken](doc, c.pick);
  const file = join(folder, c.broken === 'none' ? 'valid' : 'broken', `m${i}.yaml`);
  const credentials = doc.credentials as Credentials;
  return { ...c, doc, file, leak: credentials[c.pick % credentials.length].id };
});
for (const sub of ['valid', 'broken']) mkdirSync(join(folder, sub));
for (const c of cases) writeFileSync(c.file, toYaml(c.doc));

/** A broken model is refused by every command; a valid one passes (check may find findings). */
function expectDecided(
  c: (typeof cases)[number] | undefined,
  command: string,
  result: { code: number | null; stderr: string },
): void {
  const expected = c?.broken !== 'none' && c !== undefined ? [2] : command === 'check' ? [0, 1] : [0];
  const decided = result.code !== null && expected.includes(result.code);
  expect({ model: c && { seed: c.seed, broken: c.broken, pick: c.pick }, command, code: result.code }).toEqual({
    model: c && { seed: c.seed, broken: c.broken, pick: c.pick },
    command,
    code: decided ? result.code : `one of ${expected.join(', ')}; stderr: ${result.stderr.slice(0, 2_000)}`,
  });
  expect(result.stderr).not.toContain('internal error');
}

describe(`every command decides its exit code on ${RUNS} random models`, () => {
  const valid = cases.filter((c) => c.broken === 'none');
  const broken = cases.filter((c) => c.broken !== 'none');

  it(
    'validate and check: each valid model passes, each broken one is refused at its own file',
    async () => {
      for (const [sub, list] of [
        ['valid', valid],
        ['broken', broken],
      ] as const) {
        const validated = await cliInProcess(['validate', join(folder, sub), '--format', 'json']);
        const report = JSON.parse(validated.stdout) as { files: { file: string; valid: boolean }[] };
        expect(report.files.map((f) => f.valid)).toEqual(list.map(() => sub === 'valid'));
        expectDecided(list[0], 'validate', validated);
        expectDecided(list[0], 'check', await cliInProcess(['check', join(folder, sub), '--format', 'json']));
      }
    },
    120_000 + RUNS * 100,
  );

  it(
    'simulate, recommend, delegation and graph on each model',
    async () => {
      for (const c of cases) {
        const attacker = c.inside ? 'in-workload' : 'external';
        for (const args of [
          ['simulate', c.file, '--leak', c.leak, '--hop-delay', c.hop, '--attacker', attacker, '--format', 'json'],
          ['recommend', c.file, '--format', 'json'],
          ['delegation', c.file],
          ['graph', c.file, '--format', 'dot'],
        ])
          expectDecided(c, args[0], await cliInProcess(args));
      }
    },
    120_000 + RUNS * 500,
  );
});
