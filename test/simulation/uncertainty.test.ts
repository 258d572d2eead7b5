import { describe, expect, it } from 'vitest';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { detectionSampler, quantiles, simulateUncertain } from '../../src/analyses/simulation/uncertainty.js';
import { mulberry32 } from '../../src/model/random.js';
import { analysis, D, H } from '../helpers/model.js';

const MODEL = (detection: string) => `
version: 1
detection: { default: 3d, channels: { logs: ${detection} }, harvested: 1d }
response: { manual: 8h, automated: 2m }
resources: [{ id: r, kind: db, sensitivity: high }]
credentials:
  - { id: key, ttl: never, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: r, actions: [read] }] }
`;

describe('uncertainty', () => {
  it('nearest-rank quantiles', () => {
    // 10 values: median = 5th (ceil(0.5 x 10)), p90 = 9th, p99 = 10th.
    expect(quantiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ median: 5, p90: 9, p99: 10 });
  });

  it('a fixed detection time gives the deterministic result in every run', () => {
    const ctx = analysis(MODEL('2d'));
    const u = simulateUncertain(ctx, { credential: 'key' }, 50, 1);
    // 2d detection + 8h manual response: window 2d8h in every run.
    expect(u.exposureWindow).toEqual({ median: 2 * D + 8 * H, p90: 2 * D + 8 * H, p99: 2 * D + 8 * H });
    expect(u.exposureWindow.median).toBe(simulateLeak(ctx, { credential: 'key' }).exposureWindow);
  });

  it('the same seed gives the same numbers; another seed, others', () => {
    const ctx = analysis(MODEL('{ lognormal: { median: 2d, p90: 14d } }'));
    const a = simulateUncertain(ctx, { credential: 'key' }, 500, 42);
    const b = simulateUncertain(ctx, { credential: 'key' }, 500, 42);
    const c = simulateUncertain(ctx, { credential: 'key' }, 500, 43);
    expect(a).toEqual(b);
    expect(c.exposureWindow).not.toEqual(a.exposureWindow);
  });

  it('samples follow the distribution: window = detection + 8h, so its quantiles sit 8h above the detection quantiles', () => {
    const ctx = analysis(MODEL('{ lognormal: { median: 2d, p90: 14d } }'));
    const u = simulateUncertain(ctx, { credential: 'key' }, 4_000, 7);
    // Median of the window ~ 2d + 8h = 201,600 s; p90 ~ 14d + 8h = 1,238,400 s (sampling error a few percent at 4,000 runs).
    expect(u.exposureWindow.median / (2 * D + 8 * H)).toBeGreaterThan(0.93);
    expect(u.exposureWindow.median / (2 * D + 8 * H)).toBeLessThan(1.07);
    expect(u.exposureWindow.p90 / (14 * D + 8 * H)).toBeGreaterThan(0.9);
    expect(u.exposureWindow.p90 / (14 * D + 8 * H)).toBeLessThan(1.1);
    expect(u.exposureWindow.p99).toBeGreaterThan(u.exposureWindow.p90);
  });

  it('the generator is reproducible bit for bit', () => {
    const g = mulberry32(1);
    const first = [g(), g(), g()];
    const h = mulberry32(1);
    expect([h(), h(), h()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const fixed = detectionSampler({ kind: 'fixed', seconds: 60 }, 9);
    expect([fixed(), fixed()]).toEqual([60, 60]);
  });
});
