import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/analyses/check/baseline.js';
import { runCheck } from '../../src/analyses/check/engine.js';
import { RULES, RULE_IDS, type Rule } from '../../src/analyses/rules/index.js';
import { DEFAULT_POLICY, defaultPolicyYaml, loadPolicy } from '../../src/model/policy.js';
import { checkJson } from '../../src/reports/check/json.js';
import { TODAY, at, checkYaml, policy } from '../helpers/check.js';
import { load } from '../helpers/model.js';

// One agent with a never-expiring PAT it shares with nobody: LR001 (high), LR004 (medium), LR014 (high).
const MODEL = `version: 1
agents:
  - id: coder
    owner: dev
    purpose: fix tests
    credentials: [pat]
resources:
  - { id: repo, kind: repository, sensitivity: medium }
credentials:
  - id: pat
    subject: human
    ttl: never
    revocation: { mode: automated }
    grants:
      - { resource: repo, actions: [read, write] }
workflows:
  - { id: w, agent: coder, duration: 10m, steps: [{ resource: repo, action: read }] }
`;

const ids = (yaml: string, options = {}) => checkYaml(yaml, options).findings.map((f) => f.id);

describe('check engine', () => {
  it('gives each finding a readable id built from the rule and the element', () => {
    expect(ids(MODEL)).toEqual(['LR014@credential:pat', 'LR001@credential:pat', 'LR004@credential:pat']);
  });

  it('sorts findings by file, line and column', () => {
    const report = checkYaml(MODEL);
    expect(report.findings.map((f) => [f.line, f.column])).toEqual(
      [at(MODEL, 'human'), at(MODEL, 'never'), at(MODEL, 'write')].map((p) => [p.line, p.column]),
    );
  });

  it('keeps the same ids when the file is reordered and reformatted', () => {
    const reordered = `version: 1
workflows: [{ id: w, agent: coder, duration: 10m, steps: [{ resource: repo, action: read }] }]
credentials:
  - grants: [{ actions: [read, write], resource: repo }]
    revocation:
      mode: automated
    ttl: never
    subject: human
    id: pat
resources: [{ sensitivity: medium, kind: repository, id: repo }]
agents: [{ credentials: [pat], purpose: fix tests, owner: dev, id: coder }]
`;
    expect(ids(reordered).sort()).toEqual(ids(MODEL).sort());
  });

  it('fails on findings at or above --fail-on', () => {
    expect(checkYaml(MODEL, { failOn: 'high' }).failed).toBe(true);
    expect(checkYaml(MODEL, { failOn: 'critical' }).failed).toBe(false);
    const report = checkYaml(MODEL, { failOn: 'high' });
    expect(report.findings.filter((f) => f.fails).map((f) => f.rule)).toEqual(['LR014', 'LR001']);
  });

  it('turns rules off and re-rates them as the policy says', () => {
    const p = policy(
      'kind: policy\nversion: 1\nrules:\n  LR014: { enabled: false }\n  LR001: { severity: low }\n  LR004: { severity: critical }\n',
    );
    const report = checkYaml(MODEL, { policy: p });
    expect(report.findings.map((f) => `${f.id} ${f.severity}`)).toEqual([
      'LR001@credential:pat low',
      'LR004@credential:pat critical',
    ]);
    expect(report.rules.find((r) => r.id === 'LR014')).toEqual({ id: 'LR014', enabled: false, severity: 'high' });
  });

  it('shares one worst-case computation between every rule that needs it', () => {
    const seen: unknown[] = [];
    const probe = (id: string): Rule => ({
      ...RULES[0],
      id,
      check: (input) => (seen.push(input.worstCases(), input.delegation()), []),
    });
    checkYaml(MODEL, { rules: [probe('LR901'), probe('LR902')] });
    expect(seen).toHaveLength(4);
    expect(seen[2]).toBe(seen[0]); // the same Map, not a second simulation
    expect(seen[3]).toBe(seen[1]);
  });

  it("computes every credential's worst case once and reports it for baselines", () => {
    // automated revocation, 5d default detection, 2m response: window 5d2m; reached repo read (2) + write (4) = 6.
    const report = checkYaml(
      MODEL.replace('version: 1\n', 'version: 1\ndetection: { default: 5d }\nresponse: { automated: 2m }\n'),
    );
    expect(report.credentials).toMatchObject([
      { credential: 'pat', score: 6, exposureWindow: 5 * 86_400 + 120, highImpact: [] },
    ]);
  });
});

