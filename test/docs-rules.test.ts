/** docs/rules.md documents every rule of the catalogue, and its examples do what they say. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/analyses/rules/index.js';
import { owaspLine } from '../src/analyses/rules/owasp.js';
import { findingsOf } from './helpers/check.js';

const doc = readFileSync('docs/rules.md', 'utf8');

/** The text of a rule's section: from its heading to the next one. */
function section(id: string): string {
  const start = doc.indexOf(`\n## ${id} `);
  if (start < 0) return '';
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

/** The first YAML block after a **Bad** or **Good** label. */
function example(text: string, label: 'Bad' | 'Good'): string {
  const at = text.indexOf(`**${label}**`);
  const match = at < 0 ? null : /```yaml\n([\s\S]*?)```/.exec(text.slice(at));
  if (!match) throw new Error(`no ${label} example`);
  return match[1];
}

describe('docs/rules.md', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const text = section(rule.id);

      it('has a section with the title, severity, OWASP mapping, rationale and fix', () => {
        expect(text, `no "## ${rule.id} " section`).not.toBe('');
        expect(text.split('\n')[1]).toBe(`## ${rule.id} ${rule.title}`);
        expect(text).toContain(`Severity: **${rule.severity}**`);
        const flat = text.replace(/\s+/g, ' ');
        expect(flat).toContain(`- OWASP: ${owaspLine(rule.owasp)} - Finding: \`${rule.id}@`);
        expect(flat).toContain(rule.rationale);
        expect(flat).toContain(rule.fix);
        expect(doc).toContain(`| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${rule.title} |`);
      });

      it('its bad example triggers the rule and its good example does not', () => {
        expect(findingsOf(rule.id, example(text, 'Bad')).length).toBeGreaterThan(0);
        expect(findingsOf(rule.id, example(text, 'Good'))).toEqual([]);
      });
    });
  }
});
