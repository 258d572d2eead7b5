/**
 * What `leakradius import` says: the comment header of the model it writes,
 * and its report of what was imported, skipped, merged and found wrong.
 * Every path and name from the inputs goes through safeInline.
 */
import type { ImportResult } from '../import/index.js';
import type { MergePlan } from '../import/merge.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { formatDiagnostic } from './diagnostics.js';
import { safeInline } from './terminal.js';

export interface UserLookup {
  readonly shown: string;
  readonly client: string;
  readonly found: boolean;
}

/** The comment block a freshly imported model starts with. */
export function importHeader(result: ImportResult): string {
  const lines = [
    `Imported by \`leakradius import\` from ${result.imported.length} configuration file(s):`,
    ...result.imported.map((f) => `  ${f.file} (${f.format})`),
    'Each element says where it came from (source: file and line). Values the files do not state are',
    'guesses, listed in source.assumed and shown with the assumed figures: check them, then remove them',
    'from the list. No secret value is copied. Re-import with --merge to keep your own changes.',
  ];
  return lines.map((l) => `# ${safeInline(l)}`.trimEnd()).join('\n');
}

export function importReportText(
  result: ImportResult,
  diagnostics: readonly Diagnostic[],
  user: readonly UserLookup[],
  merge?: MergePlan,
): string {
  const out: string[] = [];
  for (const u of user) out.push(`${u.found ? 'found' : 'absent'}  ${safeInline(u.shown)} (${u.client})`);
  for (const f of result.imported) {
    const a = f.added;
    out.push(
      `imported  ${safeInline(f.file)} as ${f.title}: ${a.agents} agent(s), ${a.tools} tool(s), ${a.resources} resource(s), ${a.credentials} credential(s)`,
    );
  }
  for (const s of result.skipped) out.push(`skipped   ${safeInline(s.file)}: ${safeInline(s.reason)}`);
  for (const d of diagnostics) out.push(formatDiagnostic(d));
  const doc = result.document;
  const literal = (doc.credentials ?? []).filter((c) => c.source?.literal).length;
  out.push(
    `${result.imported.length} file(s) imported, ${result.skipped.length} skipped, ${diagnostics.length} error(s): ` +
      `${doc.agents?.length ?? 0} agents, ${doc.tools?.length ?? 0} tools, ${doc.resources?.length ?? 0} resources, ` +
      `${doc.credentials?.length ?? 0} credentials (${literal} written literally in a file)`,
  );
  if (merge) {
    out.push(
      `merged: ${merge.added.length} added, ${merge.updated.length} updated, ${merge.keptByHand.length} kept as written by hand, ${merge.gone.length} no longer in their files`,
    );
    for (const g of merge.gone)
      out.push(
        `  ${safeInline(g.element)}: no longer in ${safeInline(g.file)} (was line ${g.line}); left in the model, remove it if it is gone`,
      );
    for (const k of merge.keptByHand) out.push(`  ${safeInline(k)}: written by hand, not replaced by the import`);
  }
  return `${out.join('\n')}\n`;
}

export function importReportJson(
  result: ImportResult,
  diagnostics: readonly Diagnostic[],
  user: readonly UserLookup[],
  merge?: MergePlan,
): object {
  return {
    imported: result.imported.map((f) => ({ file: f.file, format: f.format, added: f.added })),
    skipped: result.skipped,
    errors: diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, message: d.message })),
    user: user.map((u) => ({ file: u.shown, client: u.client, found: u.found })),
    merge: merge && { added: merge.added, updated: merge.updated, gone: merge.gone, keptByHand: merge.keptByHand },
  };
}