describe('acceptances', () => {
  const accepting = (finding: string, expires: string) =>
    policy(
      `kind: policy\nversion: 1\naccept:\n  - { finding: "${finding}", reason: migrating to app tokens, owner: platform, expires: ${expires} }\n`,
    );

  it('an acceptance in force accepts the finding: reported, not failing', () => {
    const report = checkYaml(MODEL, { policy: accepting('LR014@credential:pat', '2025-12-31'), failOn: 'high' });
    const f = report.findings.find((x) => x.rule === 'LR014')!;
    expect(f.status).toBe('accepted');
    expect(f.fails).toBe(false);
    expect(f.acceptance?.acceptance.owner).toBe('platform');
  });

  it('holds through its expiry day and fails the day after, saying so', () => {
    const onTheDay = checkYaml(MODEL, { policy: accepting('LR014@credential:pat', TODAY) });
    expect(onTheDay.findings.find((x) => x.rule === 'LR014')!.status).toBe('accepted');
    const after = checkYaml(MODEL, { policy: accepting('LR014@credential:pat', '2025-05-31') });
    const f = after.findings.find((x) => x.rule === 'LR014')!;
    expect(f).toMatchObject({ status: 'expired', fails: true });
  });

  it('matches wildcards', () => {
    const report = checkYaml(MODEL, { policy: accepting('LR***@credential:*', '2030-01-01') });
    expect(report.findings.every((f) => f.status === 'accepted')).toBe(true);
    expect(report.failed).toBe(false);
  });

  it('reads acceptances from the model too', () => {
    const yaml = `${MODEL}accept:\n  - { finding: LR001@credential:pat, reason: r, owner: o, expires: 2030-01-01 }\n`;
    const report = checkYaml(yaml);
    expect(report.findings.find((f) => f.rule === 'LR001')!.status).toBe('accepted');
    expect(report.findings.find((f) => f.rule === 'LR001')!.acceptance).toMatchObject({
      source: 'model',
      ...at(yaml, '{ finding: LR001'),
    });
  });

  it('reports an acceptance that matches no finding as stale, and fails on it only under --strict', () => {
    const p = accepting('LR003@credential:pat', '2030-01-01');
    const lenient = checkYaml(MODEL, { policy: p, failOn: 'critical' });
    expect(lenient.stale.map((s) => s.acceptance.finding)).toEqual(['LR003@credential:pat']);
    expect(lenient.failed).toBe(false);
    expect(checkYaml(MODEL, { policy: p, failOn: 'critical', strict: true }).failed).toBe(true);
  });

  it('does not take `.` in an acceptance for a wildcard', () => {
    const report = checkYaml(MODEL.replace(/\bpat\b/g, 'p.t'), {
      policy: accepting('LR001@credential:pxt', '2030-01-01'),
    });
    expect(report.findings.find((f) => f.rule === 'LR001')!.status).toBe('open');
  });
});

