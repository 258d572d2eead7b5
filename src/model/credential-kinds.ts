/**
 * The catalogue of known credential kinds: the published defaults leakradius
 * applies when a model leaves a field out, the limits an issuer enforces, and
 * the detection and response defaults. Every figure is backed by one of the
 * sources listed with it (docs/credential-kinds.md shows them for readers);
 * a field without a published figure is left out rather than guessed.
 * Pure data plus tiny lookups: no I/O.
 */

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

export interface Source {
  title: string;
  url: string;
}

export interface CredentialKindInfo {
  /** Lowercase, matches ^[a-z0-9][a-z0-9._-]{0,63}$. */
  id: string;
  title: string;
  /** AWS, Google Cloud, Microsoft Entra, GitHub, SPIFFE/SPIRE, HashiCorp Vault, Kubernetes, generic. */
  provider: string;
  defaults: KindDefaults;
  /** The issuer refuses shorter lifetimes. */
  minTtl?: string;
  /** The issuer refuses longer lifetimes. */
  maxTtl?: string;
  /** One or two plain sentences: what matters for a leak. */
  notes: string;
  /** Every figure above is backed by one of these. */
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

// ---------------------------------------------------------------------------
// Sources shared by several kinds
// ---------------------------------------------------------------------------

const AWS_ASSUME_ROLE: Source = {
  title:
    'AWS STS API Reference: AssumeRole (DurationSeconds: 900 s to the role maximum of up to 12 h, default 3600 s; role chaining limited to one hour)',
  url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
};
const AWS_METHODS_TO_ASSUME: Source = {
  title: 'AWS IAM User Guide: Methods to assume a role (credential lifetime min 15m, max role setting, default 1h)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html',
};
const AWS_REVOKE_SESSIONS: Source = {
  title:
    'AWS IAM User Guide: Revoke IAM role temporary security credentials (denies every session issued before a point in time)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
};
const AWS_DISABLE_TEMP_PERMS: Source = {
  title:
    'AWS IAM User Guide: Disabling permissions for temporary security credentials ("It might take a few minutes for policy updates to take effect")',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html',
};
const AWS_EVENTUAL_CONSISTENCY: Source = {
  title: 'AWS IAM User Guide: What is IAM? (IAM is eventually consistent; changes take some time to replicate)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction.html',
};
const GCP_ACCESS_CHANGE_PROPAGATION: Source = {
  title:
    'Google Cloud IAM: Access change propagation (policy changes typically 2 minutes, potentially 7 minutes or longer)',
  url: 'https://cloud.google.com/iam/docs/access-change-propagation',
};
const ENTRA_ACCESS_TOKENS: Source = {
  title:
    'Microsoft identity platform: Access tokens, token lifetime (random value between 60 and 90 minutes, 75 on average)',
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#token-lifetime',
};
const ENTRA_CONFIGURABLE_LIFETIMES: Source = {
  title:
    'Microsoft identity platform: Configurable token lifetimes (access tokens cannot be revoked and stay valid until they expire)',
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/configurable-token-lifetimes',
};
const ENTRA_CAE: Source = {
  title:
    'Microsoft Entra: Continuous access evaluation (latency of up to 15 minutes; up to 28 hours token lifetime in CAE sessions)',
  url: 'https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-continuous-access-evaluation',
};
const GITHUB_PAT_MANAGING: Source = {
  title: 'GitHub Docs: Managing your personal access tokens (tokens act on behalf of the user who created them)',
  url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
};
const GITHUB_PAT_POLICY: Source = {
  title:
    'GitHub Docs: Setting a personal access token policy for your organization (fine-grained: default maximum lifetime policy 366 days; classic: no expiration requirement)',
  url: 'https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization',
};
const SPIRE_SERVER_CONFIG: Source = {
  title: 'SPIRE Server configuration reference (default_x509_svid_ttl 1h, default_jwt_svid_ttl 5m)',
  url: 'https://spiffe.io/docs/latest/deploying/spire_server/',
};
const RFC7009_SELF_CONTAINED: Source = {
  title:
    'RFC 7009 OAuth 2.0 Token Revocation, section 3: self-contained access tokens are validated without asking the authorization server',
  url: 'https://www.rfc-editor.org/rfc/rfc7009#section-3',
};
const K8S_SECRET_SA_TOKEN: Source = {
  title:
    'Kubernetes: Secrets, ServiceAccount token Secrets ("persisting a non-expiring token credential in a readable API object")',
  url: 'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
};

// ---------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------

export const CREDENTIAL_KINDS: readonly CredentialKindInfo[] = [
  {
    id: 'aws-sts-session',
    title: 'AWS STS role session (AssumeRole)',
    provider: 'AWS',
    defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } },
    minTtl: '15m',
    maxTtl: '12h',
    notes:
      'A role session cannot be revoked on its own: revoking means attaching a policy that denies every session of the role issued before a point in time. The policy change takes effect after a few minutes (AWS gives no exact figure; the catalogue reads it as 5m).',
    sources: [AWS_ASSUME_ROLE, AWS_METHODS_TO_ASSUME, AWS_REVOKE_SESSIONS, AWS_DISABLE_TEMP_PERMS],
  },
  {
    id: 'aws-sts-role-chained',
    title: 'AWS STS role session reached by role chaining',
    provider: 'AWS',
    defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } },
    minTtl: '15m',
    maxTtl: '1h',
    notes:
      "A session assumed with another role session's credentials is capped at one hour; a longer DurationSeconds fails. Whoever holds the first session can keep assuming the second, so model it with derivedFrom.",
    sources: [
      AWS_ASSUME_ROLE,
      {
        title: 'AWS re:Post Knowledge Center: role chaining limits a CLI or API role session to a maximum of 1 hour',
        url: 'https://repost.aws/knowledge-center/iam-role-chaining-limit',
      },
      AWS_REVOKE_SESSIONS,
      AWS_DISABLE_TEMP_PERMS,
    ],
  },
  {
    id: 'aws-iam-access-key',
    title: 'AWS IAM user access key (AKIA...)',
    provider: 'AWS',
    defaults: { ttl: 'never', issuance: 'static', revocation: { mode: 'manual', propagation: '5m' } },
    notes:
      'A long-term access key never expires: it works until someone deactivates or deletes it. IAM changes are eventually consistent, so deactivation takes a few minutes to reach every endpoint.',
    sources: [
      {
        title:
          'AWS IAM User Guide: Programmatic access with AWS security credentials ("long-term access keys that never expire")',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html',
      },
      AWS_EVENTUAL_CONSISTENCY,
      AWS_DISABLE_TEMP_PERMS,
    ],
  },
  {
    id: 'gcp-service-account-token',
    title: 'Google Cloud service account access token',
    provider: 'Google Cloud',
    defaults: { ttl: '1h', revocation: { mode: 'manual', propagation: '7m' } },
    maxTtl: '12h',
    notes:
      "Tokens last 1 hour unless an organization policy allows up to 12 hours. Taking the service account's roles away is an IAM policy change: typically 2 minutes, potentially 7 minutes or longer; the catalogue uses 7m.",
    sources: [
      {
        title:
          'Google Cloud IAM Credentials API: projects.serviceAccounts.generateAccessToken (lifetime default 1 hour, up to 12 hours with constraints/iam.allowServiceAccountCredentialLifetimeExtension)',
        url: 'https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken',
      },
      GCP_ACCESS_CHANGE_PROPAGATION,
    ],
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud user-managed service account key (JSON key file)',
    provider: 'Google Cloud',
    defaults: { ttl: 'never', issuance: 'static' },
    notes:
      'User-managed keys do not expire by default (an organization policy can set an expiry for new keys). Whoever holds the key file can mint access tokens until the key is disabled or deleted.',
    sources: [
      {
        title:
          'Google Cloud blog: Introducing time-bound key authentication for service accounts ("service account keys by default do not expire")',
        url: 'https://cloud.google.com/blog/products/identity-security/introducing-time-bound-key-authentication-for-service-accounts',
      },
    ],
  },
  {
    id: 'entra-access-token',
    title: 'Microsoft Entra ID access token',
    provider: 'Microsoft Entra',
    defaults: { ttl: '90m', revocation: { mode: 'none' } },
    notes:
      'The default lifetime is a random value between 60 and 90 minutes (the catalogue takes the upper end); it cannot be revoked before it expires. For a client and resource that both support continuous access evaluation, use entra-cae-access-token.',
    sources: [ENTRA_ACCESS_TOKENS, ENTRA_CONFIGURABLE_LIFETIMES],
  },
  {
    id: 'entra-cae-access-token',
    title: 'Microsoft Entra ID access token in a continuous access evaluation (CAE) session',
    provider: 'Microsoft Entra',
    defaults: { ttl: '28h', revocation: { mode: 'manual', propagation: '15m' } },
    notes:
      'CAE-aware sessions get long-lived tokens, up to 28 hours, that the resource rejects after critical events such as account disable or password reset. Propagation is near real time but up to 15 minutes can be observed.',
    sources: [ENTRA_CAE],
  },
  {
    id: 'azure-managed-identity-token',
    title: 'Azure managed identity access token',
    provider: 'Microsoft Entra',
    defaults: { ttl: '24h', revocation: { mode: 'manual', propagation: '24h' } },
    notes:
      "The managed identity back end caches a token per resource for around 24 hours and a refresh cannot be forced, so a change to the identity's roles or groups can take up to about a day to take effect.",
    sources: [
      {
        title:
          'Microsoft Entra: Managed identities for Azure resources FAQ, "Are managed identities tokens cached?" (cache per resource URI for around 24 hours)',
        url: 'https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identities-faq',
      },
      {
        title:
          'Microsoft Entra: Managed identity best practice recommendations, limitation of using managed identities for authorization',
        url: 'https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations',
      },
    ],
  },
  {
    id: 'github-app-installation-token',
    title: 'GitHub App installation access token (ghs_...)',
    provider: 'GitHub',
    defaults: { ttl: '1h' },
    notes:
      "An installation token expires after one hour. Whoever holds the app's private key can mint new ones, so model the key as the parent (derivedFrom).",
    sources: [
      {
        title:
          'GitHub Docs: Generating an installation access token for a GitHub App ("The installation access token will expire after 1 hour")',
        url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app',
      },
    ],
  },
  {
    id: 'github-actions-oidc-token',
    title: 'GitHub Actions OIDC ID token',
    provider: 'GitHub',
    defaults: { ttl: '5m', issuance: 'per-task', revocation: { mode: 'none' } },
    notes:
      "A signed JWT, unique to each job, that the cloud provider validates against GitHub's published keys; nothing can revoke it. GitHub does not state its lifetime in prose: its documented example token has exp 300 seconds after iat, and the cloud credentials it is exchanged for have their own kind.",
    sources: [
      {
        title:
          'GitHub Docs: About security hardening with OpenID Connect (example token: iat 1632493567, exp 1632493867)',
        url: 'https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect',
      },
      RFC7009_SELF_CONTAINED,
    ],
  },
  {
    id: 'github-actions-token',
    title: 'GitHub Actions GITHUB_TOKEN',
    provider: 'GitHub',
    defaults: { ttl: '24h', issuance: 'per-task', revocation: { mode: 'on-task-end' } },
    maxTtl: '24h',
    notes:
      'GitHub creates a GITHUB_TOKEN for each job; it expires when the job finishes or after at most 24 hours (6 hours on GitHub-hosted runners, whose jobs cannot run longer). A copy exfiltrated during the job dies with the job.',
    sources: [
      {
        title: 'GitHub Docs: GITHUB_TOKEN ("expires when a job finishes or after a maximum of 24 hours")',
        url: 'https://docs.github.com/en/actions/concepts/security/github_token',
      },
    ],
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token (github_pat_...)',
    provider: 'GitHub',
    defaults: { ttl: '366d', issuance: 'static', subject: 'human' },
    notes:
      'A personal token acts as the user who created it, so an agent holding one acts as a person. The catalogue uses 366 days, the default maximum lifetime policy for organizations; a shorter expiry chosen at creation should be written as ttl.',
    sources: [GITHUB_PAT_MANAGING, GITHUB_PAT_POLICY],
  },
  {
    id: 'github-classic-pat',
    title: 'GitHub personal access token (classic) (ghp_...)',
    provider: 'GitHub',
    defaults: { ttl: 'never', issuance: 'static', subject: 'human' },
    notes:
      'Classic tokens have no expiration requirement and may be created with no expiration; they act as the user across every repository the user can reach.',
    sources: [GITHUB_PAT_MANAGING, GITHUB_PAT_POLICY],
  },
  {
    id: 'personal-access-token',
    title: 'Personal access token (any service)',
    provider: 'generic',
    defaults: { issuance: 'static', subject: 'human' },
    notes:
      'A token issued to a person and used on their behalf. Lifetimes differ by service, so write ttl; for GitHub use github-fine-grained-pat or github-classic-pat.',
    sources: [GITHUB_PAT_MANAGING],
  },
  {
    id: 'spiffe-x509-svid',
    title: 'SPIFFE X.509-SVID issued by SPIRE',
    provider: 'SPIFFE/SPIRE',
    defaults: { ttl: '1h', binding: 'workload-bound' },
    notes:
      'An X.509 certificate used for mutual TLS: a copy of the certificate is useless without its private key, which stays with the workload. SPIRE issues it for 1 hour by default and rotates it before expiry.',
    sources: [
      SPIRE_SERVER_CONFIG,
      {
        title: 'SPIFFE standard: X.509-SVID',
        url: 'https://github.com/spiffe/spiffe/blob/main/standards/X509-SVID.md',
      },
    ],
  },
  {
    id: 'spiffe-jwt-svid',
    title: 'SPIFFE JWT-SVID issued by SPIRE',
    provider: 'SPIFFE/SPIRE',
    defaults: { ttl: '5m', binding: 'bearer', revocation: { mode: 'none' } },
    notes:
      'A signed JWT validated against the trust bundle: a copy can be replayed to any service that accepts its audience until it expires, 5 minutes by default in SPIRE.',
    sources: [
      SPIRE_SERVER_CONFIG,
      {
        title: 'SPIFFE standard: JWT-SVID, section 7.1 Replay Protection',
        url: 'https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md',
      },
      RFC7009_SELF_CONTAINED,
    ],
  },
  {
    id: 'vault-dynamic-secret',
    title: 'HashiCorp Vault dynamic secret (leased)',
    provider: 'HashiCorp Vault',
    defaults: { ttl: '768h', revocation: { propagation: '0s' }, revokedWithParent: true },
    notes:
      'Without an explicit TTL Vault leases dynamic secrets for 32 days (768h). Revoking a lease invalidates the secret immediately, and revoking the Vault token that created it revokes its leases too.',
    sources: [
      {
        title: 'HashiCorp Vault: Tune the lease time-to-live (leases default to a TTL of 32 days, 768h)',
        url: 'https://developer.hashicorp.com/vault/docs/troubleshoot/tune-lease-ttl',
      },
      {
        title:
          'HashiCorp Vault: Lease, renew, and revoke ("When a lease is revoked, it invalidates that secret immediately"; revoking a token revokes its leases)',
        url: 'https://developer.hashicorp.com/vault/docs/concepts/lease',
      },
    ],
  },
  {
    id: 'kubernetes-service-account-token',
    title: 'Kubernetes projected (bound) service account token',
    provider: 'Kubernetes',
    defaults: { ttl: '1h' },
    minTtl: '10m',
    notes:
      'expirationSeconds defaults to 1 hour and must be at least 10 minutes; the kubelet rotates the token. The token is bound to its Pod and stops working when the Pod is deleted.',
    sources: [
      {
        title:
          'Kubernetes: Projected Volumes, serviceAccountToken ("defaults to 1 hour and must be at least 10 minutes (600 seconds)")',
        url: 'https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken',
      },
      K8S_SECRET_SA_TOKEN,
    ],
  },
  {
    id: 'kubernetes-legacy-service-account-token',
    title: 'Kubernetes Secret-based (legacy) service account token',
    provider: 'Kubernetes',
    defaults: { ttl: 'never', issuance: 'static' },
    notes:
      "A token stored in a kubernetes.io/service-account-token Secret never expires; anyone who can read the Secret obtains it, so list the Secret's store in a resource's holds.",
    sources: [K8S_SECRET_SA_TOKEN],
  },
  {
    id: 'jwt',
    title: 'Self-contained JWT access token (validated without introspection)',
    provider: 'generic',
    defaults: { revocation: { mode: 'none' }, revokedWithParent: false },
    notes:
      'A resource server that checks only the signature and expiry never asks the issuer, so the token stays valid until it expires whatever is revoked upstream. Write its ttl.',
    sources: [RFC7009_SELF_CONTAINED],
  },
  {
    id: 'oauth-refresh-token',
    title: 'OAuth 2.0 refresh token',
    provider: 'generic',
    defaults: {},
    notes:
      'A refresh token, or anything else that can mint new tokens, extends a leak to its own lifetime: model the tokens it mints with derivedFrom, or give the access token a maxLifetime. Lifetimes differ by issuer, so write ttl.',
    sources: [
      {
        title: 'RFC 6749 The OAuth 2.0 Authorization Framework, section 1.5 Refresh Token',
        url: 'https://www.rfc-editor.org/rfc/rfc6749#section-1.5',
      },
      {
        title: 'RFC 7009 OAuth 2.0 Token Revocation (servers must support revoking refresh tokens)',
        url: 'https://www.rfc-editor.org/rfc/rfc7009',
      },
    ],
  },
  {
    id: 'api-key',
    title: 'Static API key (any service)',
    provider: 'generic',
    defaults: { issuance: 'static' },
    notes:
      'A key issued once and used until someone rotates it; many services never expire keys. Lifetimes differ by service, so write ttl (ttl: never if it has none).',
    sources: [],
  },
];

