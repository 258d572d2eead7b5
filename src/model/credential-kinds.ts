/**
 * The catalogue of known credential kinds: the published defaults leakradius
 * applies when a model leaves a field out, the limits an issuer enforces, what
 * the provider can do with each kind (bindings, issuance, revocation through an
 * API, revocation when found public, replacements), the prefixes that identify
 * its values, and the detection and response defaults. Every figure and
 * capability is backed by a source listed with the kind that says which facts
 * it backs (docs/credential-kinds.md is generated from this); a fact without a
 * published source is left out rather than guessed.
 * Each kind is one file under ./kinds/. Pure data plus tiny lookups: no I/O.
 */
import { CATALOGUE } from './kinds/index.js';

export interface KindDefaults {
  /** Model duration syntax: '30s' '15m' '1h' '7d' '366d' or 'never'. */
  ttl?: string;
  /** For refreshable kinds: how long refreshing keeps it alive. */
  maxLifetime?: string;
  issuance?: 'static' | 'per-session' | 'per-task';
  binding?: 'bearer' | 'sender-constrained' | 'workload-bound';
  revocation?: { mode?: 'manual' | 'automated' | 'on-task-end' | 'none'; propagation?: string };
  subject?: 'human' | 'workload';
  revokedWithParent?: boolean;
}

/** A fact of a kind that a source can back: a default, a limit, a capability or the prefixes. */
export type Fact =
  | 'ttl'
  | 'maxLifetime'
  | 'issuance'
  | 'binding'
  | 'revocation.mode'
  | 'revocation.propagation'
  | 'subject'
  | 'revokedWithParent'
  | 'minTtl'
  | 'maxTtl'
  | 'prefixes'
  | 'capabilities.bindings'
  | 'capabilities.issuance'
  | 'capabilities.revocableByApi'
  | 'capabilities.revokedWhenPublic'
  | 'capabilities.replacements';

export interface Source {
  title: string;
  url: string;
  /** The facts of the kind this source backs; a source that only gives context backs none. */
  backs?: readonly Fact[];
}

export interface CredentialKindInfo {
  /** Lowercase, matches ^[a-z0-9][a-z0-9._-]{0,63}$. */
  id: string;
  title: string;
  /** AWS, Google Cloud, Microsoft Entra, GitHub, Slack, SPIFFE/SPIRE, HashiCorp Vault, Kubernetes, generic... */
  provider: string;
  defaults: KindDefaults;
  /** The issuer refuses shorter lifetimes. */
  minTtl?: string;
  /** The issuer refuses longer lifetimes. */
  maxTtl?: string;
  /** One or two plain sentences: what matters for a leak. */
  notes: string;
  /** Every figure and capability above is backed by one of these (see `Source.backs`). */
  sources: Source[];
  /** What the provider can do with this kind; a field left out has no published figure. */
  capabilities?: KindCapabilities;
  /** Literal prefixes of the secret value that identify this kind (`ghp_`, `xoxb-`), as the issuer documents them. */
  prefixes?: string[];
}

export type Binding = 'bearer' | 'sender-constrained' | 'workload-bound';
export type Issuance = 'static' | 'per-session' | 'per-task';

/**
 * What a provider can do with a kind of credential, so that advice is something the provider
 * can carry out. Each field is either known (from a source listed with the kind) or left out:
 * an absent field means "no published figure", and advice that needs it says so.
 */
export interface KindCapabilities {
  /** Bindings the provider can issue this kind with; `bearer` alone means it cannot be bound. */
  bindings?: Binding[];
  /** Issuance modes the provider offers (`per-task` = just in time, one per task). */
  issuance?: Issuance[];
  /** A single credential can be revoked through an API, so `automated` revocation can be wired. */
  revocableByApi?: boolean;
  /** The provider revokes it by itself when it is found public (GitHub secret scanning, for one). */
  revokedWhenPublic?: boolean;
  /** What it can be replaced by, and what the move takes, in one line each. */
  replacements?: KindReplacement[];
}

