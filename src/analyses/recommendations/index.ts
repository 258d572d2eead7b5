/**
 * `recommend`: where the model shows a need, propose a change to the model,
 * apply it to a copy, check that every workflow still runs, re-run the worst
 * case of every credential, and keep it only if the model's total risk drops.
 * Ranked by risk removed from the total of both attackers, the leaked copy
 * and the hijacked agent (those that depend on a capability nobody has
 * published for the credential's kind after those known to be possible); the
 * combined effect is measured on the model with all of them applied, not summed.
 *
 * Pure: the CLI and the TUI call the same functions. The TUI toggles
 * recommendations with `whatIf`, which re-measures a selection.
 */
import type { LoadedModel } from '../../model/load.js';
import type { ModelDocument } from '../../model/schema.js';
import { bindingCandidates } from './binding.js';
import { delegationCandidates } from './delegation.js';
import { applyEdits, editsConflict, type PatchOperation } from './edits.js';
import { factsOf, IdAllocator, type Facts } from './facts.js';
import { harvestCandidates } from './harvest.js';
import { migrationCandidates } from './migration.js';
import { checkDocument, compareTotals, effectBetween, lowersRisk, measure, type Measured } from './measure.js';
import { remainingOf, type Remaining } from './remaining.js';
import { revocationCandidates } from './revocation.js';
import { segmentationCandidates } from './segmentation.js';
import { stepUpCandidates } from './step-up.js';
import { ttlCandidates } from './ttl.js';
import {
  RECOMMENDATION_KINDS,
  type Candidate,
  type Edit,
  type Effect,
  type Recommendation,
  type RecommendationKind,
  type Totals,
  type Withheld,
} from './types.js';
import { unusedScopeCandidates } from './unused-scope.js';

export * from './types.js';
export type { Remaining, RemainingHijack, RemainingLeak } from './remaining.js';
export { applyEdits, type PatchOperation } from './edits.js';
export { suggestedTtl, readableCeiling } from './ttl.js';

export interface RecommendOptions {
  /** Only these kinds (default: all). */
  readonly kinds?: readonly RecommendationKind[];
}

/** The model as loaded, measured once: what every selection is compared with. */
export interface Baseline {
  readonly document: ModelDocument;
  /** The name normalisation falls back on when the document has none. */
  readonly name: string;
  readonly measured: Measured;
}

export interface Skipped {
  readonly id: string;
  readonly reason: string;
}

/** A selection of recommendations applied together and measured as one model. */
export interface Selection {
  /** Ids applied, in rank order. */
  readonly applied: readonly string[];
  /** Ids left out, and why (a conflict with one applied earlier, or a combination that would break a workflow). */
  readonly skipped: readonly Skipped[];
  readonly document: ModelDocument;
  /** The same change as RFC 6902 operations on the file. */
  readonly patch: readonly PatchOperation[];
  readonly effect: Effect;
  /** What risk the model keeps with these applied, and where it comes from. */
  readonly remaining: Remaining;
}

export interface RecommendResult {
  readonly model: string;
  readonly before: Totals;
  /** Ranked by risk removed, most first; conditional ones (`condition`) after the rest. */
  readonly recommendations: readonly Recommendation[];
  /** All of them that can be applied together, measured on the combined model. */
  readonly combined: Selection;
  /** Candidates not shown because the changed model would not load or a workflow would stop. */
  readonly withheld: readonly Withheld[];
  /** Candidates examined, shown or not (those that removed nothing are not shown). */
  readonly considered: number;
  readonly baseline: Baseline;
  /** What risk the model as loaded keeps, and where it comes from. */
  readonly remaining: Remaining;
}

