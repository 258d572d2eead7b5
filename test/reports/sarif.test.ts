/**
 * SARIF output against the official SARIF 2.1.0 JSON Schema (draft-04, so the
 * draft-04 capable Ajv 6 that ships with @microsoft/jest-sarif validates it),
 * with the exact line and column of every offending YAML node.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyses/rules/index.js';
import { checkSarif } from '../../src/reports/check/sarif.js';
import { at, checkYaml, policy } from '../helpers/check.js';
import { run, scratch } from '../helpers/run.js';

const SCHEMA_FILE = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

interface Ajv6 {
  addMetaSchema(schema: object): void;
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $schema: string };
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  const requireFromJestSarif = createRequire(require.resolve('@microsoft/jest-sarif'));
  const Ajv = requireFromJestSarif('ajv') as new (options: object) => Ajv6;
  const ajv = new Ajv({ schemaId: 'id', allErrors: true });
  ajv.addMetaSchema(requireFromJestSarif('ajv/lib/refs/json-schema-draft-04.json') as object);
  return ajv.compile(schema);
}

// Findings on several nodes: a ttl, an exposure list, a subject, a delegation mode, a tool's credential, a holds list.
const MODEL = `version: 1
detection: { default: 2d }
agents:
  - id: coder
    owner: dev
    purpose: fix tests
    environment: prod
    credentials: [gh-pat]
    delegates:
      - { to: helper, mode: passthrough }
  - id: helper
    owner: dev
    purpose: review
    tools: [crm-mcp]
tools:
  - id: crm-mcp
    kind: mcp
    publisher: third-party
    credential: crm-key
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [crm-key] }
  - { id: crm, kind: crm, sensitivity: critical }
credentials:
  - id: gh-pat
    subject: human
    ttl: 90d
    exposure: [prompt-context]
    grants:
      - { resource: repo, actions: [read] }
  - id: crm-key
    ttl: 1h
    binding: sender-constrained
    grants:
      - { resource: crm, actions: [write] }
`;

describe('SARIF report', () => {
  const validate = sarifValidator();
  const report = checkYaml(MODEL, {
    file: 'models/m.yaml',
    policy: policy(
      'kind: policy\nversion: 1\naccept:\n  - { finding: LR012@agent:x, reason: r, owner: o, expires: 2030-01-01 }\n',
    ),
  });
  const log = checkSarif(report, { version: '1.2.3', uriFor: (f) => f });

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects what is not SARIF (the validator is not a no-op)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('points every result at the exact line and column of its YAML node', () => {
    const where = (ruleId: string) =>
      log.runs[0].results!.find((r) => r.ruleId === ruleId)!.locations![0].physicalLocation!.region;
    const expected: Record<string, { line: number; column: number }> = {
      LR001: at(MODEL, '90d'),
      LR005: at(MODEL, '[prompt-context]'),
      LR006: at(MODEL, 'passthrough'),
      LR013: at(MODEL, '[crm-key]'),
      LR014: at(MODEL, 'human'),
      LR015: at(MODEL, 'crm-key', 1),
    };
    for (const [ruleId, { line, column }] of Object.entries(expected)) {
      expect(where(ruleId), ruleId).toEqual({ startLine: line, startColumn: column });
    }
    // And every result agrees with the finding it reports (one each here: no two share a cause).
    const lines = new Map(report.findings.map((f) => [f.id, f.line]));
    expect(log.runs[0].results!.length).toBe(report.findings.length);
    for (const r of log.runs[0].results!)
      expect(r.locations![0].physicalLocation!.region!.startLine).toBe(lines.get(String(r.properties!.findingId)));
  });

  it('describes every enabled rule, with security-severity and tags, and links results to them', () => {
    const rules = log.runs[0].tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const lr009 = rules.find((r) => r.id === 'LR009')!;
    expect(lr009.properties!['security-severity']).toBe('9.5');
    expect(lr009.properties!.tags).toContain('security');
    expect(rules.find((r) => r.id === 'LR001')!.properties!.tags).toContain('NHI7 Long-Lived Secrets');
    for (const r of log.runs[0].results!) expect(rules[r.ruleIndex!].id).toBe(r.ruleId);
  });

  it('maps severities to levels and keeps fingerprints stable when lines move', () => {
    const rerated = checkYaml(MODEL, {
      file: 'models/m.yaml',
      policy: policy('kind: policy\nversion: 1\nrules: { LR014: { severity: medium }, LR001: { severity: low } }\n'),
    });
    const l = checkSarif(rerated, { version: '1.2.3', uriFor: (f) => f });
    const levels = Object.fromEntries(l.runs[0].results!.map((r) => [r.ruleId, r.level]));
    expect(levels).toMatchObject({ LR001: 'note', LR014: 'warning', LR006: 'error', LR007: 'error' });
    expect(l.runs[0].tool.driver.rules!.find((r) => r.id === 'LR001')!.properties!['security-severity']).toBe('3.0');
    const moved = checkSarif(
      checkYaml(`# a comment that moves every line down\n\n${MODEL}`, { file: 'models/m.yaml' }),
      { version: '1.2.3', uriFor: (f) => f },
    );
    const prints = (l: Log) => l.runs[0].results!.map((r) => r.partialFingerprints!.primaryLocationLineHash).sort();
    expect(prints(moved)).toEqual(prints(log));
    const line = (l: Log) => l.runs[0].results![0].locations![0].physicalLocation!.region!.startLine!;
    expect(line(moved)).toBe(line(log) + 2);
  });

  it('marks accepted findings as suppressed, and leaves out rules the policy turned off', () => {
    const accepted = checkYaml(MODEL, {
      file: 'models/m.yaml',
      policy: policy(
        'kind: policy\nversion: 1\nrules: { LR004: { enabled: false } }\naccept:\n  - { finding: LR014@credential:gh-pat, reason: migrating, owner: sec, expires: 2030-01-01 }\n',
      ),
    });
    const l = checkSarif(accepted, { version: '1.2.3', uriFor: (f) => f });
    expect(validate(JSON.parse(JSON.stringify(l)))).toBe(true);
    expect(l.runs[0].results!.find((r) => r.ruleId === 'LR014')!.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'migrating (accepted by sec until 2030-01-01)' },
    ]);
    expect(l.runs[0].tool.driver.rules!.map((r) => r.id)).not.toContain('LR004');
  });

  it('gives paths relative to the repository root, whatever folder the check runs from', async () => {
    const repo = scratch({ 'agents/my models/m.yaml': MODEL }, 'leakradius-sarif-');
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'ci'));
    const r = await run(['check', '../agents', '--format', 'sarif'], { cwd: join(repo, 'ci') });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Log;
    expect(validate(out)).toBe(true);
    expect(new Set(out.runs[0].results!.map((x) => x.locations![0].physicalLocation!.artifactLocation!.uri))).toEqual(
      new Set(['agents/my%20models/m.yaml']),
    );
  });
});
