/**
 * A what-if that changes credential settings alone shares its model's reach:
 * its worst cases, leaks and credentials must be exactly those of the variant
 * derived in full by the loader's steps (the reference), and it must refuse
 * exactly what the loader refuses.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { worstCases } from '../../src/analyses/simulation/worst-case.js';
import { toYaml } from '../../src/model/generate.js';
import {
  applyChanges,
  BINDINGS,
  deriveModel,
  ISSUANCES,
  REVOCATION_MODES,
  settingsVariant,
  TTL_STEPS,
  withChange,
  type Changes,
  type CredentialChange,
} from '../../src/tui/whatif.js';
import { load } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

const MODELS = join(import.meta.dirname, '..', '..', 'models');
const bundled = readdirSync(MODELS).map((f) => readFileSync(join(MODELS, f), 'utf8'));

const VALUES: Readonly<Record<keyof CredentialChange, readonly string[]>> = {
  ttl: TTL_STEPS,
  binding: BINDINGS,
  issuance: ISSUANCES,
  revocation: REVOCATION_MODES,
};

/** Up to three changes: a credential (by position), a field, a value. */
const changes = fc.array(
  fc.tuple(fc.nat(), fc.constantFrom(...(Object.keys(VALUES) as (keyof CredentialChange)[])), fc.nat()),
  { minLength: 1, maxLength: 3 },
);

function agrees(text: string, picks: readonly [number, keyof CredentialChange, number][]): void {
  const loaded = load(text);
  const base = prepareAnalysis(loaded.model, loaded.relations);
  let keyed: Changes = new Map();
  for (const [c, field, v] of picks) {
    const credential = loaded.model.credentials[c % loaded.model.credentials.length];
    keyed = withChange(keyed, credential, field, VALUES[field][v % VALUES[field].length]);
  }
  const document = applyChanges(loaded.document, keyed);
  const full = deriveModel(document, loaded.model.name);
  const quick = settingsVariant(base, document, keyed.keys());
  expect(quick === undefined).toBe(!full.ok);
  if (!full.ok || quick === undefined) return;
  const reference = prepareAnalysis(full.model, full.relations);
  expect(JSON.stringify(worstCases(quick))).toBe(JSON.stringify(worstCases(reference)));
  for (const id of keyed.keys()) {
    expect(quick.relations.credential.get(id)).toEqual(full.relations.credential.get(id));
    const leak = (ctx: typeof base) => JSON.stringify(simulateLeak(ctx, { credential: id, attacker: 'external' }));
    expect(leak(quick)).toBe(leak(reference));
  }
  expect(quick.model).toEqual(full.model);
  expect([...quick.relations.credential]).toEqual([...full.relations.credential]);
  expect(quick.relations.credential.size).toBe(full.relations.credential.size);
}

describe('a what-if of credential settings alone', () => {
  it('gives the worst cases, leaks and credentials of the variant derived in full, on the bundled models', () => {
    expect(bundled.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.nat(bundled.length - 1), changes, (m, picks) => agrees(bundled[m], picks)),
      { numRuns: 150 },
    );
  });

  it('the same on random models', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), changes, (seed, picks) =>
        agrees(toYaml(randomModel(seed)), picks),
      ),
      { numRuns: 150 },
    );
  });

  it('refuses what the loader refuses: a TTL above what the kind allows', () => {
    const text = 'version: 1\ncredentials:\n  - { id: s, kind: aws-sts-session, ttl: 1h }\n';
    const loaded = load(text);
    const keyed = withChange(new Map(), loaded.model.credentials[0], 'ttl', '1d');
    const document = applyChanges(loaded.document, keyed);
    expect(deriveModel(document, 'x').ok).toBe(false);
    expect(settingsVariant(prepareAnalysis(loaded.model, loaded.relations), document, keyed.keys())).toBeUndefined();
  });
});