const BY_ID = new Map(CREDENTIAL_KINDS.map((k) => [k.id, k]));

/** The catalogue entry for a kind id, or undefined when the kind is not in the catalogue. */
export function credentialKind(id: string): CredentialKindInfo | undefined {
  return BY_ID.get(id);
}

// ---------------------------------------------------------------------------
// Detection and response defaults
// ---------------------------------------------------------------------------

export interface DetectionDefaults {
  default: string;
  harvested: string;
  channels: Record<string, string>;
  sources: Source[];
  rationale: string;
}

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
  rationale:
    'Published leak data shows leaked secrets staying usable for days to weeks while attackers act within minutes. ' +
    'GitGuardian found over 90% of secrets exposed on public GitHub still active five days after the leak, despite its alerts; Truffle Security found 74% of leaked keys still live after 31 days. ' +
    'Exposed AWS keys were used within minutes (Unit 42: five minutes; Sysdig: ten minutes from recon to attack; Comparitech: one minute), so time to detection, not attacker speed, sets the window. ' +
    'Hence default 5d, and repo-commit 5d: the GitGuardian figure, measured on public GitHub, where secret scanners watch every commit. ' +
    'ci-logs 5d: the CI logs of a public project are as public as its commits, so they take the repository figure. ' +
    'logs and prompt-context 31d: no secret scanner watches them by default, so they take the month-long Truffle Security horizon; these are anchors, not measurements of those channels. ' +
    "third-party-breach 292d: IBM's average time to identify and contain breaches involving stolen credentials (it includes containment, so it errs long). " +
    'harvested 1d is a leakradius assumption, not a published figure: the time for responders to notice credentials harvested in an incident they have already detected. ' +
    'Every one of these figures is marked as assumed wherever it is used; set detection in the model to replace them.',
};

export const RESPONSE_DEFAULTS: { manual: string; automated: string; rationale: string } = {
  manual: '8h',
  automated: '2m',
  rationale:
    'Organisation-specific assumptions, not published figures: manual 8h stands for a working day between an alert and a person issuing the revocation, automated 2m for a pipeline that revokes on its own. ' +
    'Every output marks them as assumed; set response.manual and response.automated to your own measured figures.',
};
