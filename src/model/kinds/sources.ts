/** Sources that back facts of several kinds; a kind's own sources live in its file. */
import type { Fact, Source } from '../credential-kinds.js';

/** A shared source used by a kind for only some of the facts it backs elsewhere. */
export function citing(source: Source, ...backs: Fact[]): Source {
  return { ...source, backs };
}

export const RFC6750_BEARER: Source = {
  title:
    'RFC 6750 The OAuth 2.0 Authorization Framework: Bearer Token Usage, section 1.2 ("any party in possession of a bearer token can use it")',
  url: 'https://www.rfc-editor.org/rfc/rfc6750#section-1.2',
  backs: ['capabilities.bindings'],
};
export const RFC7009_SELF_CONTAINED: Source = {
  title:
    'RFC 7009 OAuth 2.0 Token Revocation, section 3: self-contained access tokens are validated without asking the authorization server',
  url: 'https://www.rfc-editor.org/rfc/rfc7009#section-3',
  backs: ['revocation.mode', 'revokedWithParent', 'capabilities.revocableByApi'],
};

// AWS
export const AWS_ASSUME_ROLE: Source = {
  title:
    'AWS STS API Reference: AssumeRole (DurationSeconds: 900 s to the role maximum of up to 12 h, default 3600 s; role chaining limited to one hour; each call returns a new set of temporary credentials)',
  url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
  backs: ['ttl', 'minTtl', 'maxTtl', 'issuance', 'capabilities.issuance'],
};
export const AWS_METHODS_TO_ASSUME: Source = {
  title: 'AWS IAM User Guide: Methods to assume a role (credential lifetime min 15m, max role setting, default 1h)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html',
  backs: ['ttl', 'minTtl', 'maxTtl'],
};
export const AWS_REVOKE_SESSIONS: Source = {
  title:
    'AWS IAM User Guide: Revoke IAM role temporary security credentials (an inline policy, attached through the IAM API or console, denies every session issued before a point in time)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
  backs: ['revocation.mode', 'capabilities.revocableByApi'],
};
export const AWS_DISABLE_TEMP_PERMS: Source = {
  title:
    'AWS IAM User Guide: Disabling permissions for temporary security credentials ("It might take a few minutes for policy updates to take effect")',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html',
  backs: ['revocation.propagation'],
};
export const AWS_EVENTUAL_CONSISTENCY: Source = {
  title: 'AWS IAM User Guide: What is IAM? (IAM is eventually consistent; changes take some time to replicate)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction.html',
  backs: ['revocation.propagation'],
};
export const AWS_ACCESS_KEYS: Source = {
  title:
    'AWS IAM User Guide: Manage access keys for IAM users (access keys sign requests; giving them away "might give someone permanent access"; use temporary credentials instead; keys are deactivated or deleted through the IAM API)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  backs: ['capabilities.bindings', 'capabilities.revocableByApi', 'capabilities.replacements', 'revocation.mode'],
};
export const AWS_TEMP_CREDENTIALS: Source = {
  title:
    'AWS IAM User Guide: Temporary security credentials in IAM ("work almost identically to long-term access key credentials", with a session token and an expiry)',
  url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html',
  backs: ['capabilities.bindings'],
};
export const AWS_ACCESS_KEY_PREFIXES: Source = {
  title:
    'AWS STS API Reference: GetAccessKeyInfo (access key IDs beginning with AKIA are long-term credentials, ASIA temporary credentials created with AWS STS)',
  url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html',
  backs: ['prefixes'],
};

// Google Cloud
export const GCP_ACCESS_CHANGE_PROPAGATION: Source = {
  title:
    'Google Cloud IAM: Access change propagation (policy changes typically take 2 minutes, potentially 7 minutes or longer: an estimate, not a maximum)',
  url: 'https://cloud.google.com/iam/docs/access-change-propagation',
  backs: ['revocation.mode', 'revocation.propagation'],
};
export const GCP_GENERATE_ACCESS_TOKEN: Source = {
  title:
    'Google Cloud IAM Credentials API: projects.serviceAccounts.generateAccessToken (a new token per call; lifetime default 1 hour, up to 12 hours with constraints/iam.allowServiceAccountCredentialLifetimeExtension)',
  url: 'https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken',
  backs: ['ttl', 'maxTtl', 'capabilities.issuance'],
};

