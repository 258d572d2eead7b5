/**
 * Baselines: an earlier JSON report of `leakradius check`. With one, a run
 * fails only on what got worse: findings that are new, and credentials whose
 * worst-case blast-radius score or exposure window grew.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from '../../model/schema-compile.js';
import { UNBOUNDED, formatDuration, type Seconds } from '../../model/duration.js';
import { quote } from '../../model/messages.js';
import type { CredentialSummary } from './types.js';

/** The part of the JSON report a baseline needs; everything else in the file is ignored. */
const BaselineSchema = Type.Object({
  tool: Type.Literal('leakradius'),
  findings: Type.Array(Type.Object({ id: Type.String(), file: Type.String() })),
  credentials: Type.Array(
    Type.Object({
      file: Type.String(),
      credential: Type.String(),
      score: Type.Number(),
      exposureWindowSeconds: Type.Union([Type.Number(), Type.Null()]),
      highImpact: Type.Array(Type.String()),
    }),
  ),
});

type BaselineDocument = Static<typeof BaselineSchema>;

export interface Baseline {
  /** `file\0findingId` of every finding in the earlier report. */
  readonly findings: ReadonlySet<string>;
  readonly credentials: ReadonlyMap<
    string,
    { readonly score: number; readonly exposureWindow: Seconds; readonly highImpact: readonly string[] }
  >;
}

let compiled: ValidateFunction | undefined;

export function findingKey(file: string, id: string): string {
  return `${file}\u0000${id}`;
}

/** Reads a parsed JSON report as a baseline, or says why it cannot. */
export function parseBaseline(value: unknown): { ok: true; baseline: Baseline } | { ok: false; message: string } {
  compiled ??= compileSchema(BaselineSchema);
  if (!compiled(value)) {
    const e = compiled.errors?.[0];
    const where = e?.instancePath ? ` at ${e.instancePath}` : '';
    return {
      ok: false,
      message: `not a JSON report of \`leakradius check --format json\`${where}: ${e?.message ?? 'unexpected content'}`,
    };
  }
  const doc = value as BaselineDocument;
  return {
    ok: true,
    baseline: {
      findings: new Set(doc.findings.map((f) => findingKey(f.file, f.id))),
      credentials: new Map(
        doc.credentials.map((c) => [
          findingKey(c.file, c.credential),
          {
            score: c.score,
            exposureWindow: c.exposureWindowSeconds === null ? UNBOUNDED : c.exposureWindowSeconds,
            highImpact: c.highImpact,
          },
        ]),
      ),
    },
  };
}

export interface Regression {
  readonly file: string;
  readonly credential: string;
  readonly before: { readonly score: number; readonly exposureWindow: Seconds };
  readonly after: { readonly score: number; readonly exposureWindow: Seconds };
  /** High-impact pairs the leak reaches now and did not before. */
  readonly newlyReached: readonly string[];
  /** What got worse, in words. */
  readonly message: string;
}

/** Credentials present in both runs whose worst-case score or exposure window grew. */
export function regressions(current: readonly CredentialSummary[], baseline: Baseline): Regression[] {
  const out: Regression[] = [];
  for (const c of current) {
    const before = baseline.credentials.get(findingKey(c.file, c.credential));
    if (!before) continue;
    // The report rounds scores to hundredths and windows to whole seconds: compare at that precision.
    const scoreGrew = Math.round(c.score * 100) > Math.round(before.score * 100);
    const windowGrew = roundSeconds(c.exposureWindow) > roundSeconds(before.exposureWindow);
    if (!scoreGrew && !windowGrew) continue;
    const highImpact = c.highImpact.map((p) => `${p.resource}:${p.action}`);
    const newlyReached = highImpact.filter((p) => !before.highImpact.includes(p)).sort();
    const parts: string[] = [];
    if (newlyReached.length > 0)
      parts.push(`the leak of ${quote(c.credential)} now reaches ${newlyReached.join(', ')}`);
    if (scoreGrew) parts.push(`its blast-radius score grew from ${round(before.score)} to ${round(c.score)}`);
    if (windowGrew)
      parts.push(`its exposure window grew from ${duration(before.exposureWindow)} to ${duration(c.exposureWindow)}`);
    const message =
      newlyReached.length > 0 ? parts.join('; ') : `credential ${quote(c.credential)}: ${parts.join('; ')}`;
    out.push({
      file: c.file,
      credential: c.credential,
      before: { score: before.score, exposureWindow: before.exposureWindow },
      after: { score: c.score, exposureWindow: c.exposureWindow },
      newlyReached,
      message,
    });
  }
  return out;
}

function duration(s: Seconds): string {
  return s === UNBOUNDED ? 'unbounded' : formatDuration(s);
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function roundSeconds(s: Seconds): Seconds {
  return s === UNBOUNDED ? UNBOUNDED : Math.round(s);
}
