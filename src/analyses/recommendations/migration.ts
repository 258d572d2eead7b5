/**
 * Migration: where the fix is a different kind of credential (a classic PAT
 * that cannot be bound, issued per task or scoped to repositories), replace it
 * with what the catalogue lists as its replacements. The changed model takes
 * the replacement kind's published defaults, so the move is measured like any
 * other change. Only credentials some agent acts with are judged.
 */
import { credentialKind, type CredentialKindInfo, type KindDefaults } from '../../model/credential-kinds.js';
import { parseDuration, UNBOUNDED } from '../../model/duration.js';
import type { Credential, Model } from '../../model/types.js';
import { canBind, canIssuePerTask, canRevokeByApi, kindFacts, type KindFacts } from './capability.js';
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, list, setEdit } from './shared.js';
import type { Candidate, Edit, Json } from './types.js';

export function migrationCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    if (!facts.inUse.has(c.id)) continue;
    const from = kindFacts(c, facts.model);
    // A kind of the catalogue, or one the model declares with its replacements.
    const fromId = from.info?.id ?? from.declared?.id;
    if (fromId === undefined) continue;
    const fromTitle = from.info?.title ?? from.declared?.title ?? fromId;
    const options = (from.capabilities.replacements ?? []).filter(
      (r) => r.kind !== fromId && credentialKind(r.kind) !== undefined,
    );
    const ids = options.map((r) => `migration:${c.id}/${r.kind}`);
    options.forEach((r, i) => {
      const to = credentialKind(r.kind)!;
      const edits = migrationEdits(facts, c, from.info?.defaults ?? {}, to);
      if (edits.length === 0) return;
      out.push({
        id: ids[i],
        kind: 'migration',
        title: `Replace ${c.id} (${fromId}) with a ${to.id}`,
        why: `${c.id} is a ${fromTitle}: ${limits(from) || 'its provider offers a better kind for this use'}. A ${to.title} ${offers(to, facts.model)}. Measured with the ${to.id} defaults of the catalogue in place of ${c.id}'s settings; the grants stay as written.`,
        takes: r.takes,
        outsideModel: `Narrow the new credential to what the workflows use when you create it; if it is minted from a key or an app (derivedFrom), model that too.`,
        subjects: [c.id],
        edits,
        alternatives: ids.filter((id) => id !== ids[i]),
      });
    });
  }
  return out;
}

/** What the kind's provider cannot do, from the catalogue: `it cannot be bound to a workload, issued per task or revoked through an API`. */
function limits(kind: KindFacts): string {
  const cannot: string[] = [];
  if (canBind(kind, 'sender-constrained') === 'no' && canBind(kind, 'workload-bound') === 'no')
    cannot.push('bound to a workload');
  if (canIssuePerTask(kind) === 'no') cannot.push('issued per task');
  if (canRevokeByApi(kind) === 'no') cannot.push('revoked through an API');
  return cannot.length > 0 ? `it cannot be ${list(cannot).replace(/, ([^,]*)$/, ' or $1')}` : '';
}

/** `lives 1h, is issued per task and can be revoked through an API`. */
function offers(kind: CredentialKindInfo, model: Model): string {
  const d = kind.defaults;
  const facts = kindFacts({ kind: kind.id }, model);
  const parts: string[] = [];
  if (d.ttl !== undefined) parts.push(`lives ${d.ttl === 'never' ? 'until revoked' : d.ttl}`);
  if (canIssuePerTask(facts) === 'yes') parts.push('can be issued per task');
  if (canBind(facts, 'sender-constrained') === 'yes' || canBind(facts, 'workload-bound') === 'yes')
    parts.push('can be bound to its workload');
  if (canRevokeByApi(facts) === 'yes') parts.push('can be revoked through an API');
  return parts.length > 0 ? list(parts) : 'is what its provider recommends instead';
}

/**
 * The edits that make `c` a credential of kind `to` as the catalogue describes
 * it: the kind, and each setting the new kind publishes a default for (where
 * the model wrote a different value). A TTL the old kind supplied and the new
 * one has no default for is kept, within the new kind's limits, so the model
 * still loads.
 */
function migrationEdits(facts: Facts, c: Credential, from: KindDefaults, to: CredentialKindInfo): Edit[] {
  const doc = credentialDocument(facts, c.id);
  const path = credentialPath(facts, c.id);
  const d: KindDefaults = to.defaults;
  const edits: Edit[] = [setEdit([...path, 'kind'], doc.kind, to.id)];
  const replace = (field: 'maxLifetime' | 'issuance' | 'binding' | 'subject', value: string | undefined) => {
    if (value !== undefined && doc[field] !== undefined && doc[field] !== value)
      edits.push(setEdit([...path, field], doc[field], value));
  };
  const ttl = d.ttl ?? (doc.ttl === undefined ? from.ttl : undefined);
  const bounded = ttl === undefined ? undefined : withinLimits(ttl, to);
  if (bounded !== undefined && bounded !== doc.ttl) edits.push(setEdit([...path, 'ttl'], doc.ttl, bounded));
  else if (bounded === undefined && doc.ttl !== undefined) {
    const kept = withinLimits(String(doc.ttl), to);
    if (kept !== doc.ttl) edits.push(setEdit([...path, 'ttl'], doc.ttl, kept));
  }
  replace('maxLifetime', d.maxLifetime);
  replace('issuance', d.issuance);
  replace('binding', d.binding);
  replace('subject', d.subject);
  if (d.revocation !== undefined && doc.revocation !== undefined) {
    const written = doc.revocation as { mode?: string; propagation?: string };
    const next: Record<string, Json> = { ...written };
    if (d.revocation.mode !== undefined) next.mode = d.revocation.mode;
    if (d.revocation.propagation !== undefined) next.propagation = d.revocation.propagation;
    if (next.mode !== written.mode || next.propagation !== written.propagation)
      edits.push(setEdit([...path, 'revocation'], written as Json, next));
  }
  if (d.revokedWithParent !== undefined && doc.derivedFrom !== undefined && doc.revokedWithParent !== undefined) {
    if (doc.revokedWithParent !== d.revokedWithParent)
      edits.push(setEdit([...path, 'revokedWithParent'], doc.revokedWithParent, d.revokedWithParent));
  }
  return edits;
}

/** A TTL the kind accepts: the written one, or the nearest limit. */
function withinLimits(ttl: string, kind: CredentialKindInfo): string {
  const seconds = parseDuration(ttl) ?? UNBOUNDED;
  const min = kind.minTtl === undefined ? undefined : parseDuration(kind.minTtl);
  const max = kind.maxTtl === undefined ? undefined : parseDuration(kind.maxTtl);
  if (max !== undefined && seconds > max) return kind.maxTtl!;
  if (min !== undefined && seconds < min) return kind.minTtl!;
  return ttl;
}
