/** Durations are seconds. `UNBOUNDED` stands for `never`: no expiry, no revocation, no end. */
export type Seconds = number;
export const UNBOUNDED: Seconds = Number.POSITIVE_INFINITY;

const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

export function isUnbounded(s: Seconds): boolean {
  return s === UNBOUNDED;
}

/** Parses `1h30m`, `90d`, `0` or `never`; returns undefined for anything else. */
export function parseDuration(text: string): Seconds | undefined {
  if (text === 'never') return UNBOUNDED;
  if (text === '0') return 0;
  if (!/^([0-9]{1,9}[wdhms])+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)([wdhms])/g)) total += Number(amount) * UNIT_SECONDS[unit];
  return total;
}

/** The shortest readable form: 90d, 1h30m, 45s, never. Fractions of a second are rounded up. */
export function formatDuration(seconds: Seconds): string {
  if (seconds === UNBOUNDED) return 'never';
  let rest = Math.ceil(Math.max(0, seconds));
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_SECONDS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** Hours, for time-weighted scores. */
export function toHours(seconds: Seconds): number {
  return seconds / 3_600;
}
