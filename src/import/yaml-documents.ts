/**
 * A YAML configuration that may hold several documents (Kubernetes manifests),
 * parsed one document at a time with leakradius's own YAML parser (alias bombs,
 * duplicate keys, `__proto__` and binary input refused, every node located).
 */
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import { parseYaml } from '../yaml/parse.js';
import type { ParsedConfig } from './types.js';

export type YamlParse = { ok: true; documents: ParsedConfig[] } | { ok: false; diagnostics: Diagnostic[] };

/** A line `---` (optionally followed by a comment or content) starts a document; `...` ends one. */
const SEPARATOR = /^(---|\.\.\.)([ \t].*)?$/;

export function parseYamlConfig(file: string, text: string, scope: 'repository' | 'user'): YamlParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const documents: ParsedConfig[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const chunk of splitDocuments(source)) {
    if (!hasContent(chunk.text)) continue;
    const parsed = parseYaml(file, chunk.text);
    const shift = chunk.line - 1;
    if (!parsed.ok) {
      for (const d of parsed.diagnostics) diagnostics.push({ ...d, line: d.line + shift });
      continue;
    }
    const { value, sourceMap } = parsed.document;
    documents.push({
      file,
      scope,
      value,
      at(path: DocPath) {
        const { line, column } = sourceMap.locate(path);
        return { file, line: line + shift, column };
      },
    });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, documents };
}

interface Chunk {
  readonly text: string;
  /** The 1-based line of the file where the chunk starts. */
  readonly line: number;
}

function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const match = SEPARATOR.exec(lines[i].replace(/\r$/, ''));
    if (!match) continue;
    chunks.push({ text: lines.slice(start, i).join('\n'), line: start + 1 });
    // `--- content` keeps its content in the next document, on the separator's own line.
    if (match[1] === '---' && match[2] !== undefined && !/^[ \t]*(#.*)?$/.test(match[2])) {
      lines[i] = ' '.repeat(3) + match[2];
      start = i;
    } else start = i + 1;
  }
  chunks.push({ text: lines.slice(start).join('\n'), line: start + 1 });
  return chunks;
}

/** Whether a chunk holds anything but blank lines, comments and directives. */
function hasContent(text: string): boolean {
  return text.split('\n').some((l) => !/^\s*(#.*)?$/.test(l) && !/^%/.test(l));
}