// Microsoft Entra
export const ENTRA_ACCESS_TOKENS: Source = {
  title:
    'Microsoft identity platform: Access tokens, token lifetime (random value between 60 and 90 minutes, 75 on average)',
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#token-lifetime',
  backs: ['ttl'],
};
export const ENTRA_CONFIGURABLE_LIFETIMES: Source = {
  title:
    'Microsoft identity platform: Configurable token lifetimes (access tokens cannot be revoked and stay valid until they expire)',
  url: 'https://learn.microsoft.com/en-us/entra/identity-platform/configurable-token-lifetimes',
  backs: ['revocation.mode', 'capabilities.revocableByApi'],
};
export const ENTRA_CAE: Source = {
  title:
    'Microsoft Entra: Continuous access evaluation (critical events such as a revoked session are enforced near real time, with a latency of up to 15 minutes; up to 28 hours token lifetime in CAE sessions)',
  url: 'https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-continuous-access-evaluation',
  backs: ['ttl', 'revocation.mode', 'revocation.propagation'],
};
export const ENTRA_REVOKE_SESSIONS: Source = {
  title:
    "Microsoft Graph: user: revokeSignInSessions (invalidates the user's refresh tokens and session cookies through the API)",
  url: 'https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions',
  backs: ['capabilities.revocableByApi'],
};

// GitHub
export const GITHUB_TOKEN_REVOCATION: Source = {
  title:
    'GitHub Docs: Token expiration and revocation (a valid OAuth token, GitHub App token or personal access token pushed to a public repository or public gist is automatically revoked; OAuth tokens and personal access tokens unused for a year are revoked)',
  url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation',
  backs: ['capabilities.revokedWhenPublic'],
};
export const GITHUB_CREDENTIALS_REVOKE: Source = {
  title:
    'GitHub REST API: Revoke a list of credentials (POST /credentials/revoke accepts personal access tokens (classic) ghp_, fine-grained personal access tokens github_pat_, OAuth tokens gho_, user-to-server tokens ghu_ and refresh tokens ghr_)',
  url: 'https://docs.github.com/en/rest/credentials/revoke',
  backs: ['capabilities.revocableByApi', 'prefixes'],
};
export const GITHUB_TOKEN_FORMATS: Source = {
  title:
    'GitHub Changelog: Authentication token format updates are generally available (prefixes ghp_ personal access tokens, gho_ OAuth, ghu_ GitHub App user-to-server, ghs_ GitHub App server-to-server, ghr_ refresh tokens)',
  url: 'https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available/',
  backs: ['prefixes'],
};
export const GITHUB_PAT_MANAGING: Source = {
  title:
    'GitHub Docs: Managing your personal access tokens (tokens act on behalf of the user who created them; GitHub recommends a GitHub App for an organization or long-lived integration)',
  url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
  backs: ['subject', 'issuance', 'capabilities.issuance', 'capabilities.replacements'],
};
export const GITHUB_PAT_POLICY: Source = {
  title:
    'GitHub Docs: Setting a personal access token policy for your organization (maximum lifetime policies for fine-grained and classic tokens; fine-grained default 366 days; classic tokens may be created with no expiration unless a policy requires one)',
  url: 'https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization',
  backs: ['ttl'],
};
export const GITHUB_PAT_LIFETIME_CHANGELOG: Source = {
  title:
    'GitHub Changelog 2024-10-18: New PAT rotation policies and optional expiration for fine-grained PATs (fine-grained tokens can be created with no expiration; organizations and enterprises apply a 366-day policy by default; administrators can set 1 to 366 days for both token types)',
  url: 'https://github.blog/changelog/2024-10-18-new-pat-rotation-policies-preview-and-optional-expiration-for-fine-grained-pats',
  backs: ['ttl'],
};
export const GITHUB_INSTALLATION_TOKEN: Source = {
  title:
    'GitHub Docs: Generating an installation access token for a GitHub App (minted on demand from the app\'s key, optionally narrowed to repositories and permissions; "The installation access token will expire after 1 hour")',
  url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app',
  backs: ['ttl', 'capabilities.issuance', 'capabilities.replacements'],
};

