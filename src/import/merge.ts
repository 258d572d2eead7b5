/**
 * Re-import into a model that people have worked on: the elements that came
 * from the imported files are updated, new ones added, and those whose source
 * disappeared reported, never deleted. Everything written by hand stays: hand
 * elements, fields the import does not write (owner, environments...), ids
 * added to lists, grants on targets the import does not know, and any value
 * the import only guessed (a person who changed a guessed sensitivity has
 * checked it). The result is a list of RFC 6902 operations on the existing
 * file, which the shell applies to its text so comments and layout survive.
 */
import { pointer, sameJson, type PatchOperation } from '../analyses/recommendations/edits.js';
import type { Json } from '../analyses/recommendations/types.js';
import type { GrantDocument, ImportedFromDocument, ModelDocument } from '../model/schema.js';

type Collection = 'agents' | 'tools' | 'resources' | 'credentials';
const COLLECTIONS: readonly Collection[] = ['agents', 'tools', 'resources', 'credentials'];
type Element = Record<string, unknown> & { id: string; source?: ImportedFromDocument };

/** Lists of ids where a person may add their own: merged, never replaced. */
const ID_LISTS = new Set(['tools', 'credentials', 'holds']);

export interface MergePlan {
  readonly operations: readonly PatchOperation[];
  readonly document: ModelDocument;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** Imported earlier from one of these files, and no longer there: left in place. */
  readonly gone: readonly { element: string; file: string; line: number }[];
  /** Same id as an element written by hand: the hand element is kept as it is. */
  readonly keptByHand: readonly string[];
}

export function planMerge(existing: ModelDocument, imported: ModelDocument, files: ReadonlySet<string>): MergePlan {
  const operations: PatchOperation[] = [];
  const document = structuredClone(existing) as Record<string, unknown>;
  const added: string[] = [];
  const updated: string[] = [];
  const gone: MergePlan['gone'][number][] = [];
  const keptByHand: string[] = [];
  const importedIds = new Set(COLLECTIONS.flatMap((c) => ((imported[c] ?? []) as Element[]).map((e) => e.id)));

  for (const collection of COLLECTIONS) {
    const before = (existing[collection] ?? []) as Element[];
    const after = (imported[collection] ?? []) as Element[];
    const index = new Map(before.map((e, i) => [e.id, i]));
    const fresh = new Set(after.map((e) => e.id));
    const singular = collection.slice(0, -1);
    for (const element of after) {
      const at = index.get(element.id);
      if (at === undefined) {
        appendElement(document, operations, collection, element);
        added.push(`${singular}:${element.id}`);
        continue;
      }
      const current = before[at];
      if (current.source === undefined) {
        keptByHand.push(`${singular}:${element.id}`);
        continue;
      }
      const changes = fieldChanges(current, element, importedIds);
      if (changes.length === 0) continue;
      for (const change of changes) {
        const path = pointer([collection, at, ...change.path]);
        operations.push({ op: change.op, path, value: change.value as Json });
        setAt(
          document,
          [collection, at, ...change.path],
          change.value,
          change.op === 'add' && change.path.at(-1) === '-',
        );
      }
      updated.push(`${singular}:${element.id}`);
    }
    for (const element of before) {
      if (element.source !== undefined && files.has(element.source.file) && !fresh.has(element.id))
        gone.push({ element: `${singular}:${element.id}`, file: element.source.file, line: element.source.line });
    }
  }
  return { operations, document: document as ModelDocument, added, updated, gone, keptByHand };
}

interface Change {
  readonly op: 'add' | 'replace';
  /** Inside the element. */
  readonly path: (string | number)[];
  readonly value: unknown;
}

/** What the import changes in an element it wrote before, keeping what a person changed or added. */
function fieldChanges(current: Element, fresh: Element, importedIds: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  const guessed = new Set(fresh.source?.assumed ?? []);
  const checked = new Set<string>();
  for (const [field, value] of Object.entries(fresh)) {
    if (field === 'id' || field === 'source') continue;
    const had = current[field];
    if (had === undefined) {
      changes.push({ op: 'add', path: [field], value });
      continue;
    }
    if (sameJson(had, value)) continue;
    if (guessed.has(field)) {
      checked.add(field); // a person replaced the guess: theirs stays, and it is no longer a guess
      continue;
    }
    if (ID_LISTS.has(field) && Array.isArray(had) && Array.isArray(value)) {
      for (const id of value) if (!had.includes(id)) changes.push({ op: 'add', path: [field, '-'], value: id });
      continue;
    }
    if (field === 'grants' && Array.isArray(had) && Array.isArray(value)) {
      const merged = mergeGrants(had as GrantDocument[], value as GrantDocument[], importedIds);
      if (!sameJson(had, merged)) changes.push({ op: 'replace', path: [field], value: merged });
      continue;
    }
    changes.push({ op: 'replace', path: [field], value });
  }
  const source: ImportedFromDocument = { ...fresh.source! };
  const assumed = (source.assumed ?? []).filter((f) => !checked.has(f));
  if (assumed.length > 0) source.assumed = assumed;
  else delete source.assumed;
  if (!sameJson(current.source, source)) changes.push({ op: 'replace', path: ['source'], value: source });
  return changes;
}

/** The import's grants, plus grants a person added on targets the import does not produce. */
function mergeGrants(
  had: readonly GrantDocument[],
  fresh: readonly GrantDocument[],
  importedIds: ReadonlySet<string>,
): GrantDocument[] {
  const kept = had.filter((g) => !importedIds.has(g.resource ?? g.agent ?? ''));
  return [...fresh, ...kept];
}

function appendElement(
  document: Record<string, unknown>,
  operations: PatchOperation[],
  collection: Collection,
  element: Element,
): void {
  const list = document[collection] as unknown[] | undefined;
  if (list === undefined) {
    operations.push({ op: 'add', path: pointer([collection]), value: [element] as unknown as Json });
    document[collection] = [element];
  } else {
    operations.push({ op: 'add', path: pointer([collection, '-']), value: element as unknown as Json });
    list.push(element);
  }
}

function setAt(
  root: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
  append: boolean,
): void {
  let node: unknown = root;
  const last = append ? path.length - 2 : path.length - 1;
  for (let i = 0; i < last; i++) node = (node as Record<string | number, unknown>)[path[i]];
  if (append) (node as Record<string | number, unknown[]>)[path[last]].push(value);
  else (node as Record<string | number, unknown>)[path[last]] = value;
}
