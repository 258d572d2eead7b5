/**
 * The vocabulary of recommendations: a recommendation is a list of precise
 * edits to the model document as written (so one list drives `--write`,
 * `--format yaml-patch` and the TUI's toggles), a plain-language why, and the
 * effect its re-run measured.
 */
import type { DocPath } from '../../yaml/diagnostic.js';
import type { Seconds } from '../../model/duration.js';
import type { ModelRisk } from '../simulation/risk.js';

export type RecommendationKind =
  | 'ttl'
  | 'unused-scope'
  | 'binding'
  | 'revocation'
  | 'segmentation'
  | 'delegation'
  | 'step-up'
  | 'harvest'
  | 'migration';

/** Every kind, in the order detectors run (ties in ranking fall back to the id). */
export const RECOMMENDATION_KINDS: readonly RecommendationKind[] = [
  'ttl',
  'unused-scope',
  'binding',
  'revocation',
  'segmentation',
  'delegation',
  'step-up',
  'harvest',
  'migration',
];

/** A JSON value as found in a model document. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * One edit. Every path points into the ORIGINAL document (indices as written),
 * whatever other edits are applied with it; `applyEdits` orders the work so
 * that stays true.
 */
export type Edit =
  /** Set an object member; `old` is absent when the member was not written. */
  | { readonly op: 'set'; readonly path: DocPath; readonly old?: Json; readonly value: Json }
  /** Remove an element of an array (a grant, an action, a `holds` entry...). */
  | { readonly op: 'remove'; readonly path: DocPath; readonly old: Json }
  /** Append a value to an array, creating the array when it is absent. */
  | { readonly op: 'append'; readonly path: DocPath; readonly value: Json }
  /**
   * Add a credential that copies `from` as it stands after the other edits of
   * the selection (so a TTL or binding change to the original carries over),
   * with `fields` overriding members, `omit` members left out, and its grants
   * narrowed to `keep` (grant keys, see `grantKey`) unless `fields` gives
   * them. A copy with `stored` is kept wherever the original is (every
   * `holds` that still lists it): a segment of a stored secret is stored the
   * same way; a token minted at a handoff is not.
   */
  | {
      readonly op: 'copy-credential';
      readonly from: DocPath;
      readonly fields: { readonly id: string } & { readonly [key: string]: Json };
      readonly omit?: readonly string[];
      readonly keep?: readonly string[];
      readonly stored: boolean;
    };

/** Before → after figures of one credential's worst-case leak. */
export interface CredentialFigures {
  readonly exposureWindow: Seconds;
  readonly score: number;
  readonly timeWeightedScore: number;
}

export interface CredentialChange {
  readonly credential: string;
  /** null for a credential the recommendation adds. */
  readonly before: CredentialFigures | null;
  readonly after: CredentialFigures;
}

/**
 * The model's total risk (docs/simulation.md): the leaked-copy part (every
 * credential's worst-case leak) plus the hijacked-agent part (every agent's
 * hijacked-agent worst case); `total` is UNBOUNDED when any worst case never
 * ends. Because "unbounded → unbounded" says nothing, the bounded sum and the
 * count of unbounded worst cases are kept too: ranking compares the count
 * first, then the sum.
 */
export type Totals = ModelRisk;

/** Before → after of one agent's hijacked-agent worst case. */
export interface AgentFigures {
  readonly score: number;
  readonly timeWeightedScore: number;
}

export interface AgentChange {
  readonly agent: string;
  /** null for an agent the recommendation adds. */
  readonly before: AgentFigures | null;
  readonly after: AgentFigures;
}

export interface Effect {
  readonly before: Totals;
  readonly after: Totals;
  /** Credentials whose worst-case leak changed (or that were added), in model order. */
  readonly credentials: readonly CredentialChange[];
  /** Agents whose hijacked-agent worst case changed, in model order. */
  readonly agents: readonly AgentChange[];
}

/** What a detector proposes, before it is measured. */
export interface Candidate {
  /** Deterministic and unique: `<kind>:<subject>`, e.g. `ttl:gh-pat`. */
  readonly id: string;
  readonly kind: RecommendationKind;
  /** What to do, in one line. */
  readonly title: string;
  /** Why the model shows the need, in plain language. */
  readonly why: string;
  /** What carrying it out takes (a setting, a new app, a code change), in one line. */
  readonly takes: string;
  /**
   * Set when it needs something the kind's provider has published no figure
   * for (or the kind is not in the catalogue): the condition, in words. Such a
   * recommendation ranks below every one known to be possible.
   */
  readonly condition?: string;
  /** The part of the advice the model cannot express; it is not measured. */
  readonly outsideModel?: string;
  /** Ids of the model elements it is about (credentials, agents, resources). */
  readonly subjects: readonly string[];
  readonly edits: readonly Edit[];
  /** Candidates that are alternatives to this one (only one of them can be applied). */
  readonly alternatives?: readonly string[];
}

export interface Recommendation extends Candidate {
  readonly effect: Effect;
  /** Recommendations that cannot be applied together with this one. */
  readonly conflicts: readonly string[];
}

/** A candidate that was not shown, and why. */
export interface Withheld {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}
