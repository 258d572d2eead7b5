/**
 * Builds one model document out of everything the importers read: elements
 * keyed by what they stand for (the same environment variable read by two
 * clients is one credential), ids made safe and unique, every element stamped
 * with the file and line it came from, and the origin of every element and of
 * the fields read from a particular line kept for locating findings.
 */
import { createHash } from 'node:crypto';
import { credentialKind } from '../model/credential-kinds.js';
import type {
  AgentDocument,
  CredentialDocument,
  GrantDocument,
  ImportedFromDocument,
  ModelDocument,
  ResourceDocument,
  ToolDocument,
} from '../model/schema.js';
import { formatDocPath, type DocPath } from '../yaml/diagnostic.js';
import { LIMITS, LIMIT_MESSAGES } from '../yaml/limits.js';
import type { Location } from './types.js';

/** Thrown when an import would make more elements than a model may hold: the element's place in its file. */
export class TooManyElements extends Error {
  constructor(readonly at: Location) {
    super(LIMIT_MESSAGES.tooManyImported());
  }
}

type Collection = 'agents' | 'tools' | 'resources' | 'credentials';
type Body<T> = Omit<T, 'id' | 'source'>;

interface Entry<T> {
  readonly id: string;
  readonly doc: Body<T>;
  readonly origin: Location;
  readonly literal: boolean;
  readonly assumed: Set<string>;
  /** Where individual fields were read, when not at the element's own line. */
  readonly fields: Map<string, Location>;
}

export interface ElementInput<T> {
  /** What the element stands for; the same key twice is the same element. */
  readonly key: string;
  /** The id it would like (made safe and unique). */
  readonly id: string;
  readonly at: Location;
  readonly doc: Body<T>;
  /** Fields the file does not state: shown as assumed figures. */
  readonly assumed?: readonly string[];
  readonly literal?: boolean;
}

/** Where each element and field of an imported model came from, by document path. */
export class Origins {
  constructor(private readonly byPath: ReadonlyMap<string, Location>) {}

