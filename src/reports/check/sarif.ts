/**
 * SARIF 2.1.0 for code scanning (GitHub and others): every enabled rule in
 * `tool.driver.rules` with its `security-severity` and tags, every finding as a
 * result pinned to the model file (path relative to the repository root) and
 * the line and column of the offending YAML node, with fingerprints built from
 * the rule, the file and the element so alerts survive reformatting.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CheckReport, Finding } from '../../analyses/check/types.js';
import { ruleById } from '../../analyses/rules/index.js';
import { asiLabel, nhiLabel, ASI_TOP10_VERSION, NHI_TOP10_VERSION } from '../../analyses/rules/owasp.js';
import type { Rule } from '../../analyses/rules/types.js';
import type { Severity } from '../../model/policy.js';

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
  return {
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
        results: report.findings.map((f) => result(f, index.get(f.rule) ?? -1, options)),
      },
    ],
  };
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
  return createHash('sha256')
    .update(`${f.rule}|${options.uriFor(f.file)}|${f.element}`)
    .digest('hex');
}