type Detector = (facts: Facts, ids: IdAllocator) => Candidate[];
const DETECTORS: Readonly<Record<RecommendationKind, Detector>> = {
  ttl: ttlCandidates,
  'unused-scope': unusedScopeCandidates,
  binding: bindingCandidates,
  revocation: revocationCandidates,
  segmentation: segmentationCandidates,
  delegation: delegationCandidates,
  'step-up': stepUpCandidates,
  harvest: harvestCandidates,
  migration: migrationCandidates,
};

export function recommend(
  loaded: Pick<LoadedModel, 'document' | 'model' | 'relations'>,
  options: RecommendOptions = {},
): RecommendResult {
  return rankCandidates(baselineOf(loaded), candidatesOf(factsOf(loaded), options.kinds ?? RECOMMENDATION_KINDS));
}

/**
 * Measures every candidate on a copy of the model: one that would not load or
 * would stop a workflow is withheld, one that removes nothing is dropped, the
 * rest are ranked by risk removed and combined.
 */
export function rankCandidates(baseline: Baseline, candidates: readonly Candidate[]): RecommendResult {
  const shown: Recommendation[] = [];
  const withheld: Withheld[] = [];
  for (const candidate of candidates) {
    const outcome = measureEdits(baseline, candidate.edits);
    if (!outcome.ok) {
      withheld.push({ id: candidate.id, title: candidate.title, reason: summary(outcome.reasons) });
      continue;
    }
    if (!lowersRisk(outcome.effect)) continue;
    shown.push({ ...candidate, effect: outcome.effect, conflicts: [] });
  }
  shown.sort(
    (a, b) =>
      Number(a.condition !== undefined) - Number(b.condition !== undefined) ||
      compareTotals(a.effect.after, b.effect.after) ||
      RECOMMENDATION_KINDS.indexOf(a.kind) - RECOMMENDATION_KINDS.indexOf(b.kind) ||
      (a.id < b.id ? -1 : 1),
  );
  const conflicts = conflictsOf(shown);
  const recommendations = shown.map((r, i) => ({ ...r, conflicts: conflicts[i] }));
  return {
    model: baseline.measured.model.name,
    before: baseline.measured.totals,
    recommendations,
    combined: combine(baseline, recommendations),
    withheld,
    considered: candidates.length,
    baseline,
    remaining: remainingOf(baseline.measured),
  };
}

/** The model as loaded, measured: what `rankCandidates` and `whatIf` compare with. */
export function baselineOf(loaded: Pick<LoadedModel, 'document' | 'model' | 'relations'>): Baseline {
  return {
    document: loaded.document,
    name: loaded.model.name,
    measured: measure(loaded.model, loaded.relations, { remember: true }),
  };
}

/**
 * The document with the chosen recommendations applied, in the order given
 * by `recommendations` (rank order), leaving out any that conflicts with one
 * applied before it. Does not check or measure: see `whatIf`.
 */
export function applyRecommendations(
  document: ModelDocument,
  recommendations: readonly Recommendation[],
  ids: Iterable<string>,
): { document: ModelDocument; patch: readonly PatchOperation[]; applied: string[]; skipped: Skipped[] } {
  const wanted = new Set(ids);
  const chosen: Recommendation[] = [];
  const skipped: Skipped[] = [];
  for (const r of recommendations) {
    if (!wanted.has(r.id)) continue;
    const clash = clashWith(chosen, r);
    if (clash) skipped.push({ id: r.id, reason: `conflicts with ${clash.id}, applied first` });
    else chosen.push(r);
  }
  const applied = applyEdits(
    document,
    chosen.flatMap((r) => r.edits),
  );
  return { ...applied, applied: chosen.map((r) => r.id), skipped };
}

/** What the model's risk would be with exactly these recommendations applied (the TUI's toggles). */
export function whatIf(
  result: Pick<RecommendResult, 'baseline' | 'recommendations'>,
  ids: Iterable<string>,
): { ok: true; selection: Selection } | { ok: false; reasons: readonly string[] } {
  const { document, patch, applied, skipped } = applyRecommendations(
    result.baseline.document,
    result.recommendations,
    ids,
  );
  const checked = checkDocument(document, result.baseline.name);
  if (!checked.ok) return { ok: false, reasons: checked.reasons };
  const measured = measure(checked.model, checked.relations, { earlier: result.baseline.measured });
  const effect = effectBetween(result.baseline.measured, measured);
  return { ok: true, selection: { applied, skipped, document, patch, effect, remaining: remainingOf(measured) } };
}

