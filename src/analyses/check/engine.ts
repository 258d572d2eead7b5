/**
 * The CI gate's core: runs every enabled rule over each model, gives each
 * finding its stable id, its location, its severity under the policy and its
 * acceptance status, compares with a baseline, and decides whether the run
 * fails. Pure: the caller reads the files and passes today's date in.
 */
import { locateNode, type LoadedModel } from '../../model/load.js';
import { severityRank, type Policy, type Severity } from '../../model/policy.js';
import { formatPath } from '../../yaml/diagnostic.js';
import { prepareAnalysis, type AnalysisContext } from '../context.js';
import { delegationFacts, type DelegationFacts } from '../delegation/facts.js';
import { RULES } from '../rules/index.js';
import { elementRef, type Rule, type RuleInput } from '../rules/types.js';
import { hijackCases } from '../simulation/hijack.js';
import { modelRisk } from '../simulation/risk.js';
import { worstCases, type WorstCase } from '../simulation/worst-case.js';
import {
  acceptancePattern,
  inForce,
  modelAcceptances,
  policyAcceptances as locatedPolicyAcceptances,
  verdictFor,
  type LocatedAcceptance,
} from './acceptance.js';
import { findingKey, regressions, type Baseline } from './baseline.js';
import type {
  CheckReport,
  CredentialSummary,
  Finding,
  ModelRiskSummary,
  RuleOutcome,
  StaleAcceptance,
} from './types.js';

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
  /** Each model's total risk with both attackers, for the reports that show it (a search per agent). */
  readonly risk?: boolean;
  /** Analyses the caller already has for a model (the TUI keeps them), so they are not computed twice. */
  readonly prepared?: (loaded: LoadedModel) => PreparedModel | undefined;
}

export interface PreparedModel {
  readonly ctx: AnalysisContext;
  /** Every credential's worst case, when known. */
  readonly worstCases?: ReadonlyMap<string, WorstCase>;
}

