/**
 * Applying edits to a model document, and the same work as RFC 6902 JSON Patch
 * operations on the file. Edits name paths in the ORIGINAL document; applying
 * any selection of them goes in phases so those paths stay right: member sets,
 * then appends (at the ends of arrays), then credential copies, then removals
 * from the highest index down, then the copies' `holds` entries. The patch
 * lists the operations in exactly that order, so applying it to the file, one
 * operation after the other, gives the same document.
 *
 * Never mutates its input.
 */
import type { DocPath } from '../../yaml/diagnostic.js';
import type { ModelDocument } from '../../model/schema.js';
import type { Edit, Json } from './types.js';

/** One RFC 6902 operation; `test` checks the value about to change. */
export interface PatchOperation {
  readonly op: 'test' | 'add' | 'replace' | 'remove';
  readonly path: string;
  readonly value?: Json;
}

export interface Applied {
  readonly document: ModelDocument;
  readonly patch: readonly PatchOperation[];
}

/** `resource:app-repo#read`, `agent:reviewer#invoke`: one action of one grant target ('#' never occurs in ids). */
export function grantKey(kind: 'resource' | 'agent', id: string, action: string): string {
  return `${kind}:${id}#${action}`;
}

type Mutable = Record<string, unknown>;

export function applyEdits(document: ModelDocument, edits: readonly Edit[]): Applied {
  const draft = new Draft(document);
  const work = draft.root;
  const patch: PatchOperation[] = [];
  const sets = new Set<string>();
  for (const edit of edits) {
    if (edit.op !== 'set' || sets.has(key(edit.path))) continue; // the first set of a path wins
    sets.add(key(edit.path));
    const { parent, last } = draft.container(edit.path);
    const current = parent[last as string] as Json | undefined;
    if (current === undefined) patch.push({ op: 'add', path: pointer(edit.path), value: edit.value });
    else
      patch.push(
        { op: 'test', path: pointer(edit.path), value: current },
        { op: 'replace', path: pointer(edit.path), value: edit.value },
      );
    parent[last as string] = structuredClone(edit.value);
  }

  for (const edit of edits) {
    if (edit.op !== 'append') continue;
    const { parent, last } = draft.container(edit.path);
    const list = parent[last as string] as Json[] | undefined;
    if (list === undefined) {
      parent[last as string] = [structuredClone(edit.value)];
      patch.push({ op: 'add', path: pointer(edit.path), value: [edit.value] });
    } else if (!list.some((v) => sameJson(v, edit.value))) {
      (draft.writable(edit.path) as Json[]).push(structuredClone(edit.value));
      patch.push({ op: 'add', path: `${pointer(edit.path)}/-`, value: edit.value });
    }
  }

  const copies: { id: string; of: string }[] = [];
  for (const edit of edits) {
    if (edit.op !== 'copy-credential' || ((work.credentials ?? []) as Mutable[]).some((c) => c.id === edit.fields.id))
      continue;
    const source = at(work, edit.from) as Mutable;
    const copy = copyOf(source, edit);
    work.credentials ??= [];
    (draft.writable(['credentials']) as Mutable[]).push(copy);
    if (edit.stored) copies.push({ id: edit.fields.id, of: source.id as string });
    patch.push({ op: 'add', path: '/credentials/-', value: copy as Json });
  }

  for (const path of removalPaths(work, edits)) {
    const { parent, last } = draft.container(path);
    patch.push(
      { op: 'test', path: pointer(path), value: (parent as unknown as Json[])[last as number] },
      { op: 'remove', path: pointer(path) },
    );
    (parent as unknown as unknown[]).splice(last as number, 1);
  }

  // A copy is stored wherever its original still is.
  const resources = (work.resources ?? []) as Mutable[];
  for (const { id, of } of copies) {
    resources.forEach((r, i) => {
      const holds = r.holds as string[] | undefined;
      if (!holds || !holds.includes(of) || holds.includes(id)) return;
      (draft.writable(['resources', i, 'holds']) as string[]).push(id);
      patch.push({ op: 'add', path: `/resources/${i}/holds/-`, value: id });
    });
  }
  return { document: work as unknown as ModelDocument, patch };
}

/**
 * The document being edited, copied on write: each object or array on the
 * path to a change is copied the first time it is written, so the input is
 * never touched and a node that YAML aliases share is changed in one place
 * only. Everything no edit reaches stays shared with the input, which makes
 * measuring a candidate on a large model cheap.
 */
class Draft {
  readonly root: Mutable;
  private readonly owned = new Set<object>();

  constructor(document: ModelDocument) {
    this.root = { ...(document as unknown as Mutable) };
    this.owned.add(this.root);
  }

  /** The node at `path`, and every container above it, as copies this draft owns. */
  writable(path: DocPath): unknown {
    let node: Mutable = this.root;
    for (const part of path) {
      const child = node[part as string];
      if (child === null || typeof child !== 'object')
        throw new Error(`edit path ${pointer(path)} does not exist in the document`);
      let own = child as Mutable;
      if (!this.owned.has(own)) {
        own = (Array.isArray(child) ? [...child] : { ...child }) as Mutable;
        this.owned.add(own);
        node[part as string] = own;
      }
      node = own;
    }
    return node;
  }

