/** The JUnit, Markdown, GitHub-annotation and JSON reports of `check`. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyses/rules/index.js';
import { escapeData, escapeProperty, checkGithub } from '../../src/reports/check/github.js';
import { checkJson } from '../../src/reports/check/json.js';
import { checkJunit } from '../../src/reports/check/junit.js';
import { checkMarkdown, md } from '../../src/reports/check/markdown.js';
import { at, checkYaml, policy } from '../helpers/check.js';
import { load } from '../helpers/model.js';
import { runCheck } from '../../src/analyses/check/engine.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';

// LR001 (high) and LR014 (high) on pat; LR012 (medium) on the agent without a purpose.
const MODEL = `version: 1
agents:
  - id: bot
    owner: ops
    credentials: [pat]
credentials:
  - id: pat
    subject: human
    ttl: never
    revocation: { mode: automated }
`;

describe('JUnit report', () => {
  const parse = (xml: string) => new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  const xml = checkJunit(
    runCheck([load(MODEL, 'a.yaml'), load('version: 1\n', 'b.yaml')], {
      policy: policy('kind: policy\nversion: 1\nrules: { LR016: { enabled: false } }\n'),
      today: '2025-06-01',
      failOn: 'high',
    }),
  );
  const doc = parse(xml);

  it('is well-formed XML', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe('testsuites');
  });

  it('has one test case per rule per file', () => {
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['a.yaml', 'b.yaml']);
    for (const s of suites) {
      expect(s.getElementsByTagName('testcase')).toHaveLength(RULES.length);
      expect(s.getAttribute('tests')).toBe(String(RULES.length));
    }
  });

  it('fails the cases of rules with failing findings, lists the others, and skips disabled rules', () => {
    const a = doc.getElementsByTagName('testsuite')[0];
    const cases = [...a.getElementsByTagName('testcase')];
    const failed = cases
      .filter((c) => c.getElementsByTagName('failure').length > 0)
      .map((c) => c.getAttribute('name')!.slice(0, 5));
    expect(failed).toEqual(['LR001', 'LR014']);
    expect(a.getAttribute('failures')).toBe('2');
    const lr012 = cases.find((c) => c.getAttribute('name')!.startsWith('LR012'))!;
    expect(lr012.getElementsByTagName('failure')).toHaveLength(0);
    expect(lr012.getElementsByTagName('system-out')[0].textContent).toContain(
      `a.yaml:${at(MODEL, 'id: bot').line}:${at(MODEL, 'id: bot').column} medium LR012@agent:bot`,
    );
    const lr016 = cases.find((c) => c.getAttribute('name')!.startsWith('LR016'))!;
    expect(lr016.getElementsByTagName('skipped')).toHaveLength(1);
    expect(doc.documentElement.getAttribute('failures')).toBe('2');
  });

  it('escapes markup and control characters from the model', () => {
    const report = checkYaml(MODEL, {
      policy: policy(
        'kind: policy\nversion: 1\naccept:\n  - { finding: LR012@agent:bot, reason: "a <b> & \\"c\\" \\e]0;x", owner: o, expires: 2030-01-01 }\n',
      ),
    });
    const out = checkJunit(report);
    expect(parse(out).getElementsByTagName('parsererror')).toHaveLength(0);
    expect(out).toContain('a &lt;b&gt; &amp; "c" \\x1b]0;x');
  });
});

describe('Markdown report', () => {
  it('gives the verdict, a table of the findings, and the accepted ones folded away', () => {
    const report = checkYaml(MODEL, {
      policy: policy(
        'kind: policy\nversion: 1\naccept:\n  - { finding: LR012@agent:bot, reason: pilot, owner: ops, expires: 2030-01-01 }\n',
      ),
    });
    const out = checkMarkdown(report);
    expect(out.split('\n')[0]).toBe('### leakradius check: failed');
    expect(out).toContain('| Severity | Finding id | Location | Finding |');
    expect(out).toContain(
      `| **high** | \`LR001@credential:pat\` | test.yaml:${at(MODEL, 'never').line}:${at(MODEL, 'never').column} | credential "pat" never expires`,
    );
    expect(out).toContain('<details><summary>1 accepted</summary>');
    expect(out.indexOf('LR012')).toBeGreaterThan(out.indexOf('<details>'));
  });

  it('cannot be made to add markup, HTML, mentions or references', () => {
    expect(md('a|b *c* <img src=x> @org/team #12 [x](y)')).toBe(
      'a\\|b \\*c\\* \\<img src=x\\> &#64;org/team &#35;12 \\[x\\](y)',
    );
    expect(md('line\nbreak')).toBe('line\\\\x0abreak'); // a visible, escaped \x0a
  });

  it('says it passed when nothing fails', () => {
    expect(checkMarkdown(checkYaml('version: 1\n'))).toBe(
      '### leakradius check: passed\n\n1 file checked: 0 findings. Passed (--fail-on high).\n',
    );
  });
});

describe('GitHub annotations', () => {
  it('writes one workflow command per finding, at its line and column, with its level', () => {
    const out = checkGithub(checkYaml(MODEL, { file: 'models/bot.yaml' }));
    const never = at(MODEL, 'never');
    expect(out).toContain(
      `::error file=models/bot.yaml,line=${never.line},col=${never.column},title=LR001 Long-lived or static credential held by an autonomous agent::high: credential "pat" never expires, above the default maximum (1d); autonomous agent "bot" acts with it (LR001@credential:pat)`,
    );
    expect(out).toMatch(
      /^::warning file=models\/bot\.yaml,line=\d+,col=\d+,title=LR012 Agent with no owner or purpose::medium: agent "bot" has no purpose/m,
    );
    expect(out.trimEnd().split('\n').pop()).toBe(
      '1 file checked: 3 findings (2 high, 1 medium). Failed: 2 findings at or above high.',
    );
  });

  it('escapes data and properties as the runner requires', () => {
    expect(escapeData('100% done\r\nnext::error::x')).toBe('100%25 done%0D%0Anext::error::x');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // No line of output can start a new command: newlines are always escaped.
    expect(escapeData('x\n::error::injected')).not.toContain('\n');
  });

  it('escapes a title with a comma so it does not end the property', () => {
    const out = checkGithub(
      checkYaml(
        'version: 1\nresources: [{ id: c, kind: cluster, sensitivity: critical }]\ncredentials: [{ id: k, ttl: 1h, grants: [{ resource: c, actions: [deploy] }] }]\n',
      ),
    );
    expect(out).toContain(
      'title=LR009 A leaked token reaches deploy%2C payment%2C export or delete on a high or critical resource without human approval::',
    );
  });
});

describe('JSON report', () => {
  it('has the documented top-level fields and finding fields', () => {
    const yaml = MODEL.replace('version: 1\n', 'version: 1\ndetection: { default: 1d }\nresponse: { automated: 2m }\n');
    const json = checkJson(checkYaml(yaml)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'tool',
      'formatVersion',
      'today',
      'policy',
      'failOn',
      'strict',
      'baseline',
      'failed',
      'summary',
      'files',
      'rules',
      'findings',
      'credentials',
      'risk',
      'regressions',
      'staleAcceptances',
    ]);
    const finding = (json.findings as Record<string, unknown>[])[0];
    expect(Object.keys(finding)).toEqual([
      'id',
      'rule',
      'element',
      'severity',
      'status',
      'fails',
      'baseline',
      'file',
      'line',
      'column',
      'path',
      'message',
      'acceptance',
    ]);
    expect(finding).toMatchObject({
      id: 'LR012@agent:bot',
      path: 'agents[0]',
      status: 'open',
      fails: false,
      baseline: null,
      acceptance: null,
    });
    expect((json.credentials as unknown[])[0]).toEqual({
      file: 'test.yaml',
      credential: 'pat',
      ...at(yaml, 'id: pat'),
      score: 0, // it grants nothing
      timeWeightedScore: 0,
      exposureWindowSeconds: 86_400 + 120, // detected after 1d, revoked by automation 2m later
      revocationLagSeconds: 120,
      highImpact: [],
    });
  });

  it('is documented field by field in docs/check-output.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync('docs/check-output.md', 'utf8');
    const json = checkJson(
      runCheck([load(MODEL)], { policy: DEFAULT_POLICY, today: '2025-06-01', failOn: 'high' }),
    ) as Record<string, unknown>;
    for (const key of Object.keys(json)) expect(doc, key).toContain(`\`${key}\``);
    for (const key of Object.keys((json.findings as object[])[0])) expect(doc, key).toContain(`\`${key}\``);
    for (const key of Object.keys((json.credentials as object[])[0])) expect(doc, key).toContain(`\`${key}\``);
    const withRisk = checkJson(
      runCheck([load(MODEL)], { policy: DEFAULT_POLICY, today: '2025-06-01', failOn: 'high', risk: true }),
    ) as { risk: Record<string, unknown>[] };
    for (const key of Object.keys(withRisk.risk[0])) expect(doc, key).toContain(`\`${key}\``);
    for (const key of Object.keys((withRisk.risk[0].agents as object[])[0])) expect(doc, key).toContain(`\`${key}\``);
  });
});
