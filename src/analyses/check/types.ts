/** The result of `leakradius check`, as every report format reads it. */
import type { Seconds } from '../../model/duration.js';
import type { Severity } from '../../model/policy.js';
import type { ModelRisk } from '../simulation/risk.js';
import type { PairRef } from '../simulation/worst-case.js';
import type { LocatedAcceptance } from './acceptance.js';
import type { Regression } from './baseline.js';

export type FindingStatus = 'open' | 'accepted' | 'expired';

export interface Finding {
  /** `LR001@credential:gh-pat`: rule and element, stable when the file is reordered or reformatted. */
  readonly id: string;
  readonly rule: string;
  /** `credential:gh-pat` */
  readonly element: string;
  /** After the policy's re-rating. */
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Document path of the offending node: `credentials[0].ttl`. */
  readonly path: string;
  readonly status: FindingStatus;
  /** The acceptance that accepts it (or, for `expired`, the one that has run out). */
  readonly acceptance?: LocatedAcceptance;
  /** With a baseline: whether the earlier report had it. */
  readonly baseline?: 'new' | 'existing';
  /** Whether this finding fails the run. */
  readonly fails: boolean;
}

/** A credential's worst case, kept in the JSON report so a later run can compare against it. */
export interface CredentialSummary {
  readonly file: string;
  readonly credential: string;
  /** Where the credential is defined. */
  readonly line: number;
  readonly column: number;
  readonly score: number;
  readonly exposureWindow: Seconds;
  readonly revocationLag: Seconds;
  readonly timeWeightedScore: number;
  readonly highImpact: readonly PairRef[];
}

/** A model's total risk, both attackers (docs/simulation.md), with each agent's hijacked-agent worst case. */
export interface ModelRiskSummary {
  readonly file: string;
  readonly risk: ModelRisk;
  readonly agents: readonly {
    readonly agent: string;
    readonly line: number;
    readonly column: number;
    readonly score: number;
    readonly timeWeightedScore: number;
    readonly hijackEnds: Seconds;
  }[];
}

export interface StaleAcceptance extends LocatedAcceptance {
  readonly expired: boolean;
}

export interface RuleOutcome {
  readonly id: string;
  readonly enabled: boolean;
  /** After the policy's re-rating. */
  readonly severity: Severity;
}

export interface CheckReport {
  readonly files: readonly string[];
  /** Every finding, by file, line and column. */
  readonly findings: readonly Finding[];
  /**
   * The same findings in the order the rules gave them, none located yet: for
   * what needs no order (counts, groups, the verdict), so that a report that
   * prints a few of them locates only those.
   */
  readonly found: readonly Finding[];
  readonly credentials: readonly CredentialSummary[];
  /** Each model's total risk, when asked for (`CheckOptions.risk`): the hijacked agents cost a search per agent. */
  readonly risk?: readonly ModelRiskSummary[];
  readonly regressions: readonly Regression[];
  readonly stale: readonly StaleAcceptance[];
  /** Every rule of the catalogue, in id order, as the policy set it. */
  readonly rules: readonly RuleOutcome[];
  readonly failOn: Severity;
  readonly strict: boolean;
  readonly today: string;
  readonly policyFile?: string;
  readonly baseline: boolean;
  readonly failed: boolean;
}
