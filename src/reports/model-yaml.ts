/**
 * A changed model written back as YAML: as a patch of the file's own text
 * when that can be done soundly (comments and layout kept), else the document
 * written afresh; either way with a note of what changed after the file's
 * leading comment block.
 */
import { sameJson, type PatchOperation } from '../analyses/recommendations/edits.js';
import type { ModelDocument } from '../model/schema.js';
import { patchText } from '../yaml/edit-text.js';
import { dumpYaml } from '../yaml/emit.js';
import { parseYaml } from '../yaml/parse.js';
import { leadingCommentBlock } from './recommendations.js';
import { safeInline } from './terminal.js';

export function variantText(
  sourceText: string,
  document: ModelDocument,
  patch: readonly PatchOperation[],
  note: readonly string[],
): string {
  const comments = note.map((line) => `# ${safeInline(line)}`.trimEnd()).join('\n');
  const source = sourceText.replace(/^\uFEFF/, '');
  const patched = patchText(source, patch);
  if (patched !== undefined) {
    const head = leadingCommentBlock(patched);
    const text =
      head.length > 0
        ? `${head}\n#\n${comments}\n${patched.slice(head.length).replace(/^\r?\n/, '')}`
        : `${comments}\n${patched}`;
    const parsed = parseYaml('variant.yaml', text);
    if (parsed.ok && sameJson(parsed.document.value, document)) return text;
  }
  return modelYaml(document, note, leadingCommentBlock(source));
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
