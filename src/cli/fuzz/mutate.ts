/**
 * Hostile variants of leakradius's own inputs: the bundled models, scenarios
 * and a policy, changed the way a malicious pull request would change them.
 * Structural mutations edit the parsed document (a field deleted, retyped or
 * given a hostile string; ids made to clash or dangle; delegation rings;
 * acceptance patterns full of stars) and write it back as YAML; textual ones
 * edit the bytes (a line dropped or doubled, anchors and aliases, tabs, other
 * line endings, a byte order mark, UTF-16, a NUL, a cut). Mutant `i` of seed
 * `s` is always the same bytes.
 */
import { dump, load } from 'js-yaml';
import { Random } from '../../model/random.js';

export type InputKind = 'model' | 'scenario' | 'policy';

export interface Seed {
  readonly kind: InputKind;
  readonly name: string;
  readonly text: string;
}

export interface Mutant {
  readonly kind: InputKind;
  /** The seed it came from. */
  readonly from: string;
  readonly bytes: Buffer;
  /** What was done to it, for the record of a failure. */
  readonly steps: readonly string[];
}

/** Strings a pull request would put in a name, an id, a reason or a path. */
export const HOSTILE_STRINGS: readonly string[] = [
  '::error title=Injected::All checks passed',
  '::add-mask::secret',
  'x ##[add-mask]secret',
  '##[stop-commands]tok',
  '\u001b]0;pwned\u0007\u001b[2J',
  '\u001b[31mred\u001b[0m',
  'a\u202eevil\u202c',
  'line\u2028break',
  'c1\u0085\u009bcontrol',
  'lone \ud800 surrogate',
  'noncharacter \ufffe\uffff',
  'https://evil.example/phish',
  'www.evil.example',
  '@everyone #1',
  '<script>alert(1)</script>',
  ']]><!--',
  '&amp; &#0; &lt;',
  '"quoted" \'single\' `tick`',
  '| pipe | table |',
  '\\backslash\\',
  'tab\there',
  'new\nline',
  '\r\ncarriage',
  '',
  ' ',
  '*',
  'LR*@*:*',
  '../../../etc/passwd',
  '../../secret.yaml',
  '../secret.txt',
  '/dev/zero',
  '/dev/stdin',
  '__proto__',
  'constructor',
  'ünïcödé 名前 😀',
  'x'.repeat(5000),
  '*'.repeat(300),
  'a'.repeat(129),
];

const HOSTILE_SCALARS: readonly unknown[] = [
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  true,
  null,
  [],
  {},
  ['a', 'a'],
  { lognormal: { median: '1d', p90: '1h' } },
  '0',
  'never',
  '999999999w',
  '1h30m',
  '0s',
  '2030-02-30',
  '9999-12-31',
];

