/**
 * Every limit leakradius puts on an input file, and the words that say which
 * one a file crossed. Inputs come from pull requests: each limit keeps a
 * hostile file from taking unbounded time or memory, and each message names
 * the limit that was hit, never a guess. Any loader refuses with these.
 *
 * The byte and node limits agree: the largest generated organisation the
 * benchmark runs (10,000 agents, 24 MB, about 3.0 million nodes) is accepted,
 * and a file near either limit checks in about the time that one takes.
 */

export const LIMITS = {
  /** Bytes of one model, scenario or policy file. */
  sourceBytes: 32 * 1024 * 1024,
  /** YAML nodes (scalars, mappings, sequences) of one document, aliases expanded. */
  nodes: 4_000_000,
  /** Collections nested deeper than this are refused (a model needs about 6). */
  depth: 64,
  /** Characters of a free-text field (names, descriptions, reasons). */
  text: 4096,
  /** Characters of a short free-text field (an owner). */
  shortText: 256,
  /** Characters of an acceptance's finding pattern: a rule, an element kind and an id. */
  findingPattern: 256,
  /** Characters of a name or id field that has no pattern of its own. */
  id: 128,
  /** Acceptances with `*` in one file: each is matched against every finding. */
  wildcardAcceptances: 200,
  /** Characters of a value quoted in a message before it is cut. */
  quoted: 80,
  /**
   * Agents, tools, resources and credentials one import may make: each is
   * about 30 nodes of the model it writes, which must stay within `nodes`.
   */
  importedElements: 50_000,
  /** JSON values (keys included) of one configuration file, counted before it is parsed: ten times a large real one's. */
  configValues: 500_000,
  /** Ids listed in a message before the rest are only counted. */
  listed: 12,
} as const;

/** The messages of the limits and of what is not text, byte for byte (tested as such). */
export const LIMIT_MESSAGES = {
  tooLarge: (size: number, max: number = LIMITS.sourceBytes) =>
    `file is ${formatBytes(size)}, above the ${formatBytes(max)} limit for an input file`,
  notRegular: (what: string) =>
    `is ${what}, not a regular file; leakradius reads models, scenarios and policies only from regular files`,
  tooManyNodes: (max: number = LIMITS.nodes) =>
    `this document holds more than ${max.toLocaleString('en-US')} YAML nodes, the limit for one file; split it into several models`,
  aliasBomb: (max: number = LIMITS.nodes) =>
    `aliases expand this document past ${max.toLocaleString('en-US')} nodes; refusing it (a YAML alias bomb?)`,
  tooManyImported: (max: number = LIMITS.importedElements) =>
    `the configurations make more than ${max.toLocaleString('en-US')} agents, tools, resources and credentials, the limit for one import; import fewer files at a time`,
  tooManyValues: (max: number = LIMITS.configValues) =>
    `this configuration holds more than ${max.toLocaleString('en-US')} JSON values, the limit for one file`,
  nul: (offset: number) => `binary content (NUL byte at offset ${offset}); a model must be a UTF-8 YAML text file`,
  utf16: (order: 'little-endian' | 'big-endian', bom: boolean) =>
    `UTF-16 text (${order}${bom ? ', with a byte order mark' : ''}); leakradius reads UTF-8: convert it, e.g. \`iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml\``,
  utf32: () =>
    'UTF-32 text (a byte order mark); leakradius reads UTF-8: convert it, e.g. `iconv -f UTF-32 -t UTF-8 in.yaml > out.yaml`',
  invalidUtf8: (offset: number) => `invalid UTF-8 at byte offset ${offset}; a model must be a UTF-8 YAML text file`,
} as const;

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n} bytes`;
}
