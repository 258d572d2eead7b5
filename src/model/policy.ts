/**
 * The policy of the CI gate (`leakradius check --policy`): thresholds, rules
 * turned off or re-rated, and accepted risks. One TypeBox schema gives the
 * types, the validation and the documentation; errors are located like a
 * model's. Missing fields take the defaults below, so an empty policy is the
 * default policy.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from './schema-compile.js';
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import { LIMITS } from '../yaml/limits.js';
import { parseYaml } from '../yaml/parse.js';
import { parseDuration, type Seconds } from './duration.js';
import { locate } from './load.js';
import { didYouMean, quote } from './messages.js';
import { AcceptanceList, durationSchema } from './schema.js';
import { explainSchemaErrors, unrecognised, type Problem } from './schema-check.js';
import type { Acceptance } from './types.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

const closed = { additionalProperties: false } as const;
const SeveritySchema = Type.Union(
  SEVERITIES.map((s) => Type.Literal(s)),
  { description: 'low, medium, high or critical.' },
);
const PolicyDuration = (description: string) =>
  durationSchema(`${description} A duration (30s, 15m, 1h, 7d) or never.`);

export const PolicySchema = Type.Object(
  {
    kind: Type.Literal('policy', { description: 'Marks the file as a leakradius policy, not a model.' }),
    version: Type.Literal(1, { description: 'The policy format version: 1.' }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.text, description: 'Free text.' })),
    thresholds: Type.Optional(
      Type.Object(
        {
          maxTtl: Type.Optional(
            Type.Record(
              Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$' }),
              PolicyDuration('Longest lifetime allowed.'),
              {
                additionalProperties: false,
                description:
                  'Longest lifetime (ttl, or maxLifetime for a refreshable credential) of a credential an autonomous agent holds, per environment; `default` applies to environments not listed and to credentials with none (LR001).',
              },
            ),
          ),
          maxExposureWindow: Type.Optional(
            PolicyDuration(
              'Longest worst-case exposure window allowed for a credential whose revocation is manual or none (LR010).',
            ),
          ),
          maxBlastRadiusScore: Type.Optional(
            Type.Number({
              minimum: 0,
              description: 'Highest worst-case blast-radius score allowed per credential (LR016).',
            }),
          ),
          maxDelegationDepth: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, description: 'Deepest chain of delegations allowed (LR008).' }),
          ),
        },
        { ...closed, description: 'The limits the rules compare the model with.' },
      ),
    ),
    rules: Type.Optional(
      Type.Record(
        // Any key here; unknown rule ids get their own message with a suggestion.
        Type.String(),
        Type.Object(
          {
            enabled: Type.Optional(Type.Boolean({ description: 'false turns the rule off.' })),
            severity: Type.Optional(SeveritySchema),
          },
          { ...closed, description: 'Turn a rule off or change its severity.' },
        ),
        {
          additionalProperties: false,
          description: 'Per rule id (LR001...): `enabled: false` or `severity: <level>`.',
        },
      ),
    ),
    accept: Type.Optional(AcceptanceList('Accepted risks: findings that do not fail the run until they expire.')),
  },
  { ...closed, title: 'leakradius policy, version 1' },
);

export type PolicyDocument = Static<typeof PolicySchema>;

export interface RuleSetting {
  readonly enabled: boolean;
  readonly severity?: Severity;
}

export interface Thresholds {
  /** Per environment, plus `default`. */
  readonly maxTtl: ReadonlyMap<string, Seconds>;
  readonly maxExposureWindow: Seconds;
  readonly maxBlastRadiusScore: number;
  readonly maxDelegationDepth: number;
}

export interface Policy {
  /** The policy file, or undefined for the built-in defaults. */
  readonly file?: string;
  readonly thresholds: Thresholds;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly accept: readonly Acceptance[];
  /** Position of each acceptance in the policy file, for reports. */
  readonly acceptLocations: readonly { readonly line: number; readonly column: number }[];
}

/** Built-in thresholds: short-lived platform tokens (1h to 12h) pass, PATs, static keys and week-long leaks do not. */
export const DEFAULT_THRESHOLDS = {
  maxTtl: { default: '24h', prod: '12h' } as Record<string, string>,
  maxExposureWindow: '24h',
  maxBlastRadiusScore: 100,
  maxDelegationDepth: 3,
} as const;

export const DEFAULT_POLICY: Policy = {
  thresholds: resolveThresholds(undefined),
  rules: new Map(),
  accept: [],
  acceptLocations: [],
};

/** The maximum lifetime for an environment: its own entry, else `default`. */
export function maxTtlFor(thresholds: Thresholds, environment: string | undefined): Seconds {
  const own = environment === undefined ? undefined : thresholds.maxTtl.get(environment);
  return own ?? thresholds.maxTtl.get('default')!;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; diagnostics: Diagnostic[] };

