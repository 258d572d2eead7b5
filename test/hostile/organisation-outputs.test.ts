/**
 * The HTML report and the GEXF export show a name's invisible characters as
 * escapes, as every other report does: no bidirectional override, line
 * separator or control character reaches the page or the XML raw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

const dir = mkdtempSync(join(tmpdir(), 'leakradius-org-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// YAML escapes: RLO, line separator, next line, ESC and a lone surrogate in names.
const MODEL = `version: 1
name: "org \\u202eevil"
resources:
  - { id: r, name: "db\\L::error::x", kind: db, sensitivity: high }
credentials:
  - { id: c, name: "key\\N\\e[31m\\uD800", ttl: 1h, grants: [{ resource: r, actions: [read] }] }
agents:
  - { id: a, name: "agent\\u2066x", purpose: p, owner: o, credentials: [c] }
`;

describe('the organisation outputs', () => {
  const model = join(dir, 'm.yaml');
  writeFileSync(model, MODEL);

  it('writes the HTML report with escapes, not the characters', () => {
    const file = join(dir, 'r.html');
    const r = cli(['report', model, '--out', file, '--today', '2026-01-01']);
    expect(r.code).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(RAW.test(page)).toBe(false);
    expect(page).toContain('org \\u202eevil');
  });

  it('writes GEXF labels with escapes, not the characters', () => {
    const r = cli(['graph', model, '--format', 'gexf']);
    expect(r.code).toBe(0);
    expect(RAW.test(r.stdout)).toBe(false);
    expect(r.stdout).toContain('db\\u2028::error::x');
    expect(r.stdout).toContain('agent\\u2066x');
  });
});
