/**
 * What a rule is: a stable id, a title, a default severity, why it matters,
 * how to fix it, its OWASP mappings, and a pure `check` over one model that
 * returns findings pinned to a node of the model file.
 */
import type { Thresholds, Severity } from '../../model/policy.js';
import type { DocPath } from '../../yaml/diagnostic.js';
import type { AnalysisContext } from '../context.js';
import type { DelegationFacts } from '../delegation/facts.js';
import type { WorstCase } from '../simulation/worst-case.js';
import type { AsiId, NhiId } from './owasp.js';

/** The kinds of element a finding can be about; `delegation:<from>/<to>` and `cycle:<a>/<b>/...` name edges and loops. */
export type FindingElementKind = 'agent' | 'tool' | 'resource' | 'credential' | 'workflow' | 'delegation' | 'cycle';

export interface FindingElement {
  readonly kind: FindingElementKind;
  readonly id: string;
}

/** A rule's raw finding, before the engine adds its id, location, severity and status. */
export interface RuleFinding {
  readonly element: FindingElement;
  /** The offending node; the engine turns it into line:column. */
  readonly path: DocPath;
  /** Where to point instead when `path` is not written in the file (a default applied). */
  readonly fallback?: DocPath;
  readonly message: string;
}

/** What a rule may read. The expensive analyses are computed once per model, on first use, and shared by every rule. */
export interface RuleInput {
  readonly ctx: AnalysisContext;
  readonly thresholds: Thresholds;
  worstCases(): ReadonlyMap<string, WorstCase>;
  delegation(): DelegationFacts;
}

export interface Rule {
  /** `LR001`: never reused, never renumbered. */
  readonly id: string;
  /** `LongLivedCredential`: an identifier for tools that want one (SARIF's rule name). */
  readonly name: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly fix: string;
  readonly owasp: { readonly nhi: readonly NhiId[]; readonly asi: readonly AsiId[] };
  check(input: RuleInput): RuleFinding[];
}

export function elementRef(e: FindingElement): string {
  return `${e.kind}:${e.id}`;
}