let compiled: ValidateFunction | undefined;

/** Parses and validates a policy file; `knownRules` are the rule ids of the catalogue. */
export function loadPolicy(file: string, text: string, knownRules: readonly string[]): PolicyResult {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return parsed;
  const { value, sourceMap } = parsed.document;
  const stranger = unrecognised(value, Object.keys(PolicySchema.properties), 'policy');
  if (stranger) return { ok: false, diagnostics: locate(file, sourceMap, [stranger]) };
  compiled ??= compileSchema(PolicySchema);
  const valid = compiled(value);
  // Unknown rule ids are reported together with any schema error, so one run shows every problem.
  const problems = [
    ...(valid ? [] : explainSchemaErrors(compiled.errors ?? [], value)),
    ...unknownRules(value as PolicyDocument, knownRules),
  ];
  if (problems.length > 0) return { ok: false, diagnostics: locate(file, sourceMap, problems) };
  const doc = value as PolicyDocument;
  const accept = (doc.accept ?? []).map((a, i): Acceptance => ({ ...a, path: ['accept', i] }));
  return {
    ok: true,
    policy: {
      file,
      thresholds: resolveThresholds(doc.thresholds),
      rules: new Map(
        Object.entries(doc.rules ?? {}).map(([id, s]) => [id, { enabled: s.enabled ?? true, severity: s.severity }]),
      ),
      accept,
      acceptLocations: accept.map((a) => sourceMap.locate(a.path)),
    },
  };
}

function unknownRules(doc: PolicyDocument, known: readonly string[]): Problem[] {
  const rules: unknown = doc.rules;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return [];
  return Object.keys(rules)
    .filter((id) => !known.includes(id))
    .map((id): Problem => ({
      path: ['rules', id] as DocPath,
      at: 'key',
      message: `unknown rule ${quote(id)}${didYouMean(id, known)} (see \`leakradius rules\`)`,
    }));
}

function resolveThresholds(written: PolicyDocument['thresholds']): Thresholds {
  const maxTtl = new Map<string, Seconds>();
  for (const [env, d] of Object.entries({ ...DEFAULT_THRESHOLDS.maxTtl, ...(written?.maxTtl ?? {}) }))
    maxTtl.set(env, parseDuration(d)!);
  return {
    maxTtl,
    maxExposureWindow: parseDuration(written?.maxExposureWindow ?? DEFAULT_THRESHOLDS.maxExposureWindow)!,
    maxBlastRadiusScore: written?.maxBlastRadiusScore ?? DEFAULT_THRESHOLDS.maxBlastRadiusScore,
    maxDelegationDepth: written?.maxDelegationDepth ?? DEFAULT_THRESHOLDS.maxDelegationDepth,
  };
}

/** The default policy as a commented file to start from (`leakradius policy init`). */
export function defaultPolicyYaml(): string {
  const ttl = Object.entries(DEFAULT_THRESHOLDS.maxTtl)
    .map(([env, d]) => `    ${env}: ${d}`)
    .join('\n');
  return `# leakradius policy: the thresholds and exceptions of \`leakradius check\`.
# Named leakradius-policy.yaml or .leakradius.yaml, \`leakradius check\` finds it in the folder
# it runs from or any folder above, up to the repository root; otherwise pass --policy <this file>.
# Every field is optional; what is left out takes the default shown here.
# Reference: docs/policy.md. Rules: \`leakradius rules\` and docs/rules.md.
kind: policy
version: 1

thresholds:
  # Longest lifetime (ttl, or maxLifetime when refreshable) of a credential an
  # autonomous agent holds, per environment; \`default\` covers the rest (LR001).
  maxTtl:
${ttl}
  # Longest worst-case exposure window of a credential revoked by hand or not
  # at all (LR010).
  maxExposureWindow: ${DEFAULT_THRESHOLDS.maxExposureWindow}
  # Highest worst-case blast-radius score of a single credential (LR016).
  maxBlastRadiusScore: ${DEFAULT_THRESHOLDS.maxBlastRadiusScore}
  # Deepest chain of delegations (LR008).
  maxDelegationDepth: ${DEFAULT_THRESHOLDS.maxDelegationDepth}

# Turn rules off or change their severity, by rule id:
# rules:
#   LR004: { severity: low }
#   LR012: { enabled: false }
rules: {}

# Accepted risks: reported as accepted and not failing the run until they
# expire. \`*\` matches any run of characters.
# accept:
#   - finding: LR004@credential:ci-*
#     reason: CI tokens keep spare scopes until the pipeline migration (PLAT-123)
#     owner: platform-team
#     expires: 2030-06-30
accept: []
`;
}
