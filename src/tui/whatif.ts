/**
 * What-if changes to credentials, as edits of the document the user wrote:
 * the changed document is re-derived into a model through the same steps the
 * loader takes (references, defaults, permitted steps), so every number the
 * what-if view shows comes from the ordinary engine on an ordinary model.
 */
import { formatDuration, parseDuration, type Seconds } from '../model/duration.js';
import type { Relations } from '../model/relations.js';
import type { CredentialDocument, ModelDocument } from '../model/schema.js';
import type { Assumption, Binding, Credential, Issuance, Model, RevocationMode } from '../model/types.js';
import { applyEdits } from '../analyses/recommendations/edits.js';
import { checkDocument } from '../analyses/recommendations/measure.js';
import { setEdit } from '../analyses/recommendations/shared.js';
import type { Edit } from '../analyses/recommendations/types.js';
import {
  canBind,
  canIssue,
  canRevokeByApi,
  kindFacts,
  providerOf,
  type Ability,
} from '../analyses/recommendations/capability.js';
import type { AnalysisContext } from '../analyses/context.js';
import { withCredentialSettings } from '../graph/reach-index.js';
import { resolveCredentials } from '../model/normalize.js';

export interface CredentialChange {
  readonly ttl?: string;
  readonly binding?: Binding;
  readonly issuance?: Issuance;
  readonly revocation?: RevocationMode;
}

/** The four settings the what-if view changes. */
export interface CredentialSettings {
  readonly ttl: Seconds;
  readonly binding: Binding;
  readonly revocation: RevocationMode;
  readonly issuance: Issuance;
}

export function settingsOf(c: Credential, change: CredentialChange = {}): CredentialSettings {
  return {
    ttl: change.ttl !== undefined ? (parseDuration(change.ttl) ?? c.ttl) : c.ttl,
    binding: change.binding ?? c.binding,
    revocation: change.revocation ?? c.revocation.mode,
    issuance: change.issuance ?? c.issuance,
  };
}

/** Changes by credential id. */
export type Changes = ReadonlyMap<string, CredentialChange>;

export const BINDINGS: readonly Binding[] = ['bearer', 'sender-constrained', 'workload-bound'];
export const REVOCATION_MODES: readonly RevocationMode[] = ['manual', 'automated', 'on-task-end', 'none'];
export const ISSUANCES: readonly Issuance[] = ['static', 'per-session', 'per-task'];
/** The TTLs `t` and `T` step through: the lifetimes architects actually choose between. */
export const TTL_STEPS: readonly string[] = ['5m', '15m', '1h', '4h', '8h', '1d', '7d', '30d', '90d', '366d', 'never'];

/** The next TTL on the ladder, shorter (-1) or longer (+1) than `current`, that `allowed` accepts; undefined at the end. */
export function steppedTtl(
  current: Seconds,
  direction: -1 | 1,
  allowed: (ttl: string) => boolean = () => true,
): string | undefined {
  const steps = TTL_STEPS.filter(allowed).map((text) => ({ text, seconds: parseDuration(text)! }));
  if (direction < 0) return [...steps].reverse().find((s) => s.seconds < current)?.text;
  return steps.find((s) => s.seconds > current)?.text;
}

/** The value after `current` in `values`, wrapping round. */
export function cycled<T>(values: readonly T[], current: T): T {
  return values[(values.indexOf(current) + 1) % values.length];
}

export type KindSetting = 'binding' | 'issuance' | 'revocation';

/** Whether the credential's kind can have this value: `no` needs a different kind, `unknown` depends on its provider. */
export function kindAllows(c: Pick<Credential, 'kind'>, model: Model, field: KindSetting, value: string): Ability {
  const kind = kindFacts(c, model);
  if (field === 'binding') return value === 'bearer' ? 'yes' : canBind(kind, value as Binding);
  if (field === 'issuance') return canIssue(kind, value as Issuance);
  return value === 'automated' || value === 'on-task-end' ? canRevokeByApi(kind) : 'yes';
}

/**
 * The next value of a setting the kind can have, and a word on the values
 * passed over (they need a different kind) or chosen on trust (no published
 * figure says the provider can).
 */
