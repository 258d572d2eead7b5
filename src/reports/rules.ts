/** The rule catalogue, as `leakradius rules` prints it. */
import { ASI, NHI, asiLabel, nhiLabel } from '../analyses/rules/owasp.js';
import type { Rule } from '../analyses/rules/types.js';
import { colourSeverity } from './check/text.js';
import type { Style } from './terminal.js';

export function rulesText(rules: readonly Rule[], style: Style): string {
  const lines: string[] = [];
  for (const r of rules) {
    lines.push(
      `${style.bold(r.id)}  ${colourSeverity(r.severity, style)}${' '.repeat(9 - r.severity.length)}${r.title}`,
    );
    const owasp = [...r.owasp.nhi.map(nhiLabel), ...r.owasp.asi.map(asiLabel)].join(' · ') || 'OWASP: none';
    lines.push(`       ${style.dim(owasp)}`);
  }
  lines.push('', `${rules.length} rules. Details, with a bad and a good example each: docs/rules.md`);
  return `${lines.join('\n')}\n`;
}

export function rulesJson(rules: readonly Rule[]): object {
  return {
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      title: r.title,
      severity: r.severity,
      rationale: r.rationale,
      fix: r.fix,
      owasp: {
        nhi: r.owasp.nhi.map((id) => ({ id, name: NHI[id] })),
        asi: r.owasp.asi.map((id) => ({ id, name: ASI[id] })),
      },
    })),
  };
}
