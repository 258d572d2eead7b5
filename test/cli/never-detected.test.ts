/**
 * A leak that is never detected, of a credential that never stops: every
 * figure is unbounded or zero, and every format of every command says so in
 * words (`unbounded`, `never`) or JSON null, never NaN, Infinity or an empty
 * field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';

const MODEL = `version: 1
detection: { default: never, harvested: never }
resources:
  - { id: vault, kind: secret-store, sensitivity: critical, holds: [key] }
  - { id: db, kind: database, sensitivity: high }
agents:
  - { id: bot, owner: team, purpose: test, credentials: [pat], delegates: [{ to: helper, mode: passthrough }] }
  - { id: helper, owner: team, purpose: test }
credentials:
  - { id: pat, ttl: never, revocation: { mode: none }, grants: [{ resource: vault, actions: [read] }, { agent: bot, actions: [invoke] }] }
  - { id: key, ttl: never, grants: [{ resource: db, actions: [export] }] }
  - { id: short, ttl: 1h, grants: [{ resource: db, actions: [read] }] }
`;

const folder = mkdtempSync(join(tmpdir(), 'leakradius-never-'));
const file = join(folder, 'never.yaml');
writeFileSync(file, MODEL);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const RUNS: readonly (readonly string[])[] = [
  ...['text', 'json'].map((f) => ['validate', file, '--format', f]),
  ...['json', 'dot', 'mermaid', 'opengraph', 'gexf'].map((f) => ['graph', file, '--format', f]),
  ...['text', 'json'].flatMap((f) =>
    ['pat', 'key', 'short'].flatMap((c) => [
      ['simulate', file, '--leak', c, '--format', f],
      ['simulate', file, '--leak', c, '--format', f, '--attacker', 'in-workload', '--hop-delay', '1m'],
      ['simulate', file, '--leak', c, '--format', f, '--runs', '20'],
    ]),
  ),
  ...['text', 'json'].map((f) => ['delegation', file, '--format', f]),
  ...['text', 'json', 'yaml-patch'].map((f) => ['recommend', file, '--format', f]),
  ...['text', 'json', 'sarif', 'junit', 'markdown', 'github'].map((f) => ['check', file, '--format', f]),
  ...['text', 'json'].flatMap((f) => [
    ['exposure', file, 'db', '--format', f],
    ['chokepoints', file, '--format', f],
  ]),
  ['report', file],
  ['tui', file],
];

describe('a leak never detected, of a credential that never stops', () => {
  it('prints no NaN, no Infinity and no empty figure in any format of any command', async () => {
    for (const args of RUNS) {
      const { code, stdout, stderr } = await run(args);
      // The HTML report's own script may compare with Infinity; what it shows may not.
      const out = (stdout + stderr).replace(/<script[\s\S]*?<\/script>/g, '');
      expect({ args, code }).toEqual({ args, code: args[0] === 'check' ? 1 : 0 });
      expect({ args, bad: out.match(/NaN|Infinity|undefined/g) }).toEqual({ args, bad: null });
      // An empty figure: a label followed directly by another word or punctuation, as "revocation lag  (detection".
      expect({ args, empty: out.match(/(lag|window|score|time-weighted)\s{2,}[(|,]/g) }).toEqual({ args, empty: null });
    }
  });

  it('the leak that never stops says unbounded, in text and as null in JSON', async () => {
    const text = await run(['simulate', file, '--leak', 'pat']);
    expect(text.stdout).toContain('exposure window unbounded   revocation lag unbounded');
    const json = JSON.parse((await run(['simulate', file, '--leak', 'pat', '--format', 'json'])).stdout);
    expect(json.revocationLagSeconds).toBeNull();
    expect(json.timeline.detectedSeconds).toBeNull();
    // The one that expires after 1h, never detected: everything it touched is dead before detection, lag 0.
    const short = JSON.parse((await run(['simulate', file, '--leak', 'short', '--format', 'json'])).stdout);
    expect(short.revocationLagSeconds).toBe(0);
  });
});
