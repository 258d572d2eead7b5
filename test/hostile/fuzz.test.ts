/**
 * The fuzzer that stays: every recorded case replays without a failure, and a
 * short seeded slice of new mutants runs clean (the long run is `npm run fuzz`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES, replayCases, runSlice } from '../../src/cli/fuzz.js';
import type { Failure } from '../../src/cli/fuzz/oracle.js';

/** Mutants in the slice: about 15 s on an idle machine. */
const SLICE = 150;

describe('the fuzzer', () => {
  it('replays every recorded case without a failure', async () => {
    const files = readdirSync(CASES)
      .filter((f) => /\.(model|scenario|policy)\.yaml$/.test(f))
      .sort()
      .map((f) => join(CASES, f));
    expect((await replayCases(files)).map((f) => f.detail)).toEqual([]);
  }, 300_000);

  it(`runs ${SLICE} seeded mutants of the bundled inputs without a failure`, async () => {
    const failures: Failure[] = [];
    let kinds = new Set<string>();
    await runSlice(18, 0, SLICE, (_i, m, found) => {
      kinds = kinds.add(m.kind);
      failures.push(...found);
    });
    expect(failures.map((f) => f.detail)).toEqual([]);
    expect([...kinds].sort()).toEqual(['model', 'policy', 'scenario']);
  }, 300_000);
});
