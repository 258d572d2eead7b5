/**
 * Formatting for the TUI: every string from a model goes through `s` (control
 * characters made visible), durations and scores read the same everywhere,
 * cells are cut to width in terminal columns (reports/layout.ts), and a
 * credential's risk is a word, never a colour alone.
 */
import { UNBOUNDED, formatDuration, type Seconds } from '../model/duration.js';
import type { WorstCase } from '../analyses/simulation/worst-case.js';
import { formatScore } from '../reports/simulation.js';
import { columns, cut, pack } from '../reports/layout.js';
import { safeInline } from '../reports/terminal.js';

/** A string from a model file, safe to show: no escape sequence reaches the terminal. */
export const s = (text: string | undefined): string => (text === undefined ? '' : safeInline(text));

export const duration = (seconds: Seconds): string => (seconds === UNBOUNDED ? 'never' : formatDuration(seconds));
export const window = (seconds: Seconds): string => (seconds === UNBOUNDED ? 'unbounded' : formatDuration(seconds));
export const score = formatScore;

export { cut, fit } from '../reports/layout.js';

export type RiskLevel = 'critical' | 'high' | 'medium' | 'low' | 'none';

const DAY = 86_400;
const HOUR = 3_600;

/**
 * The badge of a credential from its worst-case leak: critical when a
 * high-impact pair (deploy, payment, export, delete on a high or critical
 * resource) stays reachable for more than a day; high when one is reachable at
 * all, or anything is reachable for more than a week; medium beyond an hour;
 * low under an hour; none when the leak reaches nothing.
 */
export function riskLevel(c: WorstCase): RiskLevel {
  if (c.score === 0) return 'none';
  const long = (limit: Seconds) => c.exposureWindow === UNBOUNDED || c.exposureWindow > limit;
  if (c.highImpact.length > 0 && long(DAY)) return 'critical';
  if (c.highImpact.length > 0 || long(7 * DAY)) return 'high';
  if (long(HOUR)) return 'medium';
  return 'low';
}

const BADGE: Record<RiskLevel, string> = { critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', none: '--' };

/** Four characters wide: `CRIT`, `HIGH`, `MED `, `LOW `, `--  `, or `..  ` while being computed. */
export function badge(c: WorstCase | undefined): string {
  return (c ? BADGE[riskLevel(c)] : '..').padEnd(4);
}

export const RISK_COLOR: Record<RiskLevel, string> = {
  critical: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'green',
  none: 'green',
};

export const BADGE_LEGEND =
  'CRIT high-impact pair for over a day · HIGH high-impact pair, or over a week · MED over an hour · LOW under an hour · -- reaches nothing';

/** Splits a line at spaces into lines at most `width` columns wide; continuations keep the indent plus two spaces. */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 4 || columns(line) <= width) return [line];
  const indent = /^ */.exec(line)?.[0] ?? '';
  const words = line.slice(indent.length).split(' ');
  return pack(words, width, ' ', indent, `${indent}  `).map((l) => cut(l, width));
}

/** Lays items out left to right, separated by two spaces, in as many lines as `width` needs. */
export function flowItems(items: readonly string[], width: number): string[] {
  return pack(items, width, '  ').map((l) => cut(l, width));
}
