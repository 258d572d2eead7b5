/**
 * The CI gate's core: runs every enabled rule over each model, gives each
 * finding its stable id, its location, its severity under the policy and its
 * acceptance status, compares with a baseline, and decides whether the run
 * fails. Pure: the caller reads the files and passes today's date in.
 */
import type { LoadedModel } from '../../model/load.js';
import { severityRank, type Policy, type Severity } from '../../model/policy.js';
import { formatPath } from '../../yaml/diagnostic.js';
import { prepareAnalysis, type AnalysisContext } from '../context.js';
import { delegationFacts, type DelegationFacts } from '../delegation/facts.js';
import { RULES } from '../rules/index.js';
import { elementRef, type Rule, type RuleInput } from '../rules/types.js';
import { worstCases, type WorstCase } from '../simulation/worst-case.js';
import { acceptancePattern, inForce, verdictFor, type LocatedAcceptance } from './acceptance.js';
import { findingKey, regressions, type Baseline } from './baseline.js';
import type { CheckReport, CredentialSummary, Finding, RuleOutcome, StaleAcceptance } from './types.js';

export interface CheckOptions {
  readonly policy: Policy;
  /** YYYY-MM-DD: acceptances hold through their expiry day. */
  readonly today: string;
  /** Findings at or above this severity fail the run. */
  readonly failOn: Severity;
  /** Stale acceptances fail the run too. */
  readonly strict?: boolean;
  readonly baseline?: Baseline;
  /** The rule catalogue; tests may pass a subset. */
  readonly rules?: readonly Rule[];
  /** Analyses the caller already has for a model (the TUI keeps them), so they are not computed twice. */
  readonly prepared?: (loaded: LoadedModel) => PreparedModel | undefined;
}

export interface PreparedModel {
  readonly ctx: AnalysisContext;
  /** Every credential's worst case, when known. */
  readonly worstCases?: ReadonlyMap<string, WorstCase>;
}

type Draft = Omit<Finding, 'status' | 'acceptance' | 'baseline' | 'fails'>;

export function runCheck(models: readonly LoadedModel[], options: CheckOptions): CheckReport {
  const catalogue = options.rules ?? RULES;
  const outcomes = ruleOutcomes(catalogue, options.policy);
  const enabled = catalogue.filter((r) => outcomes.get(r.id)!.enabled);
  const policyAcceptances = options.policy.accept.map((acceptance, i): LocatedAcceptance => ({
    acceptance,
    source: 'policy',
    file: options.policy.file ?? '(policy)',
    ...(options.policy.acceptLocations[i] ?? { line: 1, column: 1 }),
  }));
  const policyCandidates = policyAcceptances.map((located) => ({ pattern: acceptancePattern(located.acceptance.finding), located }));
  const used = new Set<LocatedAcceptance>();
  const findings: Finding[] = [];
  const credentials: CredentialSummary[] = [];
  const stale: StaleAcceptance[] = [];

  for (const loaded of models) {
    const { drafts, summaries } = checkModel(loaded, enabled, options.policy, outcomes, options.prepared?.(loaded));
    credentials.push(...summaries);
    const own = loaded.model.accept.map((acceptance): LocatedAcceptance => ({ acceptance, source: 'model', file: loaded.file, ...loaded.sourceMap.locate(acceptance.path) }));
    const candidates = [...policyCandidates, ...own.map((located) => ({ pattern: acceptancePattern(located.acceptance.finding), located }))];
    for (const d of drafts) {
      const verdict = verdictFor(d.id, candidates, options.today, used);
      const baseline = options.baseline ? (options.baseline.findings.has(findingKey(d.file, d.id)) ? 'existing' : 'new') : undefined;
      const status = verdict.status;
      const fails = status !== 'accepted' && severityRank(d.severity) >= severityRank(options.failOn) && (baseline !== 'existing' || status === 'expired');
      findings.push({ ...d, status, acceptance: verdict.status === 'open' ? undefined : verdict.by, baseline, fails });
    }
    for (const a of own) if (!used.has(a)) stale.push({ ...a, expired: !inForce(a.acceptance, options.today) });
  }
  for (const a of policyAcceptances) if (!used.has(a)) stale.push({ ...a, expired: !inForce(a.acceptance, options.today) });

  findings.sort(compareFindings);
  credentials.sort((a, b) => compareText(a.file, b.file) || compareText(a.credential, b.credential));
  stale.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
  const regressed = options.baseline ? regressions(credentials, options.baseline) : [];
  const strict = options.strict ?? false;
  return {
    files: models.map((m) => m.file).sort(compareText),
    findings,
    credentials,
    regressions: regressed,
    stale,
    rules: catalogue.map((r) => outcomes.get(r.id)!),
    failOn: options.failOn,
    strict,
    today: options.today,
    policyFile: options.policy.file,
    baseline: options.baseline !== undefined,
    failed: findings.some((f) => f.fails) || regressed.length > 0 || (strict && stale.length > 0),
  };
}

/** One model: every enabled rule's findings, located and rated, and every credential's worst case. */
export function checkModel(
  loaded: LoadedModel,
  rules: readonly Rule[],
  policy: Policy,
  outcomes: ReadonlyMap<string, RuleOutcome> = ruleOutcomes(rules, policy),
  prepared?: PreparedModel,
): { drafts: Draft[]; summaries: CredentialSummary[] } {
  const ctx = prepared?.ctx ?? prepareAnalysis(loaded.model, loaded.relations);
  let cases: ReadonlyMap<string, WorstCase> | undefined = prepared?.worstCases;
  let facts: DelegationFacts | undefined;
  const input: RuleInput = {
    ctx,
    thresholds: policy.thresholds,
    // Shared by every rule that needs them, and computed only if one does.
    worstCases: () => (cases ??= new Map(worstCases(ctx).map((w) => [w.credential, w]))),
    delegation: () => (facts ??= delegationFacts(ctx)),
  };
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const f of rule.check(input)) {
      const element = elementRef(f.element);
      const id = `${rule.id}@${element}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const path = f.fallback !== undefined && !loaded.sourceMap.has(f.path) ? f.fallback : f.path;
      const { line, column } = loaded.sourceMap.locate(path);
      drafts.push({ id, rule: rule.id, element, severity: outcomes.get(rule.id)!.severity, message: f.message, file: loaded.file, line, column, path: formatPath(path) });
    }
  }
  const summaries = [...input.worstCases().values()].map(
    (w): CredentialSummary => ({
      file: loaded.file,
      credential: w.credential,
      ...loaded.sourceMap.locate(loaded.relations.credential.get(w.credential)?.path ?? []),
      score: w.score,
      exposureWindow: w.exposureWindow,
      revocationLag: w.revocationLag,
      timeWeightedScore: w.timeWeightedScore,
      highImpact: [...w.highImpact].sort((a, b) => compareText(a.resource, b.resource) || compareText(a.action, b.action)),
    }),
  );
  return { drafts, summaries };
}

export function ruleOutcomes(rules: readonly Rule[], policy: Policy): Map<string, RuleOutcome> {
  return new Map(
    rules.map((r) => {
      const setting = policy.rules.get(r.id);
      return [r.id, { id: r.id, enabled: setting?.enabled ?? true, severity: setting?.severity ?? r.severity }];
    }),
  );
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