export function nextAllowed<T extends string>(
  c: Pick<Credential, 'kind' | 'id'>,
  model: Model,
  field: KindSetting,
  values: readonly T[],
  current: T,
): { value: T | undefined; note?: string } {
  const skipped: T[] = [];
  let value = current;
  for (let n = 0; n < values.length - 1; n++) {
    value = cycled(values, value);
    const ability = kindAllows(c, model, field, value);
    if (ability === 'no') {
      skipped.push(value);
      continue;
    }
    const kindName = c.kind ?? 'its kind';
    const passed =
      skipped.length > 0 ? `${field} ${skipped.join(', ')}: needs a different kind than ${kindName}. ` : '';
    const trust =
      ability === 'unknown' ? `${field} ${value}: only if ${providerOf(kindFacts(c, model), c.id)} supports it.` : '';
    return { value, note: passed || trust ? `${passed}${trust}`.trim() : undefined };
  }
  return {
    value: undefined,
    note: `${c.kind ?? 'this kind'} offers ${field} ${current} only: anything else needs a different kind (recommend proposes the replacement)`,
  };
}

/** The TTL steps the kind accepts: within its published minimum and maximum. */
export function ttlWithinKind(c: Pick<Credential, 'kind'>, model: Model, ttl: string): boolean {
  const info = kindFacts(c, model).info;
  const seconds = parseDuration(ttl);
  if (!info || seconds === undefined) return true;
  const min = info.minTtl === undefined ? undefined : parseDuration(info.minTtl);
  const max = info.maxTtl === undefined ? undefined : parseDuration(info.maxTtl);
  return (min === undefined || seconds >= min) && (max === undefined || seconds <= max);
}

/** Adds one field change for a credential; a change back to the value as written drops out. */
export function withChange(
  changes: Changes,
  credential: Credential | undefined,
  field: keyof CredentialChange,
  value: string,
): Changes {
  if (!credential) return changes;
  const next = new Map(changes);
  const merged: Record<string, string> = { ...(changes.get(credential.id) ?? {}), [field]: value };
  if (valueAsWritten(credential, field) === value) delete merged[field];
  if (Object.keys(merged).length === 0) next.delete(credential.id);
  else next.set(credential.id, merged as CredentialChange);
  return next;
}

function valueAsWritten(c: Credential, field: keyof CredentialChange): string {
  switch (field) {
    case 'ttl':
      return formatDuration(c.ttl);
    case 'binding':
      return c.binding;
    case 'issuance':
      return c.issuance;
    case 'revocation':
      return c.revocation.mode;
  }
}

/**
 * The changes as edits of the document as written, in the vocabulary of the
 * recommendations (paths into the original document), so that both apply
 * together and save as a patch of the file's own text.
 */
export function changeEdits(doc: ModelDocument, changes: Changes): Edit[] {
  const edits: Edit[] = [];
  (doc.credentials ?? []).forEach((c: CredentialDocument, i) => {
    const change = changes.get(c.id);
    if (!change) return;
    const path = ['credentials', i];
    if (change.ttl !== undefined) edits.push(setEdit([...path, 'ttl'], c.ttl, change.ttl));
    if (change.binding !== undefined) edits.push(setEdit([...path, 'binding'], c.binding, change.binding));
    if (change.issuance !== undefined) edits.push(setEdit([...path, 'issuance'], c.issuance, change.issuance));
    if (change.revocation !== undefined) {
      edits.push(
        c.revocation !== undefined
          ? setEdit([...path, 'revocation', 'mode'], c.revocation.mode, change.revocation)
          : setEdit([...path, 'revocation'], undefined, { mode: change.revocation }),
      );
    }
  });
  return edits;
}

/** The document with the changes written into each credential. */
export function applyChanges(doc: ModelDocument, changes: Changes): ModelDocument {
  return changes.size === 0 ? doc : applyEdits(doc, changeEdits(doc, changes)).document;
}

export type DerivedModel =
  { ok: true; model: Model; relations: Relations } | { ok: false; problems: readonly string[] };

