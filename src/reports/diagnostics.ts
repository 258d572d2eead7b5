import type { Diagnostic } from '../yaml/diagnostic.js';
import { safeInline } from './terminal.js';

/** `models/x.yaml:14:7: credential "gh-pat": unknown resource "app-rep" (did you mean "app-repo"?)` */
export function formatDiagnostic(d: Diagnostic): string {
  // Line 0: the problem concerns the path itself (missing file, empty folder), not a place in it.
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return safeInline(`${where}: ${d.message}`);
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): object[] {
  return diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    path: d.path ?? null,
    message: d.message,
  }));
}