/** One mutant, the same for the same seed and index. */
export function mutant(seeds: readonly Seed[], seed: number, index: number): Mutant {
  const dice = new Random(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const base = dice.pick(seeds);
  const steps: string[] = [];
  let text = base.text;
  if (dice.chance(0.75)) text = structural(base, text, dice, steps);
  const textual = dice.chance(0.25) ? 1 + dice.below(3) : 0;
  for (let k = 0; k < textual; k++) text = textEdit(text, dice, steps);
  return { kind: base.kind, from: base.name, bytes: encode(text, dice, steps), steps };
}

// ---------------------------------------------------------------------------
// Structural mutations on the parsed document

type Json = unknown;
type Path = (string | number)[];

function structural(base: Seed, text: string, dice: Random, steps: string[]): string {
  let doc: Json;
  try {
    doc = load(text);
  } catch {
    return text;
  }
  const count = 1 + dice.below(4);
  for (let k = 0; k < count; k++) doc = mutateDocument(doc, base.kind, dice, steps);
  try {
    return dump(doc, { lineWidth: dice.chance(0.5) ? -1 : 80, noRefs: true, flowLevel: dice.chance(0.3) ? 2 : -1 });
  } catch {
    return text;
  }
}

function mutateDocument(doc: Json, kind: InputKind, dice: Random, steps: string[]): Json {
  const roll = dice.below(10);
  if (kind === 'model' && roll === 0) return delegationRing(doc, dice, steps);
  if ((kind === 'model' || kind === 'policy') && roll === 1) return starAcceptances(doc, dice, steps);
  if (kind === 'model' && roll === 2) return clashingIds(doc, dice, steps);
  const paths = allPaths(doc);
  if (paths.length === 0) return doc;
  const path = dice.pick(paths);
  const action = dice.below(6);
  switch (action) {
    case 0:
      steps.push(`delete ${show(path)}`);
      return remove(doc, path);
    case 1: {
      const value = dice.pick(HOSTILE_STRINGS);
      steps.push(`set ${show(path)} to a hostile string`);
      return set(doc, path, value);
    }
    case 2: {
      const value = dice.pick(HOSTILE_SCALARS);
      steps.push(`set ${show(path)} to ${JSON.stringify(value)}`);
      return set(doc, path, structuredClone(value));
    }
    case 3: {
      const parent = get(doc, path.slice(0, -1));
      if (Array.isArray(parent) && parent.length > 0) {
        steps.push(`repeat an item of ${show(path.slice(0, -1))}`);
        parent.push(structuredClone(parent[dice.below(parent.length)]));
        return doc;
      }
      steps.push(`add an unknown field beside ${show(path)}`);
      if (parent !== null && typeof parent === 'object')
        (parent as Record<string, unknown>)[dice.pick(HOSTILE_STRINGS).slice(0, 40) || 'x'] = 1;
      return doc;
    }
    case 4: {
      steps.push(`nest ${show(path)} deeply`);
      let value: Json = get(doc, path);
      for (let d = dice.below(80); d > 0; d--) value = dice.chance(0.5) ? [value] : { x: value };
      return set(doc, path, value);
    }
    default: {
      // An id swapped for another id of the document: references dangle or clash.
      const ids = allPaths(doc).filter((p) => p[p.length - 1] === 'id');
      if (ids.length === 0) return doc;
      const other = get(doc, dice.pick(ids));
      steps.push(`set ${show(path)} to another element's id`);
      return set(doc, path, other);
    }
  }
}

/** Agents that pass their credentials around a ring, or to each other all at once. */
function delegationRing(doc: Json, dice: Random, steps: string[]): Json {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const m = doc as Record<string, Json>;
  const n = 3 + dice.below(60);
  const clique = dice.chance(0.3);
  steps.push(`${clique ? 'a clique' : 'a ring'} of ${n} agents delegating by passthrough`);
  const agents = Array.isArray(m.agents) ? m.agents : (m.agents = []);
  const credentials = Array.isArray(m.credentials) ? m.credentials : (m.credentials = []);
  for (let i = 0; i < n; i++) {
    const to = clique ? [...Array(n).keys()].filter((j) => j !== i) : [(i + 1) % n];
    agents.push({
      id: `ring-${i}`,
      credentials: [`ring-key-${i}`],
      delegates: to.map((j) => ({ to: `ring-${j}`, mode: 'passthrough' })),
    });
    credentials.push({ id: `ring-key-${i}`, ttl: '1h', exposure: ['logs'], grants: [] });
  }
  return doc;
}

/** Acceptances whose finding patterns are mostly stars. */
function starAcceptances(doc: Json, dice: Random, steps: string[]): Json {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const m = doc as Record<string, Json>;
  const accept = Array.isArray(m.accept) ? m.accept : (m.accept = []);
  const n = 1 + dice.below(dice.chance(0.1) ? 300 : 5);
  steps.push(`${n} acceptances of star patterns`);
  for (let i = 0; i < n; i++) {
    const stars = '*'.repeat(1 + dice.below(40));
    accept.push({ finding: `LR*@${stars}:Q${i}`, reason: 'r', owner: 'o', expires: '2030-01-01' });
  }
  return doc;
}

/** Two elements of a list given the same id. */
function clashingIds(doc: Json, dice: Random, steps: string[]): Json {
  const lists = allPaths(doc).filter((p) => p.length === 1 && Array.isArray(get(doc, p)));
  if (lists.length === 0) return doc;
  const list = get(doc, dice.pick(lists)) as Json[];
  if (list.length < 2) return doc;
  const a = list[dice.below(list.length)] as Record<string, Json>;
  const b = list[dice.below(list.length)] as Record<string, Json>;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    steps.push('two elements share an id');
    b.id = a.id;
  }
  return doc;
}

function allPaths(doc: Json): Path[] {
  const out: Path[] = [];
  const stack: { value: Json; path: Path }[] = [{ value: doc, path: [] }];
  while (stack.length > 0 && out.length < 5000) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) value.forEach((v, i) => push(v, [...path, i]));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, Json>)) push(v, [...path, k]);
  }
  return out;
  function push(value: Json, path: Path) {
    out.push(path);
    stack.push({ value, path });
  }
}

