/**
 * Measuring a changed model: check it as `leakradius validate` would (schema,
 * references, defaults, every workflow step still permitted), then re-run the
 * worst-case leak of every credential and the hijacked-agent worst case of
 * every agent with the simulation engine itself.
 * Every figure a recommendation shows comes from here.
 */
import { formatDocPath } from '../../yaml/diagnostic.js';
import { normalizeModel } from '../../model/normalize.js';
import { checkReferences } from '../../model/references.js';
import { checkedRelations, unpermittedSteps, type Relations } from '../../model/relations.js';
import { checkSchema } from '../../model/schema-check.js';
import type { ModelDocument } from '../../model/schema.js';
import type { Model } from '../../model/types.js';
import { prepareAnalysis } from '../context.js';
import { hijackCases, hijackMemo, type HijackCase, type HijackMemo } from '../simulation/hijack.js';
import { modelRisk } from '../simulation/risk.js';
import { worstCases, type WorstCase } from '../simulation/worst-case.js';
import type { AgentChange, AgentFigures, CredentialChange, CredentialFigures, Effect, Totals } from './types.js';

export interface Measured {
  readonly model: Model;
  readonly relations: Relations;
  readonly cases: ReadonlyMap<string, WorstCase>;
  readonly hijacks: ReadonlyMap<string, HijackCase>;
  readonly totals: Totals;
  /** What each hijack read, when asked to remember it: the measures of changed copies reuse what did not change. */
  readonly memo?: HijackMemo;
}

export type Checked =
  | { readonly ok: true; readonly model: Model; readonly relations: Relations }
  | { readonly ok: false; readonly reasons: readonly string[] };

/**
 * A changed document is usable only if it loads exactly as a file would, with
 * every workflow step permitted. `schema: false` skips the JSON Schema pass,
 * for documents whose edits are schema-valid by construction (the candidates:
 * every written model is still checked in full, and the property tests check
 * every recommendation through the loader).
 */
export function checkDocument(
  document: ModelDocument,
  fallbackName: string,
  options: { schema?: boolean } = {},
): Checked {
  if (options.schema !== false) {
    const schema = checkSchema(document);
    if (!schema.ok) return { ok: false, reasons: schema.problems.map((p) => located(p.path, p.message)) };
  }
  const references = checkReferences(document);
  if (references.length > 0) return { ok: false, reasons: references.map((p) => located(p.path, p.message)) };
  const { model, problems } = normalizeModel(document, fallbackName);
  if (problems.length > 0) return { ok: false, reasons: problems.map((p) => located(p.path, p.message)) };
  const related = checkedRelations(model);
  if (!related.ok) return { ok: false, reasons: [located(related.path, related.message)] };
  const relations = related.relations;
  const broken = unpermittedSteps(model, relations);
  if (broken.length > 0) return { ok: false, reasons: broken.map((s) => s.message) };
  return { ok: true, model, relations };
}

/**
 * Every worst case of the model. With `earlier`, the measured model this one
 * was changed from, each agent's hijack that read nothing that changed is
 * taken from it; a measure that others will be compared with keeps what its
 * hijacks read (`remember`).
 */
export function measure(
  model: Model,
  relations: Relations,
  options: { earlier?: Measured; remember?: boolean } = {},
): Measured {
  const ctx = prepareAnalysis(model, relations);
  const cases = worstCases(ctx);
  const memo = options.remember ? hijackMemo(ctx) : undefined;
  const hijacks = memo ? memo.cases : hijackCases(ctx, options.earlier?.memo);
  return {
    memo,
    model,
    relations,
    cases: new Map(cases.map((c) => [c.credential, c])),
    hijacks: new Map(hijacks.map((h) => [h.agent, h])),
    totals: modelRisk(cases, hijacks),
  };
}

/** Before → after of every credential whose worst case changed, or that is new, in the changed model's order. */
export function effectBetween(before: Measured, after: Measured): Effect {
  const credentials: CredentialChange[] = [];
  for (const c of after.model.credentials) {
    const now = figures(after.cases.get(c.id)!);
    const was = before.cases.get(c.id);
    const then = was ? figures(was) : null;
    if (then && sameFigures(then, now)) continue;
    credentials.push({ credential: c.id, before: then, after: now });
  }
  const agents: AgentChange[] = [];
  for (const a of after.model.agents) {
    const now = agentFigures(after.hijacks.get(a.id)!);
    const was = before.hijacks.get(a.id);
    const then = was ? agentFigures(was) : null;
    if (then && same(then.score, now.score) && same(then.timeWeightedScore, now.timeWeightedScore)) continue;
    agents.push({ agent: a.id, before: then, after: now });
  }
  return { before: before.totals, after: after.totals, credentials, agents };
}

/** Scores below this are not shown (two decimals): a change that removes less removes nothing visible. */
export const SCORE_RESOLUTION = 0.005;

/**
 * How two totals compare as risk: negative when `a` is lower. Fewer unbounded
 * credentials always wins; among equals, the lower bounded sum, past the
 * resolution scores are shown at.
 */
export function compareTotals(a: Totals, b: Totals): number {
  if (a.unbounded !== b.unbounded) return a.unbounded - b.unbounded;
  const d = a.bounded - b.bounded;
  return Math.abs(d) < SCORE_RESOLUTION ? 0 : d;
}

/** Whether the effect lowers the model's risk. */
export function lowersRisk(effect: Effect): boolean {
  return compareTotals(effect.after, effect.before) < 0;
}

function figures(c: WorstCase): CredentialFigures {
  return { exposureWindow: c.exposureWindow, score: c.score, timeWeightedScore: c.timeWeightedScore };
}

function agentFigures(h: HijackCase): AgentFigures {
  return { score: h.score, timeWeightedScore: h.timeWeightedScore };
}

function same(x: number, y: number): boolean {
  return x === y || Math.abs(x - y) < 1e-9;
}

function sameFigures(a: CredentialFigures, b: CredentialFigures): boolean {
  return (
    same(a.exposureWindow, b.exposureWindow) && same(a.score, b.score) && same(a.timeWeightedScore, b.timeWeightedScore)
  );
}

function located(path: readonly (string | number)[], message: string): string {
  return path.length > 0 ? `${formatDocPath(path)}: ${message}` : message;
}