// Slack
export const SLACK_TOKEN_TYPES: Source = {
  title:
    'Slack: Tokens (bot tokens xoxb-, user tokens xoxp- acting as the user who authorized, app-level tokens xapp-)',
  url: 'https://docs.slack.dev/authentication/tokens',
  backs: ['prefixes', 'subject'],
};
export const SLACK_TOKEN_ROTATION: Source = {
  title:
    'Slack: Using token rotation ("Without token rotation, the access token never expires. With token rotation, it expires every 12 hours"; a refresh token exchanges for a new access token and is then revoked)',
  url: 'https://docs.slack.dev/authentication/using-token-rotation',
  backs: ['ttl', 'issuance', 'capabilities.issuance', 'capabilities.replacements', 'prefixes'],
};
export const SLACK_AUTH_REVOKE: Source = {
  title: 'Slack Web API: auth.revoke ("This method revokes an access token")',
  url: 'https://api.slack.com/methods/auth.revoke',
  backs: ['capabilities.revocableByApi'],
};
export const SLACK_PUBLIC_TOKENS: Source = {
  title:
    'Slack Platform Blog: Slack tokens, what they are, how they\'re used ("we have begun proactively monitoring common code-sharing sites for these tokens. When we find a token, we revoke it")',
  url: 'https://medium.com/slack-developer-blog/slack-tokens-what-they-are-how-theyre-used-and-how-to-keep-your-data-safe-ed1b00d2715a',
  backs: ['capabilities.revokedWhenPublic'],
};

// Kubernetes
export const K8S_SECRET_SA_TOKEN: Source = {
  title:
    'Kubernetes: Secrets, ServiceAccount token Secrets ("persisting a non-expiring token credential in a readable API object")',
  url: 'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
  backs: ['ttl', 'issuance', 'capabilities.issuance', 'capabilities.replacements'],
};
export const K8S_PROJECTED_VOLUMES: Source = {
  title:
    'Kubernetes: Projected Volumes, serviceAccountToken ("defaults to 1 hour and must be at least 10 minutes (600 seconds)")',
  url: 'https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken',
  backs: ['ttl', 'minTtl', 'capabilities.replacements'],
};
export const K8S_MANAGING_SERVICE_ACCOUNTS: Source = {
  title:
    'Kubernetes: Managing Service Accounts (bound tokens are checked against their bound object by the API server; deleting a token Secret revokes a Secret-based token)',
  url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/',
  backs: ['capabilities.revocableByApi'],
};
export const K8S_APISERVER_EXTEND: Source = {
  title:
    'Kubernetes: kube-apiserver reference, --service-account-extend-token-expiration (default true: admission-injected tokens are extended up to 1 year, ignoring --service-account-max-token-expiration)',
  url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  backs: ['ttl'],
};

// GitLab
export const GITLAB_TOKEN_OVERVIEW: Source = {
  title:
    'GitLab Docs: GitLab token overview, token prefixes (personal, project and group access tokens start with glpat-)',
  url: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
  backs: ['prefixes'],
};

// Stripe
export const STRIPE_API_KEYS: Source = {
  title:
    'Stripe Docs: API keys (secret keys sk_test_ and sk_live_, restricted keys rk_test_ and rk_live_ limited to chosen resources; created, revealed once, rolled and deleted in the Dashboard)',
  url: 'https://docs.stripe.com/keys',
  backs: ['prefixes', 'issuance', 'capabilities.issuance', 'capabilities.replacements'],
};

// Supabase
export const SUPABASE_API_KEYS: Source = {
  title:
    'Supabase Docs: API keys (publishable keys sb_publishable_, secret keys sb_secret_ that bypass Row Level Security; create, delete and rotate a leaked key in the project settings)',
  url: 'https://supabase.com/docs/guides/api/api-keys',
  backs: ['prefixes', 'issuance', 'capabilities.issuance'],
};

// SPIFFE/SPIRE
export const SPIRE_SERVER_CONFIG: Source = {
  title: 'SPIRE Server configuration reference (default_x509_svid_ttl 1h, default_jwt_svid_ttl 5m)',
  url: 'https://spiffe.io/docs/latest/deploying/spire_server/',
  backs: ['ttl'],
};
