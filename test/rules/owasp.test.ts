/**
 * Every rule's OWASP mapping names entries of the one table of official ids and
 * names (src/analyses/rules/owasp.ts), and every place that prints the names
 * prints the table's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyses/rules/index.js';
import { ASI, ASI_TOP10, NHI, NHI_TOP10, asiLabel, nhiLabel } from '../../src/analyses/rules/owasp.js';
import { rulesJson, rulesText } from '../../src/reports/rules.js';
import { createStyle } from '../../src/reports/terminal.js';

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('OWASP mappings', () => {
  for (const rule of RULES) {
    it(`${rule.id} maps only to entries of the official lists, each once`, () => {
      for (const id of rule.owasp.nhi) expect(Object.keys(NHI), `${rule.id}: ${id}`).toContain(id);
      for (const id of rule.owasp.asi) expect(Object.keys(ASI), `${rule.id}: ${id}`).toContain(id);
      expect(new Set(rule.owasp.nhi).size).toBe(rule.owasp.nhi.length);
      expect(new Set(rule.owasp.asi).size).toBe(rule.owasp.asi.length);
    });
  }

  it('docs/rules.md lists every entry of both lists with its official name, and links the sources', () => {
    const doc = flat(readFileSync('docs/rules.md', 'utf8'));
    for (const id of Object.keys(NHI) as (keyof typeof NHI)[]) expect(doc).toContain(nhiLabel(id));
    for (const id of Object.keys(ASI) as (keyof typeof ASI)[]) expect(doc).toContain(asiLabel(id));
    expect(doc).toContain(`[${NHI_TOP10.title}](${NHI_TOP10.url})`);
    expect(doc).toContain(`[${ASI_TOP10.title}](${ASI_TOP10.url})`);
  });

  it('`leakradius rules` prints, in text and JSON, the names of the table', () => {
    const text = rulesText(RULES, createStyle(false));
    const json = rulesJson(RULES) as { rules: { id: string; owasp: { nhi: { id: string; name: string }[] } }[] };
    for (const rule of RULES) {
      for (const id of rule.owasp.nhi) expect(text).toContain(nhiLabel(id));
      for (const id of rule.owasp.asi) expect(text).toContain(asiLabel(id));
      const entry = json.rules.find((r) => r.id === rule.id)!;
      expect(entry.owasp.nhi).toEqual(rule.owasp.nhi.map((id) => ({ id, name: NHI[id] })));
    }
  });

  it('keeps the reverse and the precondition out: LR014 is not NHI10, LR005 is not ASI01', () => {
    const byId = new Map(RULES.map((r) => [r.id, r]));
    expect(byId.get('LR014')!.owasp.nhi).not.toContain('NHI10');
    expect(byId.get('LR014')!.owasp.asi).toContain('ASI03');
    expect(byId.get('LR005')!.owasp.asi).not.toContain('ASI01');
  });
});