/** Applies a candidate's edits to a copy and measures it against the baseline. */
export function measureEdits(
  baseline: Baseline,
  edits: readonly Edit[],
): { ok: true; effect: Effect; document: ModelDocument } | { ok: false; reasons: readonly string[] } {
  const { document } = applyEdits(baseline.document, edits);
  const checked = checkDocument(document, baseline.name, { schema: false });
  if (!checked.ok) return checked;
  const measured = measure(checked.model, checked.relations, { earlier: baseline.measured });
  return { ok: true, effect: effectBetween(baseline.measured, measured), document };
}

/**
 * All recommendations together, measured as one model. Those that conflict
 * with one ranked higher are left out. If the rest, applied at once, load with
 * every workflow running and do at least as well as the best one alone, that
 * is the combination; otherwise they are added one by one in rank order, each
 * kept only if the combination still loads, keeps the workflows running and
 * does not raise the risk of what is kept so far.
 */
function combine(baseline: Baseline, recommendations: readonly Recommendation[]): Selection {
  const kept: Recommendation[] = [];
  const skipped: Skipped[] = [];
  for (const r of recommendations) {
    const clash = clashWith(kept, r);
    if (clash) skipped.push({ id: r.id, reason: `conflicts with ${clash.id}, which removes more` });
    else kept.push(r);
  }
  const all = applyEdits(
    baseline.document,
    kept.flatMap((k) => k.edits),
  );
  const checked = checkDocument(all.document, baseline.name);
  if (checked.ok) {
    const measured = measure(checked.model, checked.relations, { earlier: baseline.measured });
    const best = recommendations.reduce(
      (low, r) => (compareTotals(r.effect.after, low) < 0 ? r.effect.after : low),
      baseline.measured.totals,
    );
    if (compareTotals(measured.totals, best) <= 0) {
      return {
        applied: kept.map((r) => r.id),
        skipped,
        document: all.document,
        patch: all.patch,
        effect: effectBetween(baseline.measured, measured),
        remaining: remainingOf(measured),
      };
    }
  }
  return combineOneByOne(baseline, recommendations);
}

function combineOneByOne(baseline: Baseline, recommendations: readonly Recommendation[]): Selection {
  const kept: Recommendation[] = [];
  const skipped: Skipped[] = [];
  let current = baseline.measured;
  let applied = applyEdits(baseline.document, []);
  for (const r of recommendations) {
    const clash = clashWith(kept, r);
    if (clash) {
      skipped.push({ id: r.id, reason: `conflicts with ${clash.id}, which removes more` });
      continue;
    }
    const trial = applyEdits(
      baseline.document,
      [...kept, r].flatMap((k) => k.edits),
    );
    const checked = checkDocument(trial.document, baseline.name, { schema: false });
    if (!checked.ok) {
      skipped.push({ id: r.id, reason: `together with the ones before it: ${summary(checked.reasons)}` });
      continue;
    }
    const measured = measure(checked.model, checked.relations, { earlier: baseline.measured });
    if (compareTotals(measured.totals, current.totals) > 0) {
      skipped.push({ id: r.id, reason: 'together with the ones before it, it would raise the total risk' });
      continue;
    }
    kept.push(r);
    current = measured;
    applied = trial;
  }
  return {
    applied: kept.map((r) => r.id),
    skipped,
    document: applied.document,
    patch: applied.patch,
    effect: effectBetween(baseline.measured, current),
    remaining: remainingOf(current),
  };
}

