/**
 * A changed model written back as YAML, the one way every command does it
 * (`recommend --write`, `import --merge`, the TUI's what-if save): as a patch
 * of the file's own text when that can be done soundly (checked by parsing the
 * result and comparing it with the changed document), so comments and layout
 * are kept; else the document written afresh. Either way a note of what
 * changed follows the file's leading comment block, and the file keeps its
 * line endings.
 */
import { sameJson, type PatchOperation } from '../analyses/recommendations/edits.js';
import type { ModelDocument } from '../model/schema.js';
import { lineEnding, patchText, toLf, withLineEnding } from '../yaml/edit-text.js';
import { dumpYaml } from '../yaml/emit.js';
import { parseYaml } from '../yaml/parse.js';
import { safeInline } from './terminal.js';

export interface ChangedModel {
  readonly text: string;
  /** False when the document had to be written afresh (only the leading comment block kept). */
  readonly commentsKept: boolean;
}

/** `sourceText` with `patch` applied, which gives `document`, and `note` as comments. */
export function changedModelText(
  sourceText: string,
  document: ModelDocument,
  patch: readonly PatchOperation[],
  note: readonly string[],
): ChangedModel {
  // Worked on with \n line breaks; written back with the file's own (\r\n, \r alone).
  const eol = lineEnding(sourceText);
  const source = toLf(sourceText).replace(/^\uFEFF/, '');
  const patched = patchText(source, patch);
  if (patched !== undefined) {
    const comments = note.map((line) => `# ${safeInline(line)}`.trimEnd()).join('\n');
    const head = leadingCommentBlock(patched);
    const text =
      head.length > 0
        ? `${head}\n#\n${comments}\n${patched.slice(head.length).replace(/^\n/, '')}`
        : `${comments}\n${patched}`;
    const parsed = parseYaml('changed.yaml', text);
    if (parsed.ok && sameJson(parsed.document.value, document))
      return { text: withLineEnding(text, eol), commentsKept: true };
  }
  return { text: withLineEnding(modelYaml(document, note, leadingCommentBlock(source)), eol), commentsKept: false };
}

/** The document written afresh (js-yaml keeps no comments), after the original's leading comment block. */
export function modelYaml(doc: ModelDocument, note: readonly string[] = [], leadingComments = ''): string {
  const comments = [
    ...note,
    ...(note.length > 0 ? ['Comments of the original below its leading block are not kept.'] : []),
  ].map((line) => `# ${safeInline(line)}`.trimEnd());
  const head = leadingComments.length > 0 ? `${leadingComments}\n#\n` : '';
  const body = dumpYaml(doc, { noRefs: true, lineWidth: 120 });
  return `${head}${comments.length > 0 ? `${comments.join('\n')}\n` : ''}${body}`;
}

/** The comment lines (and blank lines) a YAML file starts with, without a trailing newline. */
export function leadingCommentBlock(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let end = 0;
  while (end < lines.length && (lines[end].startsWith('#') || lines[end].trim() === '')) end++;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return lines.slice(0, end).join('\n');
}