  /** The origin of the node at `path`, or of its nearest ancestor that has one. */
  locate(path: DocPath): Location | undefined {
    for (let n = path.length; n > 0; n--) {
      const found = this.byPath.get(formatDocPath(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }

  get size(): number {
    return this.byPath.size;
  }
}

export class ModelBuilder {
  private readonly collections: Record<Collection, Map<string, Entry<object>>> = {
    agents: new Map(),
    tools: new Map(),
    resources: new Map(),
    credentials: new Map(),
  };
  private readonly ids: Record<Collection, Map<string, Entry<object>>> = {
    agents: new Map(),
    tools: new Map(),
    resources: new Map(),
    credentials: new Map(),
  };
  /** Digests of literal secrets seen in this import, to the credential that holds them: never the values. */
  private readonly literals = new Map<string, string>();
  /** Elements made so far, of every collection. */
  private elements = 0;

  agent(input: ElementInput<AgentDocument>): string {
    return this.add('agents', input);
  }
  tool(input: ElementInput<ToolDocument>): string {
    return this.add('tools', input);
  }
  resource(input: ElementInput<ResourceDocument>): string {
    return this.add('resources', input);
  }
  credential(input: ElementInput<CredentialDocument>): string {
    const kind = input.doc.kind === undefined ? undefined : credentialKind(input.doc.kind);
    // A kind without a published lifetime (an API key): the model needs one, and the file does not say.
    if (input.doc.ttl === undefined && kind?.defaults.ttl === undefined) {
      return this.add('credentials', {
        ...input,
        doc: { ...input.doc, ttl: 'never' },
        assumed: [...(input.assumed ?? []), 'ttl'],
      });
    }
    return this.add('credentials', input);
  }

  has(collection: Collection, key: string): boolean {
    return this.collections[collection].has(key);
  }

  idOf(collection: Collection, key: string): string | undefined {
    return this.collections[collection].get(key)?.id;
  }

  /**
   * The credential already holding this literal secret in this import, if any,
   * else records `credentialKey` as its holder. Only a digest is kept, and only
   * for the length of the import.
   */
  sharedLiteral(value: string, credentialId: string): string | undefined {
    const digest = createHash('sha256').update(value).digest('base64');
    const seen = this.literals.get(digest);
    if (seen === undefined) this.literals.set(digest, credentialId);
    return seen;
  }

  /** The agent holds the credential. */
  hold(agentId: string, credentialId: string): void {
    const agent = this.byId<AgentDocument>('agents', agentId);
    agent.doc.credentials = addUnique(agent.doc.credentials, credentialId);
  }

  /** The agent calls the tool. */
  use(agentId: string, toolId: string): void {
    const agent = this.byId<AgentDocument>('agents', agentId);
    agent.doc.tools = addUnique(agent.doc.tools, toolId);
  }

  /** The resource stores the credential (whoever reads it obtains it). */
  store(resourceId: string, credentialId: string): void {
    const resource = this.byId<ResourceDocument>('resources', resourceId);
    resource.doc.holds = addUnique(resource.doc.holds, credentialId);
  }

  /** Adds actions to the credential's grant on a resource or agent (one grant per target). */
  grant(credentialId: string, grant: GrantDocument, options: { at?: Location; assumed?: boolean } = {}): void {
    const credential = this.byId<CredentialDocument>('credentials', credentialId);
    const grants = (credential.doc.grants ??= []);
    const same = grants.find((g) => g.resource === grant.resource && g.agent === grant.agent);
    if (same) same.actions = [...new Set([...same.actions, ...grant.actions])].sort();
    else grants.push({ ...grant, actions: [...new Set(grant.actions)].sort() });
    if (options.assumed) credential.assumed.add('grants');
    if (options.at && !credential.fields.has('grants')) credential.fields.set('grants', options.at);
  }

  /** Records where a field of an element was read, when that is not the element's own line. */
  fieldAt(collection: Collection, id: string, field: string, at: Location): void {
    this.byId(collection, id).fields.set(field, at);
  }

  /** Marks a field of an existing element as guessed, or as read after all. */
  assume(collection: Collection, id: string, field: string, assumed = true): void {
    const entry = this.byId(collection, id);
    if (assumed) entry.assumed.add(field);
    else entry.assumed.delete(field);
  }

  /** The document of an element, to refine what an importer wrote. */
  docOf<T>(collection: Collection, id: string): Body<T> {
    return this.byId<T>(collection, id).doc;
  }

  count(collection: Collection): number {
    return this.collections[collection].size;
  }

  finish(name: string): { document: ModelDocument; origins: Origins } {
    const document: ModelDocument = { version: 1, name };
    const byPath = new Map<string, Location>();
    for (const collection of ['agents', 'tools', 'resources', 'credentials'] as const) {
      const entries = [...this.collections[collection].values()];
      if (entries.length === 0) continue;
      (document as Record<string, unknown>)[collection] = entries.map((entry, i) => {
        byPath.set(formatDocPath([collection, i]), entry.origin);
        for (const [field, at] of entry.fields) byPath.set(formatDocPath([collection, i, ...field.split('.')]), at);
        const source: ImportedFromDocument = { file: entry.origin.file, line: entry.origin.line };
        if (entry.literal) source.literal = true;
        if (entry.assumed.size > 0) source.assumed = [...entry.assumed].sort();
        return { id: entry.id, ...entry.doc, source };
      });
    }
    return { document, origins: new Origins(byPath) };
  }

  private add<T extends object>(collection: Collection, input: ElementInput<T>): string {
    const existing = this.collections[collection].get(input.key);
    if (existing) return existing.id;
    if (++this.elements > LIMITS.importedElements) throw new TooManyElements(input.at);
    const id = this.uniqueId(collection, input.id);
    const entry: Entry<object> = {
      id,
      doc: { ...input.doc },
      origin: input.at,
      literal: input.literal ?? false,
      assumed: new Set(input.assumed ?? []),
      fields: new Map(),
    };
    this.collections[collection].set(input.key, entry);
    this.ids[collection].set(id, entry);
    return id;
  }

  private byId<T>(collection: Collection, id: string): Entry<T> & { doc: Body<T> } {
    const entry = this.ids[collection].get(id);
    if (!entry) throw new Error(`no ${collection} element ${id}`);
    return entry as unknown as Entry<T> & { doc: Body<T> };
  }

  private uniqueId(collection: Collection, wanted: string): string {
    const base = safeId(wanted);
    if (!this.ids[collection].has(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base.slice(0, 120)}-${n}`;
      if (!this.ids[collection].has(candidate)) return candidate;
    }
  }
}

/** Any text as a model id: characters outside the id alphabet become `-`, at most 128 long. */
export function safeId(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9._:/@+-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 128)
    .replace(/[-.]+$/, '');
  return cleaned === '' ? 'imported' : cleaned;
}

/** The members of each list `addUnique` grows: an agent may hold thousands of tools and credentials. */
const members = new WeakMap<string[], Set<string>>();

function addUnique(list: string[] | undefined, item: string): string[] {
  const target = list ?? [];
  let seen = members.get(target);
  if (seen === undefined) members.set(target, (seen = new Set(target)));
  if (!seen.has(item)) {
    seen.add(item);
    target.push(item);
  }
  return target;
}
