/**
 * A model document written back as YAML, for what-if variants saved from the
 * TUI. Comments of the original do not survive; a header says where the file
 * comes from and what was changed.
 */
import { dump } from 'js-yaml';
import type { ModelDocument } from '../model/schema.js';
import { safeInline } from './terminal.js';

export function modelYaml(doc: ModelDocument, header: readonly string[] = []): string {
  const comments = header.map((line) => `# ${safeInline(line)}`.trimEnd());
  const body = dump(doc, { noRefs: true, lineWidth: 120 });
  return `${comments.length > 0 ? `${comments.join('\n')}\n` : ''}${body}`;
}
