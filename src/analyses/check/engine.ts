/**
 * The CI gate's core: runs every enabled rule over each model, gives each
 * finding its stable id, its location, its severity under the policy and its
 * acceptance status, compares with a baseline, and decides whether the run
 * fails. Pure: the caller reads the files and passes today's date in.
 */
import { locateNode, type ModelOnly } from '../../model/load.js';
import { severityRank, type Policy, type Severity } from '../../model/policy.js';
import { prepareAnalysis, type AnalysisContext } from '../context.js';
import { delegationFacts, type DelegationFacts } from '../delegation/facts.js';
import { RULES } from '../rules/index.js';
import { elementRef, type Rule, type RuleInput } from '../rules/types.js';
import { hijackCases } from '../simulation/hijack.js';
import { modelRisk } from '../simulation/risk.js';
import { worstCases, type WorstCase } from '../simulation/worst-case.js';
import {
  AcceptanceIndex,
  inForce,
  type AcceptanceVerdict,
  modelAcceptances,
  policyAcceptances as locatedPolicyAcceptances,
  verdictFor,
  type LocatedAcceptance,
} from './acceptance.js';
import { findingKey, regressions, type Baseline } from './baseline.js';
import { RecordedFinding, findingFile } from './finding.js';
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
  readonly prepared?: (loaded: ModelOnly) => PreparedModel | undefined;
}

export interface PreparedModel {
  readonly ctx: AnalysisContext;
  /** Every credential's worst case, when known. */
  readonly worstCases?: ReadonlyMap<string, WorstCase>;
}

export function runCheck(models: readonly ModelOnly[], options: CheckOptions): CheckReport {
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

  credentials.sort((a, b) => compareText(a.file, b.file) || compareText(a.credential, b.credential));
  stale.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
  risk.sort((a, b) => compareText(a.file, b.file));
  const regressed = options.baseline ? regressions(credentials, options.baseline) : [];
  const strict = options.strict ?? false;
  let sorted: Finding[] | undefined;
  return {
    files: models.map((m) => m.file).sort(compareText),
    found: findings,
    // Sorting needs every finding's line: done once, when a report lists them all in order.
    get findings() {
      return (sorted ??= [...findings].sort(compareFindings));
    },
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
  /** Rules run already: a rule run twice gives its findings once. */
  private readonly ran = new Set<string>();
  private readonly own: LocatedAcceptance[];
  private readonly candidates: AcceptanceIndex;

  constructor(
    private readonly loaded: ModelOnly,
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
    this.candidates = new AcceptanceIndex([...policyAcceptances, ...this.own]);
  }

  /**
   * One rule's findings, rated and given their acceptance status (located and
   * named only when a report reads them); a finding the rule already gave is
   * not repeated.
   */
  run(rule: Rule): Finding[] {
    const { loaded, options } = this;
    if (this.ran.has(rule.id)) return [];
    this.ran.add(rule.id);
    const severity = this.outcomes.get(rule.id)?.severity ?? rule.severity;
    const failing = severityRank(severity) >= severityRank(options.failOn);
    // Elements seen, by kind: their ids are the model's own strings, so this allocates no names.
    const seen = new Map<string, Set<string>>();
    const out: Finding[] = [];
    for (const f of rule.check(this.input)) {
      let ids = seen.get(f.element.kind);
      if (!ids) seen.set(f.element.kind, (ids = new Set()));
      if (ids.has(f.element.id)) continue;
      ids.add(f.element.id);
      let verdict: AcceptanceVerdict = OPEN;
      let baseline: 'new' | 'existing' | undefined;
      if (this.candidates.length > 0 || options.baseline) {
        const id = `${rule.id}@${elementRef(f.element)}`;
        if (this.candidates.length > 0) verdict = verdictFor(id, this.candidates, options.today, this.used);
        if (options.baseline) {
          const file = findingFile(f, loaded);
          baseline = options.baseline.findings.has(findingKey(file, id)) ? 'existing' : 'new';
        }
      }
      const status = verdict.status;
      const fails = status !== 'accepted' && failing && (baseline !== 'existing' || status === 'expired');
      const acceptance = verdict.status === 'open' ? undefined : verdict.by;
      out.push(new RecordedFinding(f, loaded, rule.id, severity, status, acceptance, baseline, fails));
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

const OPEN: AcceptanceVerdict = { status: 'open' };

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
