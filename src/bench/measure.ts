/**
 * Time and peak memory of one phase, in the process that runs it. Peak
 * memory is the process's resident set high-water mark, reset before the
 * phase where Linux allows it (/proc/self/clear_refs), so it is the phase's
 * own peak and not that of the setup before it; elsewhere it falls back to
 * the peak of the whole process.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Sample {
  readonly ms: number;
  /** Peak resident memory during the phase, MB. */
  readonly peakMb: number;
  /** Resident memory when the phase started (its inputs, the runtime), MB. */
  readonly baseMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs `phase` once after a full collection, measuring wall time and peak resident memory. */
export function measure(phase: () => unknown): Sample {
  gc?.();
  gc?.();
  const exact = resetPeak();
  const baseMb = process.memoryUsage.rss() / 1e6;
  const start = performance.now();
  const result = phase();
  const ms = performance.now() - start;
  const peakMb = exact ? peakRss() : Math.max(baseMb, process.resourceUsage().maxRSS / 1e3);
  keep(result);
  return { ms, peakMb, baseMb };
}

/** The last phase's result, held until after its measurement so it is not collected mid-phase. */
export let lastResult: unknown;
function keep(value: unknown): void {
  lastResult = value;
  lastResult = undefined;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return peakRss() > 0;
  } catch {
    return false;
  }
}

function peakRss(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1e3 : 0;
  } catch {
    return 0;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
