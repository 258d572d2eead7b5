/**
 * A slower attacker never reaches more: over random models, every leak
 * simulated with a larger hop delay reaches no pair the smaller one does not,
 * keeps none longer, and has no larger score, time-weighted score or
 * revocation lag. LEAKRADIUS_PROPERTY_RUNS raises the number of models (the
 * suite runs 300; `LEAKRADIUS_PROPERTY_RUNS=20000 npx vitest run test/simulation/hop-delay.test.ts`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyses/context.js';
import { simulateLeak, type LeakInput, type LeakResult } from '../../src/analyses/simulation/leak.js';
import { toYaml } from '../../src/model/generate.js';
import { load } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

const RUNS = Number(process.env.LEAKRADIUS_PROPERTY_RUNS ?? 300);
const HOPS = [0, 1, 30, 60, 600, 1_800, 3_600, 86_400];

/** Why `slow` (the larger hop delay) is not bounded by `fast`, or undefined when it is. */
function exceeds(fast: LeakResult, slow: LeakResult): string | undefined {
  const until = new Map(fast.reached.map((p) => [`${p.resource}:${p.action}`, p.until]));
  for (const p of slow.reached) {
    const key = `${p.resource}:${p.action}`;
    if (!until.has(key)) return `${key} reached only with the larger hop delay`;
    if (p.until > until.get(key)!) return `${key} until ${p.until} > ${until.get(key)}`;
  }
  if (slow.score > fast.score) return `score ${slow.score} > ${fast.score}`;
  if (slow.timeWeightedScore > fast.timeWeightedScore)
    return `time-weighted ${slow.timeWeightedScore} > ${fast.timeWeightedScore}`;
  if (slow.revocationLag > fast.revocationLag) return `lag ${slow.revocationLag} > ${fast.revocationLag}`;
  return undefined;
}

describe('a larger hop delay never reaches more', () => {
  it(
    `on ${RUNS} random models, for every credential, attacker and pair of hop delays drawn`,
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.nat(),
          fc.boolean(),
          fc.constantFrom(...HOPS),
          fc.constantFrom(...HOPS),
          (seed, pick, inside, a, b) => {
            const loaded = load(toYaml(randomModel(seed)));
            const ctx = prepareAnalysis(loaded.model, loaded.relations);
            const credential = loaded.model.credentials[pick % loaded.model.credentials.length].id;
            const input: LeakInput = { credential, attacker: inside ? 'in-workload' : 'external' };
            const [low, high] = a <= b ? [a, b] : [b, a];
            const fast = simulateLeak(ctx, { ...input, hopDelay: low });
            const slow = simulateLeak(ctx, { ...input, hopDelay: high });
            expect({ seed, credential, low, high, why: exceeds(fast, slow) }).toEqual({
              seed,
              credential,
              low,
              high,
              why: undefined,
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 100,
  );
});
