/**
 * The shared classification of configuration values: which keys carry
 * credentials, which values are references to a secret kept elsewhere
 * (`${VAR}`, `${env:X}`, `${input:id}`, `${{ secrets.X }}`) and which are the
 * secret itself, written in the file. Kinds come from the catalogue: a value's
 * prefix (`ghp_`, `xoxb-`) first, then hints in the variable's name.
 *
 * Nothing here keeps a secret value: callers get a verdict and a kind, and the
 * literal-sharing check compares values within one import only.
 */
import { CREDENTIAL_KINDS, credentialKind } from '../model/credential-kinds.js';

/** A reference to a secret kept outside the file: an environment variable, an editor input, a CI secret. */
export interface SecretReference {
  readonly scheme: 'env' | 'input' | 'secret';
  readonly name: string;
}

const REFERENCE =
  /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}|\$\{(env|input):([A-Za-z0-9_.-]+)\}|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}/g;

/** Every reference in a value, in order (`Bearer ${input:token}` has one). */
export function referencesIn(value: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (const m of value.matchAll(REFERENCE)) {
    if (m[1] !== undefined) out.push({ scheme: 'secret', name: m[1] });
    else if (m[2] !== undefined) out.push({ scheme: m[2] as 'env' | 'input', name: m[3] });
    else out.push({ scheme: 'env', name: m[4] });
  }
  return out;
}

/** The value with its references and an auth-scheme word removed: what would be a literal secret. */
function literalPart(value: string): string {
  return value
    .replace(REFERENCE, '')
    .replace(/^\s*(bearer|token|basic|apikey)\s+/i, '')
    .trim();
}

const CREDENTIAL_WORDS =
  /(token|secret|passw(or)?d|passwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credential|auth|(^|[-_])pat($|[-_])|(^|[-_])key$)/i;
const NOT_A_SECRET =
  /([-_](url|uri|path|file|dir|host|hostname|endpoint|id|name|type|expiry|expires|ttl|region|user|username|email|scope|scopes|header|mode|version|format|port)$)|^(auth[-_]?type|auth[-_]?mode)$/i;

/** Whether a key (an environment variable, a header) names a credential. */
export function isCredentialName(name: string): boolean {
  if (/^authorization$/i.test(name) || /^x-api-key$/i.test(name)) return true;
  return CREDENTIAL_WORDS.test(name) && !NOT_A_SECRET.test(name);
}

const PLACEHOLDER =
  /^(<.*>|\[.*\]|your[-_ ].*|.*[-_ ]here|x{4,}|\*+|changeme|placeholder|example|todo|tbd|none|null|false|true|)$/i;

/**
 * Whether a value written under a credential-named key is the secret itself
 * (not a reference, not an obvious placeholder such as `<your-token>`).
 */
export function isLiteralSecret(value: string): boolean {
  const rest = literalPart(value);
  if (PLACEHOLDER.test(rest)) return false;
  return rest.length >= 8 && !/\s/.test(rest);
}

/**
 * Whether a value found where no key names a credential (a command-line
 * argument, a URL's query) looks like a secret: a documented prefix, or a long
 * mixed token of letters and digits that is not a path, a URL or a version.
 */
export function looksLikeSecret(value: string): boolean {
  const rest = literalPart(value);
  if (kindFromValue(rest) !== undefined) return true;
  if (rest.length < 24 || /[\s/\\]/.test(rest) || /^[@.~]/.test(rest) || rest.includes('://')) return false;
  return /[a-z]/.test(rest) && /[A-Z]/.test(rest) && /[0-9]/.test(rest) && /^[A-Za-z0-9_\-+=.]+$/.test(rest);
}

/** Prefixes from the catalogue, longest first, so `github_pat_` wins over a shorter one. */
const PREFIXES: readonly { prefix: string; kind: string }[] = CREDENTIAL_KINDS.flatMap((k) =>
  (k.prefixes ?? []).map((prefix) => ({ prefix, kind: k.id })),
).sort((a, b) => b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));

/** The catalogue kind whose documented prefix the value starts with (after `Bearer `). */
export function kindFromValue(value: string): string | undefined {
  const rest = literalPart(value);
  return PREFIXES.find((p) => rest.startsWith(p.prefix))?.kind;
}

/**
 * Hints in a variable's name, tried in order. Each names a catalogue kind; a
 * hint whose kind the catalogue does not (yet) hold is skipped.
 */
const NAME_HINTS: readonly { pattern: RegExp; kinds: readonly string[] }[] = [
  { pattern: /GITHUB.*(PERSONAL[-_]?ACCESS|PAT\b|_PAT_)/i, kinds: ['personal-access-token'] },
  { pattern: /^GH_TOKEN$|^GITHUB_TOKEN$/i, kinds: ['personal-access-token'] },
  { pattern: /GITLAB.*(TOKEN|PAT)/i, kinds: ['gitlab-personal-access-token', 'personal-access-token'] },
  { pattern: /AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY/i, kinds: ['aws-iam-access-key'] },
  {
    pattern: /GOOGLE_APPLICATION_CREDENTIALS|GCP.*(SA|SERVICE_ACCOUNT).*KEY|CREDENTIALS_JSON/i,
    kinds: ['gcp-service-account-key'],
  },
  { pattern: /SLACK.*BOT/i, kinds: ['slack-bot-token', 'api-key'] },
  { pattern: /SLACK.*(USER|TOKEN)/i, kinds: ['slack-user-token', 'api-key'] },
  { pattern: /OPENAI/i, kinds: ['openai-api-key', 'api-key'] },
  { pattern: /ANTHROPIC/i, kinds: ['anthropic-api-key', 'api-key'] },
  { pattern: /STRIPE/i, kinds: ['stripe-secret-key', 'api-key'] },
  { pattern: /NOTION/i, kinds: ['notion-integration-token', 'api-key'] },
  { pattern: /LINEAR/i, kinds: ['linear-api-key', 'api-key'] },
  { pattern: /SUPABASE/i, kinds: ['supabase-access-token', 'api-key'] },
  { pattern: /ATLASSIAN|JIRA|CONFLUENCE/i, kinds: ['atlassian-api-token', 'api-key'] },
  { pattern: /REFRESH[-_]?TOKEN/i, kinds: ['oauth-refresh-token'] },
  { pattern: /JWT/i, kinds: ['jwt'] },
];

/** The catalogue kind a credential's name suggests; `api-key` when nothing more is known. */
export function kindFromName(name: string): string {
  for (const hint of NAME_HINTS) {
    if (!hint.pattern.test(name)) continue;
    const known = hint.kinds.find((k) => credentialKind(k) !== undefined);
    if (known) return known;
  }
  return 'api-key';
}

/** A credential's kind: the value's prefix when the value is written, else the name's hint. */
export function credentialKindFor(name: string, literal: string | undefined): { kind: string; fromValue: boolean } {
  const byValue = literal === undefined ? undefined : kindFromValue(literal);
  return byValue ? { kind: byValue, fromValue: true } : { kind: kindFromName(name), fromValue: false };
}