function get(doc: Json, path: Path): Json {
  let node = doc;
  for (const part of path) node = (node as Record<string | number, Json>)?.[part];
  return node;
}

function set(doc: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const parent = get(doc, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object')
    (parent as Record<string | number, Json>)[path[path.length - 1]] = value;
  return doc;
}

function remove(doc: Json, path: Path): Json {
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent !== null && typeof parent === 'object') delete (parent as Record<string, Json>)[last];
  return doc;
}

function show(path: Path): string {
  return path.length === 0 ? '(the document)' : path.join('.');
}

// ---------------------------------------------------------------------------
// Textual mutations

const SNIPPETS: readonly string[] = [
  '&a',
  '*a',
  '*nope',
  '<<: *a',
  '!!binary',
  '!custom',
  '? complex',
  '---',
  '...',
  '%YAML 1.2',
  '{',
  '[',
  '"unterminated',
  '\t',
  '#',
  '- ',
  ': ',
  '__proto__: 1',
  'version: 1',
  'kind: policy',
  'kind: scenario',
];

function textEdit(text: string, dice: Random, steps: string[]): string {
  const lines = text.split('\n');
  const at = dice.below(Math.max(1, lines.length));
  switch (dice.below(9)) {
    case 0:
      steps.push(`drop line ${at + 1}`);
      lines.splice(at, 1);
      return lines.join('\n');
    case 1:
      steps.push(`double line ${at + 1}`);
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    case 2: {
      const snippet = dice.pick(SNIPPETS);
      steps.push(`insert ${JSON.stringify(snippet)} in line ${at + 1}`);
      const line = lines[at] ?? '';
      const col = dice.below(line.length + 1);
      lines[at] = line.slice(0, col) + snippet + line.slice(col);
      return lines.join('\n');
    }
    case 3: {
      const pos = dice.below(text.length + 1);
      steps.push(`cut at ${pos}`);
      return text.slice(0, pos);
    }
    case 4:
      steps.push('indent a line with a tab');
      lines[at] = `\t${lines[at] ?? ''}`;
      return lines.join('\n');
    case 5: {
      const pos = dice.below(text.length + 1);
      const c = String.fromCharCode(dice.below(0x100));
      steps.push(`insert code point ${c.charCodeAt(0)} at ${pos}`);
      return text.slice(0, pos) + c + text.slice(pos);
    }
    case 6: {
      // A block repeated: larger files, duplicate keys.
      const from = dice.below(lines.length);
      const to = Math.min(lines.length, from + 1 + dice.below(30));
      const times = 1 + dice.below(dice.chance(0.05) ? 2000 : 3);
      steps.push(`repeat lines ${from + 1}-${to} ${times} times`);
      const block = lines.slice(from, to);
      const repeated = Array.from({ length: times }, () => block).flat();
      lines.splice(to, 0, ...repeated);
      return lines.join('\n');
    }
    case 7: {
      const anchors =
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n';
      steps.push('add anchors and aliases');
      return `${anchors}${text}`;
    }
    default: {
      const key = dice.pick(lines.filter((l) => /^[a-z]+:/.test(l)).map((l) => l.split(':')[0])) ?? 'version';
      steps.push(`duplicate the key ${key}`);
      return `${text}\n${key}: 1\n`;
    }
  }
}

/** The text as bytes: UTF-8 mostly; sometimes CR or CRLF line breaks, a byte order mark, UTF-16, a NUL. */
function encode(text: string, dice: Random, steps: string[]): Buffer {
  const roll = dice.below(40);
  if (roll === 0) {
    steps.push('CRLF line breaks');
    return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
  }
  if (roll === 1) {
    steps.push('CR line breaks');
    return Buffer.from(text.replace(/\n/g, '\r'), 'utf8');
  }
  if (roll === 2) {
    steps.push('a UTF-8 byte order mark');
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  }
  if (roll === 3) {
    steps.push('UTF-16 with a byte order mark');
    return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
  if (roll === 4) {
    steps.push('a NUL byte');
    const b = Buffer.from(text, 'utf8');
    return Buffer.concat([b.subarray(0, b.length >> 1), Buffer.from([0]), b.subarray(b.length >> 1)]);
  }
  if (roll === 5) {
    steps.push('an invalid UTF-8 byte');
    const b = Buffer.from(text, 'utf8');
    return Buffer.concat([b.subarray(0, b.length >> 1), Buffer.from([0xc3, 0x28]), b.subarray(b.length >> 1)]);
  }
  return Buffer.from(text, 'utf8');
}