export interface KindReplacement {
  /** A kind id in this catalogue. */
  kind: string;
  /** What carrying it out takes: "a GitHub App installed on the repositories, and a code change to mint tokens". */
  takes: string;
}

/**
 * A kind the catalogue does not know, with the capability facts a model declares for it
 * (`kinds:` in the model file). Only capabilities: its figures are written on each credential.
 */
export interface DeclaredKind {
  readonly id: string;
  readonly title?: string;
  readonly provider?: string;
  readonly capabilities: KindCapabilities;
  /** Where the model's authors found these facts (free text or a URL). */
  readonly source?: string;
}

// ---------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------

export const CREDENTIAL_KINDS: readonly CredentialKindInfo[] = CATALOGUE;

const BY_ID = new Map(CREDENTIAL_KINDS.map((k) => [k.id, k]));

/** The catalogue entry for a kind id, or undefined when the kind is not in the catalogue. */
export function credentialKind(id: string): CredentialKindInfo | undefined {
  return BY_ID.get(id);
}

/** Where what is known of a kind comes from: the catalogue, the model's own `kinds:` section, or nowhere. */
export type KindOrigin = 'catalogue' | 'model' | 'unknown';

export function kindOrigin(kindId: string, model: { readonly kinds: readonly DeclaredKind[] }): KindOrigin {
  if (BY_ID.has(kindId)) return 'catalogue';
  return model.kinds.some((k) => k.id === kindId) ? 'model' : 'unknown';
}

/**
 * What the provider of a kind can do: the catalogue's facts, else the ones the model declares
 * for a kind of its own, else nothing. A field left undefined has no published figure.
 */
export function capabilitiesOf(
  kindId: string | undefined,
  model: { readonly kinds: readonly DeclaredKind[] },
): KindCapabilities {
  if (kindId === undefined) return {};
  const known = BY_ID.get(kindId)?.capabilities ?? model.kinds.find((k) => k.id === kindId)?.capabilities;
  return known ?? {};
}

// ---------------------------------------------------------------------------
// Detection and response defaults
// ---------------------------------------------------------------------------

export interface DetectionDefaults {
  default: string;
  harvested: string;
  channels: Record<string, string>;
  /** For each figure above (`default`, `harvested`, a channel name): what its source measured, in a few words. */
  basis: Record<string, string>;
  sources: Source[];
  /** Why these figures, one point each (Markdown). */
  rationale: readonly string[];
}

const STILL_VALID_5D = 'over 90% of leaked secrets still valid 5 days after the leak (GitGuardian)';
const STILL_VALID_31D = '74% of leaked keys still valid 31 days after the leak (Truffle Security)';