describe('baselines', () => {
  const earlier = (yaml: string) => {
    const parsed = parseBaseline(JSON.parse(JSON.stringify(checkJson(checkYaml(yaml)))));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.baseline;
  };

  it('fails only on findings that are new since the baseline', () => {
    const baseline = earlier(MODEL);
    const same = checkYaml(MODEL, { baseline });
    expect(same.failed).toBe(false);
    expect(same.findings.every((f) => f.baseline === 'existing')).toBe(true);
    // A second agent now uses the PAT: LR003 (medium) is new, LR014 and LR001 are not.
    const worse = MODEL.replace(
      'resources:',
      '  - { id: helper, owner: dev, purpose: review, credentials: [pat] }\nresources:',
    );
    const report = checkYaml(worse, { baseline, failOn: 'medium' });
    expect(report.findings.filter((f) => f.baseline === 'new').map((f) => f.id)).toEqual(['LR003@credential:pat']);
    expect(report.findings.filter((f) => f.fails).map((f) => f.id)).toEqual(['LR003@credential:pat']);
  });

  it("fails when a credential's worst case grew, and says what it now reaches", () => {
    const before = `version: 1
detection: { default: 1h }
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
  - { id: cluster, kind: cluster, sensitivity: critical }
credentials:
  - { id: gh-pat, ttl: 1h, grants: [{ resource: repo, actions: [write] }] }
  - { id: deploy-key, ttl: 1h, grants: [{ resource: cluster, actions: [deploy] }] }
`;
    const after = before.replace('actions: [write]', 'actions: [read, write]');
    const report = checkYaml(after, { baseline: earlier(before), failOn: 'critical', rules: [] });
    expect(report.failed).toBe(true);
    expect(report.regressions.map((r) => r.message)).toEqual([
      'the leak of "gh-pat" now reaches cluster:deploy; its blast-radius score grew from 10 to 55',
    ]);
  });

  it('refuses a file that is not a JSON report', () => {
    expect(parseBaseline({ findings: [] }).ok).toBe(false);
  });
});

describe('policy files', () => {
  it('the policy `policy init` writes is the default policy', () => {
    const result = loadPolicy('p.yaml', defaultPolicyYaml(), RULE_IDS);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.policy.thresholds).toEqual(DEFAULT_POLICY.thresholds);
    expect(result.policy.rules.size).toBe(0);
    expect(result.policy.accept).toEqual([]);
  });

  it('reports errors at their line and column, all of them', () => {
    const text =
      'kind: policy\nversion: 1\nthresholds:\n  maxExposureWindow: 3 days\nrules:\n  LR01: { enabled: false }\n  LR098: { severity: high }\n';
    const result = loadPolicy('p.yaml', text, RULE_IDS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
    expect(
      messages.some(
        (m) => m.startsWith(`${at(text, '3 days').line}:${at(text, '3 days').column}: `) && m.includes('bad duration'),
      ),
    ).toBe(true);
    expect(messages.some((m) => m.startsWith(`${at(text, 'LR01:').line}:`) && m.includes('"LR01"'))).toBe(true);
  });

  it('names an unknown rule with a suggestion', () => {
    const text = 'kind: policy\nversion: 1\nrules:\n  LR099: { enabled: false }\n';
    const result = loadPolicy('p.yaml', text, RULE_IDS);
    expect(result.ok ? [] : result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
      'p.yaml:4:3: unknown rule "LR099" (did you mean "LR009"?) (see `leakradius rules`)',
    ]);
  });

  it('is refused when it is not a policy', () => {
    const result = loadPolicy('p.yaml', 'version: 1\nagents: []\n', RULE_IDS);
    expect(result.ok).toBe(false);
  });
});

describe('the catalogue', () => {
  it('lists LR001 to LR018 in order, each with a rationale and a fix, and OWASP mappings but for LR017', () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 18 }, (_, i) => `LR${String(i + 1).padStart(3, '0')}`));
    for (const r of RULES) {
      // LR017 is about the model's own description (a kind nobody describes): no OWASP entry names that.
      if (r.id !== 'LR017') expect(r.owasp.nhi.length + r.owasp.asi.length, r.id).toBeGreaterThan(0);
      expect(r.rationale.length, r.id).toBeGreaterThan(40);
      expect(r.fix.length, r.id).toBeGreaterThan(20);
    }
  });

  it('runs over several models at once, keeping each finding with its file', () => {
    const report = runCheck([load(MODEL, 'b.yaml'), load(MODEL, 'a.yaml')], {
      policy: DEFAULT_POLICY,
      today: TODAY,
      failOn: 'high',
    });
    expect(report.files).toEqual(['a.yaml', 'b.yaml']);
    expect(report.findings.map((f) => f.file)).toEqual(['a.yaml', 'a.yaml', 'a.yaml', 'b.yaml', 'b.yaml', 'b.yaml']);
  });
});