function candidatesOf(facts: Facts, kinds: readonly RecommendationKind[]): Candidate[] {
  const ids = new IdAllocator((facts.document.credentials ?? []).map((c) => c.id));
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const kind of RECOMMENDATION_KINDS) {
    if (!kinds.includes(kind)) continue;
    for (const c of DETECTORS[kind](facts, ids)) {
      let id = c.id;
      for (let n = 2; seen.has(id); n++) id = `${c.id}#${n}`;
      seen.add(id);
      out.push(id === c.id ? c : { ...c, id });
    }
  }
  return withMigrationAlternatives(out);
}

/** Kinds of change that depend on what the credential's kind can do: a migration to another kind replaces them. */
const KIND_BOUND: ReadonlySet<RecommendationKind> = new Set(['ttl', 'binding', 'revocation']);

/**
 * A migration and a change that depends on the old kind (a TTL, binding or
 * revocation it was judged able to take) are alternatives: only one of them
 * is ever applied.
 */
function withMigrationAlternatives(candidates: Candidate[]): Candidate[] {
  const bound = new Map<string, string[]>();
  for (const c of candidates)
    if (KIND_BOUND.has(c.kind)) bound.set(c.subjects[0], [...(bound.get(c.subjects[0]) ?? []), c.id]);
  return candidates.map((c) =>
    c.kind === 'migration' && bound.has(c.subjects[0])
      ? { ...c, alternatives: [...(c.alternatives ?? []), ...bound.get(c.subjects[0])!] }
      : c,
  );
}

/**
 * For each candidate, the ids of those it conflicts with, in list order. Two
 * candidates can conflict only when they are alternatives or their edits touch
 * the same element (or add the same credential), so only those pairs are
 * compared, each once (the relation is symmetric).
 */
function conflictsOf(list: readonly Candidate[]): string[][] {
  const position = new Map(list.map((c, i) => [c.id, i]));
  const byElement = new Map<string, number[]>();
  list.forEach((c, i) => {
    for (const key of touched(c)) {
      const bucket = byElement.get(key);
      if (bucket) bucket.push(i);
      else byElement.set(key, [i]);
    }
  });
  const partners = list.map(() => new Set<number>());
  const check = (i: number, j: number) => {
    if (i === j || partners[i].has(j) || !conflicting(list[i], list[j])) return;
    partners[i].add(j);
    partners[j].add(i);
  };
  for (const bucket of byElement.values())
    for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) check(bucket[x], bucket[y]);
  list.forEach((c, i) => {
    for (const id of c.alternatives ?? []) {
      const j = position.get(id);
      if (j !== undefined) check(i, j);
    }
  });
  return partners.map((set) => [...set].sort((a, b) => a - b).map((j) => list[j].id));
}

/** The elements a candidate's edits touch (`credentials/3`), and the credentials it adds (`+id`). */
function touched(c: Candidate): Set<string> {
  const keys = new Set<string>();
  for (const e of c.edits) {
    if (e.op === 'copy-credential') keys.add(`+${e.fields.id}`);
    else keys.add(e.path.length >= 2 ? `${String(e.path[0])}/${String(e.path[1])}` : String(e.path[0]));
  }
  return keys;
}

/** The first of `chosen` that `r` cannot be applied together with (its `conflicts`). */
function clashWith(chosen: readonly Recommendation[], r: Recommendation): Recommendation | undefined {
  return r.conflicts.length === 0 ? undefined : chosen.find((c) => r.conflicts.includes(c.id));
}

function conflicting(a: Candidate, b: Candidate): boolean {
  return (
    (a.alternatives ?? []).includes(b.id) || (b.alternatives ?? []).includes(a.id) || editsConflict(a.edits, b.edits)
  );
}

function summary(reasons: readonly string[]): string {
  return reasons.length > 1 ? `${reasons[0]} (and ${reasons.length - 1} more)` : (reasons[0] ?? 'it would not load');
}
