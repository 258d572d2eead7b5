/**
 * Detection time is rarely known. When a channel's detection time is a
 * distribution, run the leak many times with sampled detection delays and
 * report quantiles. The generator is seeded, so a seed gives the same numbers
 * on every machine.
 */
import { mulberry32 } from '../../model/random.js';
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { DetectionTime } from '../../model/types.js';
import type { AnalysisContext } from '../context.js';
import { simulateLeak, type LeakInput } from './leak.js';
import { channelDetection, worstChannel } from './lifetime.js';

export interface Quantiles {
  readonly median: Seconds;
  readonly p90: Seconds;
  readonly p99: Seconds;
}

export interface UncertaintyResult {
  readonly runs: number;
  readonly seed: number;
  readonly detection: DetectionTime;
  readonly exposureWindow: Quantiles;
  readonly timeWeightedScore: Quantiles;
  readonly revocationLag: Quantiles;
}

/** z of the 90th percentile of the standard normal distribution. */
const Z90 = 1.2815515655446004;

export function simulateUncertain(
  ctx: AnalysisContext,
  input: LeakInput,
  runs: number,
  seed: number,
): UncertaintyResult {
  const channel = input.channel ?? worstChannel(ctx.model, ctx.relations, input.credential);
  const detection = channelDetection(ctx.model, channel);
  const sample = detectionSampler(detection, seed);
  const windows: number[] = [];
  const scores: number[] = [];
  const lags: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = simulateLeak(ctx, { ...input, channel, detectionDelay: sample(), paths: false });
    windows.push(result.exposureWindow);
    scores.push(result.timeWeightedScore);
    lags.push(result.revocationLag);
  }
  return {
    runs,
    seed,
    detection,
    exposureWindow: quantiles(windows),
    timeWeightedScore: quantiles(scores),
    revocationLag: quantiles(lags),
  };
}

/** Nearest-rank quantiles (no interpolation, so UNBOUNDED values stay exact). */
export function quantiles(values: readonly number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { median: at(0.5), p90: at(0.9), p99: at(0.99) };
}

/** Detection delays: a constant for a fixed time, log-normal draws (rounded to the second) otherwise. */
export function detectionSampler(detection: DetectionTime, seed: number): () => Seconds {
  if (detection.kind === 'fixed') return () => detection.seconds;
  const mu = Math.log(detection.median);
  const sigma = detection.p90 > detection.median ? (Math.log(detection.p90) - mu) / Z90 : 0;
  const normal = gaussian(seed);
  return () => {
    const value = Math.round(Math.exp(mu + sigma * normal()));
    return Number.isFinite(value) ? value : UNBOUNDED;
  };
}

/** Standard normal draws by the Box–Muller transform. */
function gaussian(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
