/**
 * The JSON report: documented in docs/check-output.md and stable within its
 * `formatVersion`. Durations are whole seconds, `null` when unbounded. A JSON
 * report is also what `--baseline` reads.
 */
import type { CheckReport } from '../../analyses/check/types.js';
import type { LocatedAcceptance } from '../../analyses/check/acceptance.js';
import { ruleById } from '../../analyses/rules/index.js';
import { NHI, ASI } from '../../analyses/rules/owasp.js';
import { riskJson, scoreOrNull, secondsOrNull } from '../simulation.js';
import { summarize } from './summary.js';

export const CHECK_JSON_FORMAT_VERSION = 1;

export function checkJson(report: CheckReport): object {
  const s = summarize(report);
  return {
    tool: 'leakradius',
    formatVersion: CHECK_JSON_FORMAT_VERSION,
    today: report.today,
    policy: report.policyFile ?? null,
    failOn: report.failOn,
    strict: report.strict,
    baseline: report.baseline,
    failed: report.failed,
    summary: {
      files: s.files,
      findings: s.unaccepted,
      bySeverity: s.bySeverity,
      accepted: s.accepted,
      expired: s.expired,
      failing: s.failing,
      new: report.baseline ? s.new : null,
      regressions: s.regressions,
      staleAcceptances: s.stale,
    },
    files: report.files,
    rules: report.rules.map((o) => {
      const rule = ruleById(o.id);
      return {
        id: o.id,
        name: rule?.name ?? o.id,
        title: rule?.title ?? '',
        severity: o.severity,
        enabled: o.enabled,
        owasp: {
          nhi: (rule?.owasp.nhi ?? []).map((id) => ({ id, name: NHI[id] })),
          asi: (rule?.owasp.asi ?? []).map((id) => ({ id, name: ASI[id] })),
        },
      };
    }),
    findings: report.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      element: f.element,
      severity: f.severity,
      status: f.status,
      fails: f.fails,
      baseline: f.baseline ?? null,
      file: f.file,
      line: f.line,
      column: f.column,
      path: f.path,
      message: f.message,
      acceptance: f.acceptance ? acceptanceJson(f.acceptance) : null,
    })),
    credentials: report.credentials.map((c) => ({
      file: c.file,
      credential: c.credential,
      line: c.line,
      column: c.column,
      score: scoreOrNull(c.score),
      timeWeightedScore: scoreOrNull(c.timeWeightedScore),
      exposureWindowSeconds: secondsOrNull(c.exposureWindow),
      revocationLagSeconds: secondsOrNull(c.revocationLag),
      highImpact: c.highImpact.map((p) => `${p.resource}:${p.action}`),
    })),
    risk: (report.risk ?? []).map((m) => ({
      file: m.file,
      ...riskJson(m.risk),
      agents: m.agents.map((a) => ({
        agent: a.agent,
        line: a.line,
        column: a.column,
        score: scoreOrNull(a.score),
        timeWeightedScore: scoreOrNull(a.timeWeightedScore),
        hijackEndsSeconds: secondsOrNull(a.hijackEnds),
      })),
    })),
    regressions: report.regressions.map((r) => ({
      file: r.file,
      credential: r.credential,
      message: r.message,
      before: { score: scoreOrNull(r.before.score), exposureWindowSeconds: secondsOrNull(r.before.exposureWindow) },
      after: { score: scoreOrNull(r.after.score), exposureWindowSeconds: secondsOrNull(r.after.exposureWindow) },
      newlyReached: r.newlyReached,
    })),
    staleAcceptances: report.stale.map((a) => ({ ...acceptanceJson(a), expired: a.expired })),
  };
}

function acceptanceJson(a: LocatedAcceptance): object {
  const { finding, reason, owner, expires } = a.acceptance;
  return { finding, reason, owner, expires, source: a.source, file: a.file, line: a.line, column: a.column };
}