export const DETECTION_DEFAULTS: DetectionDefaults = {
  default: '5d',
  harvested: '1d',
  channels: {
    'repo-commit': '5d',
    'ci-logs': '5d',
    logs: '31d',
    'prompt-context': '31d',
    'third-party-breach': '292d',
  },
  basis: {
    default: STILL_VALID_5D,
    'repo-commit': STILL_VALID_5D,
    'ci-logs': STILL_VALID_5D,
    logs: STILL_VALID_31D,
    'prompt-context': STILL_VALID_31D,
    'third-party-breach': 'average time to identify and contain a credential breach (IBM)',
    harvested: 'leakradius default',
  },
  sources: [
    {
      title:
        'GitGuardian, The State of Secrets Sprawl 2024: over 90% of exposed secrets remained active five days after the leak',
      url: 'https://blog.gitguardian.com/the-state-of-secrets-sprawl-2024/',
    },
    {
      title: 'GitGuardian, The State of Secrets Sprawl 2024 (report)',
      url: 'https://www.gitguardian.com/state-of-secrets-sprawl-report-2024',
    },
    {
      title:
        'Truffle Security: 74% of publicly leaked keys were still live 31 days after the leak (10,000 secrets leaked on public GitHub)',
      url: 'https://trufflesecurity.com/blog/most-publicly-leaked-keys-are-never-revoked',
    },
    {
      title:
        'GitGuardian, The State of Secrets Sprawl 2025, as reported by the NHI Mgmt Group: 70% of the secrets leaked in 2022 were still valid',
      url: 'https://nhimg.org/articles/secrets-sprawl-is-widening-the-non-human-identity-governance-gap/',
    },
    {
      title:
        'Meli, McNiece, Reaves: How Bad Can It Git? Characterizing Secret Leakage in Public GitHub Repositories (NDSS 2019)',
      url: 'https://www.ndss-symposium.org/ndss-paper/how-bad-can-it-git-characterizing-secret-leakage-in-public-github-repositories/',
    },
    {
      title:
        'Unit 42 EleKtra-Leak, as reported by The CyberWire: exposed AWS IAM credentials detected and used within five minutes of their exposure on GitHub',
      url: 'https://thecyberwire.com/stories/160b2cf9b0a34de9adbcd0868085462c/coinminers-exploit-iam-credentials',
    },
    {
      title: 'Sysdig 2023 Global Cloud Threat Report: 10 minutes from recon to attack',
      url: 'https://www.sysdig.com/press-releases/2023-cloud-threat-report',
    },
    {
      title: 'Comparitech GitHub honeypot: one minute for attackers to find and abuse an exposed AWS key',
      url: 'https://www.comparitech.com/blog/information-security/github-honeypot/',
    },
    {
      title:
        'IBM Cost of a Data Breach 2024, as reported by Cybersecurity Dive: breaches with stolen or compromised credentials took 292 days on average to identify and contain',
      url: 'https://cybersecuritydive.com/news/ibm-data-breach-cost-credentials-phishing/722689',
    },
  ],
  rationale: [
    'The leak studies behind these figures measured how long leaked secrets stay **valid**, not how soon a leak is **detected**: nobody publishes a time to detection. GitGuardian found over 90% of the secrets exposed on public GitHub still valid five days after the leak, despite its alerts, and 70% of those leaked in 2022 still valid in 2025; Truffle Security found 74% of 10,000 leaked keys still live 31 days later. Secret leakage on public repositories is pervasive (Meli et al., NDSS 2019).',
    'A secret still valid at day 5 was not detected and revoked by day 5, so each figure is a lower bound on the time from a leak to its revocation for most leaks. leakradius uses each as the time before a leak is noticed; response and propagation come on top, so a simulated window is at least what the studies observed for most leaks, and longer real windows are not ruled out (the median leak outlived both horizons).',
    'Attackers act within minutes: exposed AWS keys were found and used within five minutes (Unit 42, EleKtra-Leak), cloud attacks took ten minutes from recon to attack (Sysdig), and a honeypot key was abused within one minute (Comparitech). The time to revocation, not attacker speed, sets the window.',
    '`detection.default` **5d** and `repo-commit` **5d**: the GitGuardian five-day figure, measured on public GitHub, where secret scanners watch every commit.',
    '`ci-logs` **5d**: the CI logs of a public project are as public as its commits, so they take the repository figure.',
    '`logs` and `prompt-context` **31d**: no secret scanner watches these channels by default, so they take the month-long Truffle Security horizon. These are anchors, not measurements of those channels.',
    "`third-party-breach` **292d**: IBM's average time to identify and contain breaches involving stolen or compromised credentials (Cost of a Data Breach 2024). It includes containment, so it errs long.",
    '`detection.harvested` **1d** is a leakradius assumption, not a published figure: the extra time for responders to notice credentials harvested in an incident they have already detected.',
    'Every one of these figures is marked as assumed wherever it is used, with what its source measured; set `detection` in the model to replace them with your own.',
  ],
};

export const RESPONSE_DEFAULTS: { manual: string; automated: string; rationale: string } = {
  manual: '8h',
  automated: '2m',
  rationale:
    'Organisation-specific assumptions, not published figures: manual 8h stands for a working day between an alert and a person issuing the revocation, automated 2m for a pipeline that revokes on its own. ' +
    'Every output marks them as assumed; set response.manual and response.automated to your own measured figures.',
};