  /** The owned object or array holding the last part of `path`; a missing container is a fault in a detector. */
  container(path: DocPath): { parent: Mutable; last: string | number } {
    return { parent: this.writable(path.slice(0, -1)) as Mutable, last: path[path.length - 1] };
  }
}

/**
 * The removals to make, highest index first. Removing every action of a grant
 * removes the grant; removing an action also removes it from the grant's
 * `approval` (an approval may only name the grant's own actions); a removal
 * inside an element that is itself removed is dropped.
 */
function removalPaths(work: Mutable, edits: readonly Edit[]): DocPath[] {
  const paths = new Map<string, DocPath>();
  for (const edit of edits) if (edit.op === 'remove') paths.set(key(edit.path), edit.path);

  const byGrant = new Map<string, { grant: DocPath; actions: Set<number> }>();
  for (const path of paths.values()) {
    const n = path.length;
    if (n >= 4 && path[n - 2] === 'actions' && path[n - 4] === 'grants') {
      const grant = path.slice(0, n - 2);
      const entry = byGrant.get(key(grant)) ?? { grant, actions: new Set<number>() };
      entry.actions.add(path[n - 1] as number);
      byGrant.set(key(grant), entry);
    }
  }
  for (const { grant, actions } of byGrant.values()) {
    const g = at(work, grant) as { actions: string[]; approval?: string[] } | undefined;
    if (!g) continue;
    if (actions.size >= g.actions.length) {
      for (const i of actions) paths.delete(key([...grant, 'actions', i]));
      paths.set(key(grant), grant);
      continue;
    }
    const removed = new Set([...actions].map((i) => g.actions[i]));
    (g.approval ?? []).forEach((a, i) => {
      if (removed.has(a)) paths.set(key([...grant, 'approval', i]), [...grant, 'approval', i]);
    });
  }
  const kept = [...paths.values()].filter((p) => {
    for (let n = 1; n < p.length; n++) if (paths.has(key(p.slice(0, n)))) return false;
    return true;
  });
  return kept.sort((a, b) => -comparePaths(a, b));
}

/** The order a credential's fields are written in (the schema's), so a copy reads like the rest of the file. */
const CREDENTIAL_FIELDS = [
  'id',
  'name',
  'description',
  'kind',
  'owner',
  'subject',
  'ttl',
  'maxLifetime',
  'issuance',
  'binding',
  'revocation',
  'environments',
  'exposure',
  'derivedFrom',
  'revokedWithParent',
  'grants',
];

function copyOf(source: Mutable, edit: Extract<Edit, { op: 'copy-credential' }>): Mutable {
  const merged: Mutable = structuredClone(source);
  for (const field of edit.omit ?? []) delete merged[field];
  for (const [field, value] of Object.entries(edit.fields)) merged[field] = structuredClone(value);
  const rank = (k: string) => (CREDENTIAL_FIELDS.includes(k) ? CREDENTIAL_FIELDS.indexOf(k) : CREDENTIAL_FIELDS.length);
  const copy: Mutable = {};
  for (const k of Object.keys(merged).sort((a, b) => rank(a) - rank(b))) copy[k] = merged[k];
  if (edit.keep === undefined || edit.fields.grants !== undefined) return copy;
  const keep = new Set(edit.keep);
  const grants: Mutable[] = [];
  for (const g of (source.grants ?? []) as {
    resource?: string;
    agent?: string;
    actions: string[];
    approval?: string[];
  }[]) {
    const kind = g.resource !== undefined ? 'resource' : 'agent';
    const id = g.resource ?? g.agent ?? '';
    const actions = g.actions.filter((a) => keep.has(grantKey(kind, id, a)));
    if (actions.length === 0) continue;
    const grant: Mutable = { ...structuredClone(g), actions };
    const approval = (g.approval ?? []).filter((a) => actions.includes(a));
    if (approval.length > 0) grant.approval = approval;
    else delete grant.approval;
    grants.push(grant);
  }
  if (grants.length > 0) copy.grants = grants;
  else delete copy.grants;
  return copy;
}

/** Whether two edit lists cannot be applied together: a path set to two values, a set inside a removal, one new id twice. */
export function editsConflict(a: readonly Edit[], b: readonly Edit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.op === 'set' && y.op === 'set' && samePath(x.path, y.path) && !sameJson(x.value, y.value)) return true;
      if (x.op === 'set' && y.op === 'remove' && isPrefix(y.path, x.path)) return true;
      if (x.op === 'remove' && y.op === 'set' && isPrefix(x.path, y.path)) return true;
      if (x.op === 'copy-credential' && y.op === 'copy-credential' && x.fields.id === y.fields.id) return true;
    }
  }
  return false;
}

/** RFC 6901 JSON Pointer of a document path. */
export function pointer(path: DocPath): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Mutable)[k], (b as Mutable)[k]));
}

/** Compared part by part: every pair of recommendations is checked for conflicts, so no string is built. */
function samePath(a: DocPath, b: DocPath): boolean {
  return a.length === b.length && isPrefix(a, b);
}

function isPrefix(prefix: DocPath, path: DocPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}

function comparePaths(a: DocPath, b: DocPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function key(path: DocPath): string {
  return JSON.stringify(path);
}

function at(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Mutable)[part as string];
  }
  return node;
}
