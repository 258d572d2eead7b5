/**
 * SARIF 2.1.0 for code scanning (GitHub and others): every enabled rule in
 * `tool.driver.rules` with its `security-severity` and tags, and one result per
 * root cause (`groups.ts`), worst first, pinned to the model file (path relative
 * to the repository root) and the line and column of the offending YAML node of
 * its worst finding, the next worst as related locations, with fingerprints
 * built from the rule, the file and the element (or the cause) so alerts
 * survive reformatting. Within GitHub's limits: at most 5,000 results (GitHub
 * shows 5,000 and refuses 25,000) of at most 100 related locations; what is
 * left out is said in the run's notifications.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { ruleById } from '../../analyses/rules/index.js';
import { asiLabel, nhiLabel, ASI_TOP10_VERSION, NHI_TOP10_VERSION } from '../../analyses/rules/owasp.js';
import type { Rule } from '../../analyses/rules/types.js';
import type { Severity } from '../../model/policy.js';
import { groupFindings, type FindingGroup } from './groups.js';

/** Results in one run: GitHub code scanning shows 5,000 and rejects a run of more than 25,000. */
export const MAX_SARIF_RESULTS = 5_000;
/** Related locations of a grouped result (GitHub accepts 1,000 a result). */
export const MAX_RELATED_LOCATIONS = 100;

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's bands: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

export interface SarifOptions {
  /** leakradius's version, for `tool.driver`. */
  readonly version: string;
  /** The artifact URI of a model file: its path relative to the repository root. */
  readonly uriFor: (file: string) => string;
}

export function checkSarif(report: CheckReport, options: SarifOptions): Log {
  const enabled = report.rules.filter((o) => o.enabled);
  const rules: ReportingDescriptor[] = enabled.map((o) => descriptor(ruleById(o.id)!, o.severity));
  const index = new Map(enabled.map((o, i) => [o.id, i]));
  const groups = groupFindings(report);
  const shown = groups.slice(0, MAX_SARIF_RESULTS);
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leakradius',
            semanticVersion: options.version,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: shown.map((g) => groupResult(g, index.get(g.findings[0].rule) ?? -1, options)),
      },
    ],
  };
  if (shown.length < groups.length) log.runs[0].invocations = [leftOut(groups.slice(shown.length))];
  return log;
}

function leftOut(groups: readonly FindingGroup[]): NonNullable<Log['runs'][number]['invocations']>[number] {
  const findings = groups.reduce((n, g) => n + g.findings.length, 0);
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        level: 'warning',
        message: {
          text: `${findings.toLocaleString('en-US')} findings of ${groups.length.toLocaleString('en-US')} less severe causes are left out to stay within code scanning's limit of ${MAX_SARIF_RESULTS.toLocaleString('en-US')} results; \`leakradius check --format json\` lists every finding, and \`--baseline\` with an earlier JSON report shows only new ones`,
        },
      },
    ],
  };
}

/** A cause found once is that finding's result; one found in many places is one result with a count. */
function groupResult(g: FindingGroup, ruleIndex: number, options: SarifOptions): Result {
  const [worst, ...rest] = g.findings;
  const r = result(worst, ruleIndex, options);
  if (rest.length === 0) return r;
  const related = rest.slice(0, MAX_RELATED_LOCATIONS);
  const more = rest.length - related.length;
  r.message = {
    text: `${worst.message}; and ${rest.length.toLocaleString('en-US')} more of the same cause (${g.cause}): the related locations list ${more > 0 ? `the worst ${related.length.toLocaleString('en-US')}` : 'them'}, \`--format json\` every one`,
  };
  r.relatedLocations = related.map((f, i) => ({
    id: i + 1,
    physicalLocation: {
      artifactLocation: { uri: options.uriFor(f.file) },
      region: { startLine: f.line, startColumn: f.column },
    },
    logicalLocations: [{ fullyQualifiedName: f.element, kind: 'element' }],
    message: { text: f.message },
  }));
  r.partialFingerprints = {
    primaryLocationLineHash: sha256(`${worst.rule}|${options.uriFor(worst.file)}|${g.cause}|${worst.status}`),
  };
  r.properties = { ...r.properties, count: g.findings.length, cause: g.cause };
  return r;
}

function descriptor(rule: Rule, severity: Severity): ReportingDescriptor {
  const owasp = [...rule.owasp.nhi.map(nhiLabel), ...rule.owasp.asi.map(asiLabel)];
  const mapping = [
    rule.owasp.nhi.length > 0 ? `${NHI_TOP10_VERSION}: ${rule.owasp.nhi.map(nhiLabel).join(', ')}` : undefined,
    rule.owasp.asi.length > 0 ? `${ASI_TOP10_VERSION}: ${rule.owasp.asi.map(asiLabel).join(', ')}` : undefined,
  ].filter((m) => m !== undefined);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nFix: ${rule.fix}\n\n${mapping.join('\n')}`,
      markdown: `${rule.rationale}\n\n**Fix:** ${rule.fix}\n\n${mapping.map((m) => `- ${m}`).join('\n')}`,
    },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      precision: 'high',
      tags: ['security', ...owasp],
    },
  };
}

function result(f: Finding, ruleIndex: number, options: SarifOptions): Result {
  const r: Result = {
    ruleId: f.rule,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: options.uriFor(f.file) },
          region: { startLine: f.line, startColumn: f.column },
        },
        logicalLocations: [{ fullyQualifiedName: f.element, kind: 'element' }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: fingerprint(f, options) },
    properties: { findingId: f.id, path: f.path, severity: f.severity },
  };
  if (f.baseline !== undefined) r.baselineState = f.baseline === 'new' ? 'new' : 'unchanged';
  if (f.status === 'accepted' && f.acceptance) {
    const a = f.acceptance.acceptance;
    r.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: `${a.reason} (accepted by ${a.owner} until ${a.expires})`,
      },
    ];
  }
  return r;
}

/** sha256 of rule, file and element: the line may move, the finding stays the same alert. */
function fingerprint(f: Finding, options: SarifOptions): string {
  return sha256(`${f.rule}|${options.uriFor(f.file)}|${f.element}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
