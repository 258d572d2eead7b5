/**
 * What a YAML file found in a folder holds. Folders of models also hold CI
 * workflows, Kubernetes manifests and other tools' configuration: those are
 * not leakradius's to judge. A file is a model when it says so (a schema
 * modeline naming the model schema), or when it looks like one: `version: 1`
 * at the top level, at least one of the model's sections, and more of the
 * model's top-level fields than other fields. Scenario and policy files
 * declare themselves with `kind:`.
 */
import { parseYaml } from '../yaml/parse.js';
import { ModelSchema } from './schema.js';

export type DocumentKind = 'model' | 'scenario' | 'policy' | 'other';

const MODEL_FIELDS: ReadonlySet<string> = new Set(Object.keys(ModelSchema.properties));
const SECTIONS: ReadonlySet<string> = new Set(['agents', 'tools', 'resources', 'credentials', 'workflows']);

/** `# yaml-language-server: $schema=<where>` in the file's leading comments. */
const MODELINE = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(\S+)/m;
const DECLARED_KIND = /^kind[ \t]*:[ \t]*["']?(scenario|policy)["']?[ \t]*(?:#.*)?$/m;
/** A key at the start of a line: a top-level key of a block mapping (quoted or plain). */
const TOP_LEVEL_KEY =
  /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\s#:?{}[\],&*!|>'"%@`-][^:\n]*?))[ \t]*:(?=[ \t]|$)/gm;
const VERSION_ONE = /^["']?1["']?$/;

export function recogniseDocument(text: string): DocumentKind {
  const modeline = leadingComments(text).match(MODELINE)?.[1];
  if (modeline !== undefined) {
    const named = schemaNamed(modeline);
    if (named !== undefined) return named;
  }
  const declared = DECLARED_KIND.exec(text)?.[1];
  if (declared === 'scenario' || declared === 'policy') return declared;
  const top = topLevel(text);
  return top !== undefined && looksLikeModel(top) ? 'model' : 'other';
}

/** Which leakradius schema a modeline names, if any. */
function schemaNamed(where: string): DocumentKind | undefined {
  const name = where.split(/[\\/]/).pop() ?? '';
  if (/^scenario[.-]/.test(name) && (/leakradius/i.test(where) || name === 'scenario.schema.json')) return 'scenario';
  if (/leakradius/i.test(where) || name === 'model.schema.json') return 'model';
  return undefined;
}

function looksLikeModel(top: { keys: readonly string[]; version: string | undefined }): boolean {
  if (top.version === undefined || !VERSION_ONE.test(top.version)) return false;
  const own = top.keys.filter((k) => MODEL_FIELDS.has(k));
  return own.some((k) => SECTIONS.has(k)) && own.length > top.keys.length - own.length;
}

/** The top-level keys and the text of `version:`; undefined when the document is not a mapping. */
function topLevel(text: string): { keys: string[]; version: string | undefined } | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(stripComments(body))) return flowTopLevel(body);
  const keys: string[] = [];
  let version: string | undefined;
  for (const m of body.matchAll(TOP_LEVEL_KEY)) {
    const key = m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3];
    keys.push(key);
    if (key === 'version') {
      const end = body.indexOf('\n', m.index + m[0].length);
      version = body
        .slice(m.index + m[0].length, end === -1 ? undefined : end)
        .replace(/[ \t]#.*$/, '')
        .trim();
    }
  }
  return keys.length > 0 ? { keys, version } : undefined;
}

/** A document written in flow style (`{ "version": 1, ... }`, JSON): parsed, since lines say nothing. */
function flowTopLevel(text: string): { keys: string[]; version: string | undefined } | undefined {
  const parsed = parseYaml('', text);
  if (!parsed.ok) return undefined;
  const value = parsed.document.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const version = (value as Record<string, unknown>).version;
  return { keys: Object.keys(value), version: version === undefined ? undefined : String(version) };
}

function leadingComments(text: string): string {
  const match = /^(?:\uFEFF)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text);
  return match ? match[0] : '';
}

function stripComments(text: string): string {
  return text.slice(leadingComments(text).length);
}