/**
 * A document back to a model, checked the way a recommendation's changed
 * document is (references, defaults, every workflow step still permitted);
 * the what-if edits keep it schema-valid by construction.
 */
export function deriveModel(doc: ModelDocument, fallbackName: string): DerivedModel {
  const checked = checkDocument(doc, fallbackName, { schema: false });
  return checked.ok ? checked : { ok: false, problems: checked.reasons };
}

/**
 * The analysis context of a variant whose changes are credential settings
 * alone (TTL, binding, issuance, revocation mode): such a change alters no
 * reference, relation or reach, so the changed credentials are resolved again
 * as the loader resolves them and the reach index shares everything but their
 * settings. Undefined when the loader would refuse one of them: the whole
 * derivation then says why.
 */
export function settingsVariant(
  base: AnalysisContext,
  document: ModelDocument,
  changed: Iterable<string>,
): AnalysisContext | undefined {
  const positions = [...changed]
    .map((id) => base.index.credentialIndex.get(id))
    .filter((i): i is number => i !== undefined);
  const { credentials, assumptions, problems } = resolveCredentials(document, positions);
  if (problems.length > 0) return undefined;
  const all = [...base.model.credentials];
  positions.forEach((i, k) => (all[i] = credentials[k]));
  const byId = new Overlay(base.relations.credential, new Map(credentials.map((c) => [c.id, c])));
  const model: Model = {
    ...base.model,
    credentials: all,
    assumptions: withCredentialAssumptions(base, positions, assumptions),
  };
  const relations: Relations = { ...base.relations, credential: byId };
  return { model, relations, index: withCredentialSettings(base.index, model, relations, positions) };
}

/** A map with a few values replaced, read through to the original (copying 50,000 entries takes a long turn). */
class Overlay<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly replaced: ReadonlyMap<K, V>,
  ) {}

  get size(): number {
    return this.base.size;
  }

  get(key: K): V | undefined {
    return this.replaced.get(key) ?? this.base.get(key);
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this) callback(value, key, this);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.replaced.get(key) ?? value];
  }

  keys(): MapIterator<K> {
    return this.base.keys();
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/**
 * The model's assumptions with those of the credentials at `positions`
 * replaced, where the loader lists them: credentials' assumptions come last,
 * each credential's together, in model order.
 */
function withCredentialAssumptions(
  base: AnalysisContext,
  positions: readonly number[],
  replaced: readonly (readonly Assumption[])[],
): Assumption[] {
  const changed = new Map(positions.map((p, k) => [`credential:${base.model.credentials[p].id}`, k]));
  const out: Assumption[] = [];
  const at = new Map<number, number>();
  for (const a of base.model.assumptions) {
    const k = changed.get(a.element);
    if (k === undefined) out.push(a);
    else if (!at.has(k)) at.set(k, out.length);
  }
  const positionOf = (a: Assumption) =>
    a.element.startsWith('credential:') ? (base.index.credentialIndex.get(a.element.slice(11)) ?? -1) : -1;
  // A credential that had none goes before the first credential after it: a binary search, the list is in that order.
  const before = (p: number) => {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positionOf(out[mid]) > p) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const inserts = positions.map((p, k) => ({ p, index: at.get(k) ?? before(p), block: replaced[k] }));
  // From the last place back, so that earlier places stay where they are; at one place, in model order.
  inserts.sort((a, b) => b.index - a.index || b.p - a.p);
  for (const { index, block } of inserts) out.splice(index, 0, ...block);
  return out;
}

/** `ttl of gh-pat: 90d → 1h`, one line per changed field, in model order. */
export function describeChanges(model: Model, changes: Changes): string[] {
  const out: string[] = [];
  for (const c of model.credentials) {
    const change = changes.get(c.id);
    if (!change) continue;
    for (const field of ['ttl', 'binding', 'revocation', 'issuance'] as const) {
      const value = change[field];
      if (value !== undefined)
        out.push(
          `${field === 'revocation' ? 'revocation mode' : field} of ${c.id}: ${valueAsWritten(c, field)} → ${value}`,
        );
    }
  }
  return out;
}
