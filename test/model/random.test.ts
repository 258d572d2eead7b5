/**
 * Known answers for the one random generator and the detection draws built on it: the same seed
 * gives these numbers on every machine. The expected values were computed outside leakradius, by a
 * separate implementation of Mulberry32 (32-bit unsigned arithmetic) and of the log-normal draw
 * (Box–Muller: n = sqrt(-2 ln u) cos(2π v); delay = round(exp(ln median + σ n)),
 * σ = (ln p90 − ln median) / 1.2815515655446004).
 */
import { describe, expect, it } from 'vitest';
import { detectionSampler } from '../../src/analyses/simulation/uncertainty.js';
import { Random, mulberry32 } from '../../src/model/random.js';

describe('the seeded generator', () => {
  it('gives the published Mulberry32 sequence', () => {
    const g = mulberry32(1);
    expect([g(), g(), g()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const h = mulberry32(42);
    expect([h(), h(), h()].map((x) => x * 2 ** 32)).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('chooses from that sequence', () => {
    // mulberry32(1): 0.627… → below(10) = 6; 0.0027… → int(5, 9) = 5 + floor(0.0137) = 5; 0.527… < 0.6
    const r = new Random(1);
    expect([r.below(10), r.int(5, 9), r.chance(0.6)]).toEqual([6, 5, true]);
  });

  it('draws the same log-normal detection delays everywhere (median 1h, p90 4h, seed 7)', () => {
    const draw = detectionSampler({ kind: 'lognormal', median: 3600, p90: 4 * 3600 }, 7);
    expect([draw(), draw(), draw(), draw(), draw()]).toEqual([71224, 3345, 1294, 3918, 3102]);
  });
});
