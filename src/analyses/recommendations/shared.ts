/** Small helpers the detectors share: document paths, grant narrowing, wording. */
import type { DocPath } from '../../yaml/diagnostic.js';
import { UNBOUNDED, formatDuration, type Seconds } from '../../model/duration.js';
import type { CredentialDocument } from '../../model/schema.js';
import { grantKey } from './edits.js';
import type { Facts } from './facts.js';
import type { Edit, Json } from './types.js';

export function credentialPath(facts: Facts, id: string): DocPath {
  return ['credentials', facts.position.credential.get(id)!];
}

export function credentialDocument(facts: Facts, id: string): CredentialDocument {
  return facts.document.credentials![facts.position.credential.get(id)!];
}

/** Every grant key a credential's document grants, in document order. */
export function grantedKeys(doc: CredentialDocument): string[] {
  const out: string[] = [];
  for (const g of doc.grants ?? []) {
    const kind = g.resource !== undefined ? 'resource' : 'agent';
    const id = g.resource ?? g.agent ?? '';
    for (const action of g.actions) out.push(grantKey(kind, id, action));
  }
  return out;
}

/**
 * The edits that take away every grant key `drop` selects: a grant left with
 * no action goes entirely, and a dropped action leaves the grant's `approval`
 * too (an approval may only name the grant's own actions).
 */
export function narrowGrants(facts: Facts, credential: string, drop: (key: string) => boolean): Edit[] {
  const edits: Edit[] = [];
  const base = credentialPath(facts, credential);
  (credentialDocument(facts, credential).grants ?? []).forEach((g, k) => {
    const kind = g.resource !== undefined ? 'resource' : 'agent';
    const id = g.resource ?? g.agent ?? '';
    const dropped = g.actions.filter((a) => drop(grantKey(kind, id, a)));
    if (dropped.length === 0) return;
    const path: DocPath = [...base, 'grants', k];
    if (dropped.length === g.actions.length) {
      edits.push({ op: 'remove', path, old: g as never });
      return;
    }
    g.actions.forEach((a, n) => {
      if (dropped.includes(a)) edits.push({ op: 'remove', path: [...path, 'actions', n], old: a });
    });
    (g.approval ?? []).forEach((a, n) => {
      if (dropped.includes(a)) edits.push({ op: 'remove', path: [...path, 'approval', n], old: a });
    });
  });
  return edits;
}

/** `read, write on app-repo; invoke on agent reviewer`: grant keys as words, grouped by target. */
export function describeKeys(keys: Iterable<string>): string {
  const byTarget = new Map<string, string[]>();
  for (const key of keys) {
    const hash = key.lastIndexOf('#');
    const target = key.slice(0, hash);
    byTarget.set(target, [...(byTarget.get(target) ?? []), key.slice(hash + 1)]);
  }
  return [...byTarget]
    .map(([target, actions]) => {
      const colon = target.indexOf(':');
      const kind = target.slice(0, colon);
      const id = target.slice(colon + 1);
      return `${actions.join(', ')} on ${kind === 'agent' ? `agent ${id}` : id}`;
    })
    .join('; ');
}

export function keyParts(key: string): { kind: 'resource' | 'agent'; id: string; action: string } {
  const hash = key.lastIndexOf('#');
  const target = key.slice(0, hash);
  const colon = target.indexOf(':');
  return {
    kind: target.slice(0, colon) as 'resource' | 'agent',
    id: target.slice(colon + 1),
    action: key.slice(hash + 1),
  };
}

export function duration(seconds: Seconds): string {
  return seconds === UNBOUNDED ? 'never' : formatDuration(seconds);
}

/** `a`, `a and b`, `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** A `set` edit; `old` is left out when the member was not written. */
export function setEdit(path: DocPath, old: Json | undefined, value: Json): Edit {
  return old === undefined ? { op: 'set', path, value } : { op: 'set', path, old, value };
}
