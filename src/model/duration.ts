/**
 * Durations are seconds. `UNBOUNDED` stands for `never`: no expiry, no revocation, no end.
 *
 * The grammar of a written duration lives here once: `DURATION_PATTERN` is both
 * the JSON Schema pattern every duration field is checked against and the
 * expression `parseDuration` reads, so what validates is exactly what parses.
 */
export type Seconds = number;
export const UNBOUNDED: Seconds = Number.POSITIVE_INFINITY;
/** A duration as a document holds it: text of the grammar below, or the number 0. */
export type DurationText = string | 0;

/** Units, largest first: the only order they may be written in, each at most once. */
const UNITS = [
  ['w', 604_800],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

/** Digits of one number: at most 9, so the longest duration (999999999w...s) stays an exact integer of seconds. */
export const DURATION_DIGITS = 9;

/**
 * `never`, `0`, or numbers each followed by its unit, units in the order
 * w d h m s and each at most once: `90d`, `1h30m`, `2w3d`. Not `1h1h`, not
 * `30m1h`, not a bare number other than 0.
 */
export const DURATION_PATTERN = `^(?:never|0|(?=[0-9])${UNITS.map(([unit]) => `(?:([0-9]{1,${DURATION_DIGITS}})${unit})?`).join('')})$`;

const GRAMMAR = new RegExp(DURATION_PATTERN);

/**
 * Parses a written duration (`1h30m`, `90d`, `0`, `never`); undefined for
 * anything the grammar refuses. The number 0 is accepted too: YAML reads an
 * unquoted `ttl: 0` as a number, and zero needs no unit.
 */
export function parseDuration(text: DurationText | number): Seconds | undefined {
  if (typeof text === 'number') return text === 0 ? 0 : undefined;
  const match = GRAMMAR.exec(text);
  if (!match) return undefined;
  if (text === 'never') return UNBOUNDED;
  let total = 0;
  UNITS.forEach(([, size], i) => {
    const amount = match[i + 1];
    if (amount !== undefined) total += Number(amount) * size;
  });
  return total;
}

/** The shortest readable form: 90d, 1h30m, 45s, never. Fractions of a second are rounded up. */
export function formatDuration(seconds: Seconds): string {
  if (seconds === UNBOUNDED) return 'never';
  let rest = Math.ceil(Math.max(0, seconds));
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of UNITS) {
    if (unit === 'w') continue; // days read more easily than weeks in reports
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
