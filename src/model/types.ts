/**
 * The validated, resolved model every analysis reads: ids checked, durations in
 * seconds, defaults applied, and every figure that came from a default rather
 * than from the file recorded in `assumed`.
 */
import type { DeclaredKind } from './credential-kinds.js';
import type { DocPath } from '../yaml/diagnostic.js';
import type { Seconds } from './duration.js';

export type Sensitivity = 'low' | 'medium' | 'high' | 'critical';
export type Issuance = 'static' | 'per-session' | 'per-task';
export type Binding = 'bearer' | 'sender-constrained' | 'workload-bound';
export type RevocationMode = 'manual' | 'automated' | 'on-task-end' | 'none';
export type Autonomy = 'autonomous' | 'human-in-the-loop';
export type DelegationMode = 'passthrough' | 'exchange';
export type Subject = 'human' | 'workload';
export type ToolKind = 'mcp' | 'api' | 'cli' | 'saas' | 'sdk';
export type Publisher = 'first-party' | 'third-party';
export type IdentityKind = 'spiffe' | 'oidc' | 'cloud-role' | 'service-account' | 'api-key' | 'none';

/** A detection time: fixed, or log-normal (a single run uses its median). */
export type DetectionTime =
  | { readonly kind: 'fixed'; readonly seconds: Seconds }
  | { readonly kind: 'lognormal'; readonly median: Seconds; readonly p90: Seconds };

/** A figure taken from a default instead of the file, shown in every output. */
export interface Assumption {
  /** The element it applies to, e.g. `credential:gh-pat` or `model`. */
  readonly element: string;
  readonly field: string;
  readonly value: string;
  /** Where the figure comes from, e.g. `kind aws-sts-session` or `leakradius default`. */
  readonly source: string;
}

/** Where `leakradius import` read an element from (file and line of the configuration). */
export interface ImportedFrom {
  readonly file: string;
  readonly line: number;
  /** A credential whose secret value is written in the file itself. */
  readonly literal: boolean;
}

export interface Grant {
  readonly target: { readonly kind: 'resource' | 'agent'; readonly id: string };
  readonly actions: readonly string[];
  /** Actions that need a human step-up approval at each use. */
  readonly approval: readonly string[];
  readonly path: DocPath;
}

export interface Credential {
  readonly id: string;
  readonly name?: string;
  readonly kind?: string;
  readonly owner?: string;
  readonly subject: Subject;
  readonly ttl: Seconds;
  /** Set for refreshable credentials: the holder can keep refreshing it this long. */
  readonly maxLifetime?: Seconds;
  readonly issuance: Issuance;
  readonly binding: Binding;
  readonly revocation: { readonly mode: RevocationMode; readonly propagation: Seconds };
  readonly environments: readonly string[];
  readonly exposure: readonly string[];
  readonly derivedFrom?: string;
  readonly revokedWithParent: boolean;
  readonly grants: readonly Grant[];
  readonly source?: ImportedFrom;
  readonly path: DocPath;
}

export interface Delegation {
  readonly to: string;
  readonly mode: DelegationMode;
  readonly credential?: string;
  readonly path: DocPath;
}

export interface Agent {
  readonly id: string;
  readonly name?: string;
  readonly owner?: string;
  readonly purpose?: string;
  readonly environment?: string;
  readonly identity: { readonly kind: IdentityKind; readonly id?: string };
  readonly autonomy: Autonomy;
  readonly tools: readonly string[];
  readonly credentials: readonly string[];
  readonly delegates: readonly Delegation[];
  readonly source?: ImportedFrom;
  readonly path: DocPath;
}

export interface Tool {
  readonly id: string;
  readonly name?: string;
  readonly kind: ToolKind;
  readonly publisher: Publisher;
  readonly credential?: string;
  readonly source?: ImportedFrom;
  readonly path: DocPath;
}

export interface Resource {
  readonly id: string;
  readonly name?: string;
  readonly kind: string;
  readonly sensitivity: Sensitivity;
  readonly environment?: string;
  readonly owner?: string;
  readonly holds: readonly string[];
  readonly source?: ImportedFrom;
  readonly path: DocPath;
}

export type Step =
  | {
      readonly kind: 'action';
      readonly tool?: string;
      readonly resource: string;
      readonly action: string;
      readonly credential?: string;
      readonly path: DocPath;
    }
  | { readonly kind: 'delegate'; readonly to: string; readonly path: DocPath };

export interface Workflow {
  readonly id: string;
  readonly name?: string;
  readonly agent: string;
  readonly duration: Seconds;
  readonly steps: readonly Step[];
  readonly path: DocPath;
}

export interface Acceptance {
  readonly finding: string;
  readonly reason: string;
  readonly owner: string;
  /** YYYY-MM-DD; the acceptance holds through this day. */
  readonly expires: string;
  readonly path: DocPath;
}

export interface Model {
  readonly name: string;
  readonly description?: string;
  readonly detection: {
    readonly default: DetectionTime;
    readonly channels: ReadonlyMap<string, DetectionTime>;
    readonly harvested: Seconds;
  };
  readonly response: { readonly manual: Seconds; readonly automated: Seconds };
  readonly agents: readonly Agent[];
  readonly tools: readonly Tool[];
  readonly resources: readonly Resource[];
  readonly credentials: readonly Credential[];
  readonly workflows: readonly Workflow[];
  /** Kinds the model declares itself (`kinds:`), with what their providers can do. */
  readonly kinds: readonly DeclaredKind[];
  readonly accept: readonly Acceptance[];
  readonly assumptions: readonly Assumption[];
}