export function runCheck(models: readonly LoadedModel[], options: CheckOptions): CheckReport {
  const catalogue = options.rules ?? RULES;
  const outcomes = ruleOutcomes(catalogue, options.policy);
  const enabled = catalogue.filter((r) => outcomes.get(r.id)!.enabled);
  const policyAcceptances = locatedPolicyAcceptances(options.policy);
  const findings: Finding[] = [];
  const credentials: CredentialSummary[] = [];
  const risk: ModelRiskSummary[] = [];
  const stale: StaleAcceptance[] = [];
  const used = new Set<LocatedAcceptance>();

  for (const loaded of models) {
    const check = new ModelCheck(loaded, options, outcomes, policyAcceptances, used);
    // Appended one by one: spreading a list of 100,000 into push() overflows the stack.
    for (const rule of enabled) appendAll(findings, check.run(rule));
    appendAll(credentials, check.summaries());
    if (options.risk) risk.push(check.risk());
    appendAll(stale, check.staleOwnAcceptances());
  }
  for (const a of policyAcceptances)
    if (!used.has(a)) stale.push({ ...a, expired: !inForce(a.acceptance, options.today) });

  findings.sort(compareFindings);
  credentials.sort((a, b) => compareText(a.file, b.file) || compareText(a.credential, b.credential));
  stale.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
  risk.sort((a, b) => compareText(a.file, b.file));
  const regressed = options.baseline ? regressions(credentials, options.baseline) : [];
  const strict = options.strict ?? false;
  return {
    files: models.map((m) => m.file).sort(compareText),
    findings,
    credentials,
    ...(options.risk ? { risk } : {}),
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

/**
 * The check of one model, a rule at a time: the analyses the rules share
 * (worst cases, delegation facts) are computed once, on first use, so the TUI
 * can run one rule per turn of its event loop at no extra cost.
 */
export class ModelCheck {
  private readonly input: RuleInput;
  private readonly seen = new Set<string>();
  private readonly own: LocatedAcceptance[];
  private readonly candidates: readonly AcceptanceCandidate[];

  constructor(
    private readonly loaded: LoadedModel,
    private readonly options: CheckOptions,
    private readonly outcomes: ReadonlyMap<string, RuleOutcome> = ruleOutcomes(options.rules ?? RULES, options.policy),
    policyAcceptances: readonly LocatedAcceptance[] = locatedPolicyAcceptances(options.policy),
    /** Acceptances that matched a finding, shared across models so a policy's stale ones are known. */
    private readonly used = new Set<LocatedAcceptance>(),
  ) {
    const prepared = options.prepared?.(loaded);
    const ctx = prepared?.ctx ?? prepareAnalysis(loaded.model, loaded.relations);
    let cases: ReadonlyMap<string, WorstCase> | undefined = prepared?.worstCases;
    let facts: DelegationFacts | undefined;
    this.input = {
      ctx,
      thresholds: options.policy.thresholds,
      worstCases: () => (cases ??= new Map(worstCases(ctx).map((w) => [w.credential, w]))),
      delegation: () => (facts ??= delegationFacts(ctx)),
    };
    this.own = modelAcceptances(loaded);
    this.candidates = [...policyAcceptances, ...this.own].map((located) => ({
      pattern: acceptancePattern(located.acceptance.finding),
      located,
    }));
  }

  /** One rule's findings, located, rated and given their acceptance status; a finding another rule already gave is not repeated. */
  run(rule: Rule): Finding[] {
    const { loaded, options } = this;
    const severity = this.outcomes.get(rule.id)?.severity ?? rule.severity;
    const out: Finding[] = [];
    for (const f of rule.check(this.input)) {
      const element = elementRef(f.element);
      const id = `${rule.id}@${element}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const path = f.fallback !== undefined && !loaded.sourceMap.has(f.path) ? f.fallback : f.path;
      const { file, line, column } = locateNode(loaded, path);
      const verdict = verdictFor(id, this.candidates, options.today, this.used);
      const baseline = options.baseline
        ? options.baseline.findings.has(findingKey(file, id))
          ? 'existing'
          : 'new'
        : undefined;
      const status = verdict.status;
      const fails =
        status !== 'accepted' &&
        severityRank(severity) >= severityRank(options.failOn) &&
        (baseline !== 'existing' || status === 'expired');
      out.push({
        id,
        rule: rule.id,
        element,
        severity,
        message: f.message,
        file,
        line,
        column,
        path: formatPath(path),
        status,
        acceptance: verdict.status === 'open' ? undefined : verdict.by,
        baseline,
        fails,
      });
    }
    return out;
  }

  /** Every credential's worst case, located in the file, for the report and the baseline. */
  summaries(): CredentialSummary[] {
    const { loaded } = this;
    return [...this.input.worstCases().values()].map((w): CredentialSummary => ({
      credential: w.credential,
      ...locateNode(loaded, loaded.relations.credential.get(w.credential)?.path ?? []),
      score: w.score,
      exposureWindow: w.exposureWindow,
      revocationLag: w.revocationLag,
      timeWeightedScore: w.timeWeightedScore,
      highImpact: [...w.highImpact].sort(
        (a, b) => compareText(a.resource, b.resource) || compareText(a.action, b.action),
      ),
    }));
  }

  /** The model's total risk, both attackers, and each agent's hijacked-agent worst case. */
  risk(): ModelRiskSummary {
    const { loaded } = this;
    const hijacks = hijackCases(this.input.ctx);
    return {
      file: loaded.file,
      risk: modelRisk([...this.input.worstCases().values()], hijacks),
      agents: hijacks.map((h) => ({
        agent: h.agent,
        ...loaded.sourceMap.locate(loaded.relations.agent.get(h.agent)?.path ?? []),
        score: h.score,
        timeWeightedScore: h.timeWeightedScore,
        hijackEnds: h.hijackEnds,
      })),
    };
  }

  /** The model's own acceptances that matched no finding of the rules run so far. */
  staleOwnAcceptances(): StaleAcceptance[] {
    return this.own
      .filter((a) => !this.used.has(a))
      .map((a) => ({ ...a, expired: !inForce(a.acceptance, this.options.today) }));
  }
}

interface AcceptanceCandidate {
  readonly pattern: RegExp;
  readonly located: LocatedAcceptance;
}

function appendAll<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
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
