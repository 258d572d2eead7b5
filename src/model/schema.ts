/**
 * The model format, version 1: the one source of truth. The TypeScript types of
 * a document (`ModelDocument`), its validation and the JSON Schema that
 * `leakradius schema` prints are all derived from these definitions.
 * Extend it, never break it: every v1 file must stay valid.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LIMITS } from '../yaml/limits.js';
import { DURATION_PATTERN } from './duration.js';

export const SCHEMA_ID = 'https://leakradius.dev/schema/model-v1.json';

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$';
const NAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,63}$';
export { DURATION_PATTERN } from './duration.js';
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const closed = { additionalProperties: false } as const;

const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });
const IdList = (description: string) =>
  Type.Array(Type.String({ pattern: ID_PATTERN }), { description, uniqueItems: true });
const Text = (description: string) => Type.String({ maxLength: LIMITS.text, description });

const DURATION_HELP =
  'A duration: numbers with units, the larger unit first and each at most once (1h30m, 2w3d; units w, d, h, m, s; at most 9 digits a number), `0`, or `never` for unbounded.';
/**
 * A duration field: a string of the duration grammar, or the number 0 (YAML
 * reads an unquoted `ttl: 0` as a number; zero needs no unit). The pattern
 * constrains strings only, the bounds numbers only.
 */
export const durationSchema = (description: string) =>
  Type.Unsafe<string | 0>({
    type: ['string', 'integer'],
    pattern: DURATION_PATTERN,
    minimum: 0,
    maximum: 0,
    description,
    examples: ['30s', '15m', '1h', '7d', '90d', 'never'],
  });
export const Duration = durationSchema(DURATION_HELP);
/** A duration field with its own description. */
const DurationField = (description: string) => durationSchema(description);

export const LognormalDistribution = Type.Object(
  {
    lognormal: Type.Object(
      {
        median: Duration,
        p90: Duration,
      },
      {
        ...closed,
        description:
          'Log-normal distribution given by its median and 90th percentile (p90 must be at least the median).',
      },
    ),
  },
  {
    ...closed,
    description:
      'A detection time that is uncertain: sampled per run by `simulate --runs`; a single run uses the median.',
  },
);

export const DetectionTime = Type.Union([Duration, LognormalDistribution], {
  description: 'Time from a leak to its detection: a fixed duration or a distribution.',
});

export const Sensitivity = Type.Union(
  [Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')],
  { description: 'How much harm misuse of the resource causes. Weights: low 1, medium 2, high 5, critical 10.' },
);

export const Action = Type.String({
  pattern: NAME_PATTERN,
  description:
    'An action on a resource. Known actions are weighted by impact: read 1, write 2, export 3, delete 3, invoke 2, admin 4, deploy 4, payment 4; any other action weighs 2.',
});

/** Where `leakradius import` read an element from: kept so a re-import finds it and every output can say so. */
export const ImportedFrom = Type.Object(
  {
    file: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'The configuration file, as the import was given it (a path relative to where it ran).',
    }),
    line: Type.Integer({ minimum: 1, description: 'The line of that file the element was read from.' }),
    literal: Type.Optional(
      Type.Boolean({
        description:
          'For a credential: its secret value is written in the file itself. The value is never copied into the model.',
      }),
    ),
    assumed: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z][A-Za-z.]{0,63}$' }), {
        uniqueItems: true,
        description:
          'Fields the file does not state and the import filled in with a guess (`sensitivity`, `grants`, `ttl`...): shown with the assumed figures. Remove a field from this list once you have checked it.',
      }),
    ),
  },
  { ...closed, description: 'Where `leakradius import` read this element from (see docs/import.md).' },
);
const Source = Type.Optional(ImportedFrom);

const Grant = Type.Object(
  {
    resource: Type.Optional(Id('The resource this grant applies to (give exactly one of `resource` and `agent`).')),
    agent: Type.Optional(Id('An agent this credential may task: a grant on an agent allows only `invoke`.')),
    actions: Type.Array(Action, { minItems: 1, uniqueItems: true, description: 'The actions allowed.' }),
    approval: Type.Optional(
      Type.Array(Action, {
        uniqueItems: true,
        description:
          'Actions of this grant that need a human step-up approval at each use (for example CIBA or a protected deployment environment). A replayed credential cannot exercise them unnoticed; they are reported as gated, not reached.',
      }),
    ),
  },
  { ...closed, description: 'One permission: actions on a resource (or invoke on an agent).' },
);

const Revocation = Type.Object(
  {
    mode: Type.Optional(
      Type.Union(
        [Type.Literal('manual'), Type.Literal('automated'), Type.Literal('on-task-end'), Type.Literal('none')],
        {
          description:
            "How the credential gets revoked: `manual` (a person, after `response.manual`), `automated` (after `response.automated`), `on-task-end` (when the task that minted it ends, or on detection if sooner), `none` (it cannot be revoked; only expiry ends it). Default: the kind's, else manual.",
        },
      ),
    ),
    propagation: Type.Optional(
      DurationField(
        "Time from issuing the revocation until every verifier rejects the credential. Default: the kind's, else 0s.",
      ),
    ),
  },
  { ...closed, description: 'How the credential is revoked once its leak is detected.' },
);

export const Credential = Type.Object(
  {
    id: Id('Unique among credentials.'),
    name: Type.Optional(Text('Human-readable name.')),
    description: Type.Optional(Text('Free text.')),
    kind: Type.Optional(
      Type.String({
        pattern: NAME_PATTERN,
        description:
          'The credential kind. A kind from the catalogue (`leakradius kinds`, docs/credential-kinds.md) supplies published defaults for the fields left out; any other kind is allowed but has no defaults.',
      }),
    ),
    owner: Type.Optional(Text('The team or person accountable for the credential.')),
    subject: Type.Optional(
      Type.Union([Type.Literal('human'), Type.Literal('workload')], {
        description:
          "Whose identity the credential carries. Default: the kind's (a personal access token is a human's), else workload.",
      }),
    ),
    ttl: Type.Optional(
      DurationField(
        "Lifetime of one issued instance, or `never`. Default: the kind's; required for kinds outside the catalogue.",
      ),
    ),
    maxLifetime: Type.Optional(
      DurationField(
        'For a refreshable credential: how long refreshing can keep it alive. Whoever holds it can refresh it, so a leak lasts up to this, not the ttl.',
      ),
    ),
    issuance: Type.Optional(
      Type.Union([Type.Literal('static'), Type.Literal('per-session'), Type.Literal('per-task')], {
        description:
          "When a new instance is issued: once (`static`), per session, or per task (just in time). Default: the kind's, else static.",
      }),
    ),
    binding: Type.Optional(
      Type.Union([Type.Literal('bearer'), Type.Literal('sender-constrained'), Type.Literal('workload-bound')], {
        description:
          "Whether a copy works anywhere (`bearer`) or only from the workload it was issued to (`sender-constrained`, e.g. DPoP or mTLS-bound tokens; `workload-bound`, e.g. SPIFFE SVIDs). Default: the kind's, else bearer.",
      }),
    ),
    revocation: Type.Optional(Revocation),
    environments: Type.Optional(IdList('Environments the credential is used in (prod, staging, dev...).')),
    exposure: Type.Optional(
      Type.Array(Type.String({ pattern: NAME_PATTERN }), {
        uniqueItems: true,
        description:
          'Channels through which the credential can leak (prompt-context, logs, repo-commit, ...). Each must be listed in `detection.channels` or uses `detection.default`.',
      }),
    ),
    derivedFrom: Type.Optional(
      Id(
        'The credential this one is minted from (token exchange, refresh): whoever holds the parent can mint this one.',
      ),
    ),
    revokedWithParent: Type.Optional(
      Type.Boolean({
        description:
          'Whether revoking `derivedFrom` also kills this credential. Default false: a self-contained token lives until it expires.',
      }),
    ),
    grants: Type.Optional(Type.Array(Grant, { description: 'What the credential allows.' })),
    source: Source,
  },
  { ...closed, description: 'A token, key or certificate an agent or tool acts with.' },
);

const KindName = (description: string) => Type.String({ pattern: NAME_PATTERN, description });

const KindCapabilities = Type.Object(
  {
    bindings: Type.Optional(
      Type.Array(
        Type.Union([Type.Literal('bearer'), Type.Literal('sender-constrained'), Type.Literal('workload-bound')]),
        {
          minItems: 1,
          description: 'Bindings the provider can issue this kind with; `[bearer]` alone means it cannot be bound.',
        },
      ),
    ),
    issuance: Type.Optional(
      Type.Array(Type.Union([Type.Literal('static'), Type.Literal('per-session'), Type.Literal('per-task')]), {
        minItems: 1,
        description: 'Issuance modes the provider offers (`per-task`: a fresh credential for each task).',
      }),
    ),
    revocableByApi: Type.Optional(
      Type.Boolean({
        description: 'Whether one credential can be revoked through an API, so revocation can be automated.',
      }),
    ),
    revokedWhenPublic: Type.Optional(
      Type.Boolean({ description: 'Whether the provider revokes it by itself when it is found public.' }),
    ),
    replacements: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: KindName('A kind it can be replaced by: a catalogue kind or one declared in `kinds`.'),
            takes: Text('What the move takes, in one line: a setting, a new app, a code change.'),
          },
          { ...closed, description: 'A better kind of credential for the same job.' },
        ),
        { description: 'What it can be replaced by.' },
      ),
    ),
  },
  {
    ...closed,
    description:
      'What the provider can do with this kind. Leave out what you do not know: advice that needs it says so and ranks below advice known to be possible.',
  },
);

const KindDeclaration = Type.Object(
  {
    id: KindName('The kind, as credentials name it in `kind`; not a kind of the catalogue (`leakradius kinds`).'),
    title: Type.Optional(Text('Human-readable name.')),
    provider: Type.Optional(Text('Who issues it.')),
    capabilities: KindCapabilities,
    source: Type.Optional(Text("Where these facts come from: the provider's documentation, a URL.")),
  },
  { ...closed, description: 'A credential kind the catalogue does not know, and what its provider can do.' },
);

const Delegation = Type.Object(
  {
    to: Id('The agent delegated to.'),
    mode: Type.Union([Type.Literal('passthrough'), Type.Literal('exchange')], {
      description:
        "`passthrough` hands on the delegator's own credentials; `exchange` mints a new, narrower credential for the delegate.",
    }),
    credential: Type.Optional(Id('With `mode: exchange`: the credential minted for the delegate.')),
  },
  { ...closed, description: 'A delegation: this agent can hand a task to another.' },
);

const Identity = Type.Object(
  {
    kind: Type.Union(
      [
        Type.Literal('spiffe'),
        Type.Literal('oidc'),
        Type.Literal('cloud-role'),
        Type.Literal('service-account'),
        Type.Literal('api-key'),
        Type.Literal('none'),
      ],
      { description: "How the agent's workload proves who it is." },
    ),
    id: Type.Optional(Text('The identity itself, e.g. a SPIFFE ID.')),
  },
  { ...closed, description: 'The workload identity of the agent.' },
);

export const Agent = Type.Object(
  {
    id: Id('Unique among agents.'),
    name: Type.Optional(Text('Human-readable name.')),
    description: Type.Optional(Text('Free text.')),
    owner: Type.Optional(Text('The team or person accountable for the agent.')),
    purpose: Type.Optional(Text('The business function the agent serves.')),
    environment: Type.Optional(Id('The environment the agent runs in.')),
    identity: Type.Optional(Identity),
    autonomy: Type.Optional(
      Type.Union([Type.Literal('autonomous'), Type.Literal('human-in-the-loop')], {
        description: 'Whether the agent acts on its own or a person confirms its actions. Default: autonomous.',
      }),
    ),
    tools: Type.Optional(IdList('Tools the agent can call.')),
    credentials: Type.Optional(IdList("Credentials the agent's runtime holds.")),
    delegates: Type.Optional(Type.Array(Delegation, { description: 'Agents this agent can task.' })),
    source: Source,
  },
  { ...closed, description: 'An AI agent: a workload identity that acts through tools and credentials.' },
);

export const Tool = Type.Object(
  {
    id: Id('Unique among tools.'),
    name: Type.Optional(Text('Human-readable name.')),
    description: Type.Optional(Text('Free text.')),
    kind: Type.Union(
      [Type.Literal('mcp'), Type.Literal('api'), Type.Literal('cli'), Type.Literal('saas'), Type.Literal('sdk')],
      {
        description: 'What sort of tool it is.',
      },
    ),
    publisher: Type.Optional(
      Type.Union([Type.Literal('first-party'), Type.Literal('third-party')], {
        description: 'Who builds and runs it. Default: first-party.',
      }),
    ),
    credential: Type.Optional(Id('The credential the tool acts with.')),
    source: Source,
  },
  { ...closed, description: 'A tool or MCP connector an agent calls.' },
);

export const Resource = Type.Object(
  {
    id: Id('Unique among resources.'),
    name: Type.Optional(Text('Human-readable name.')),
    description: Type.Optional(Text('Free text.')),
    kind: Type.String({
      pattern: NAME_PATTERN,
      description: 'What it is: repository, cluster, database, bucket, secret-store, payment-api...',
    }),
    sensitivity: Sensitivity,
    environment: Type.Optional(Id('The environment it belongs to.')),
    owner: Type.Optional(Text('The team or person accountable for it.')),
    holds: Type.Optional(IdList('Credentials stored in this resource: whoever can read it obtains them.')),
    source: Source,
  },
  { ...closed, description: 'Something a credential gives access to.' },
);

const Step = Type.Object(
  {
    tool: Type.Optional(Id("The tool that performs the step (one of the agent's tools).")),
    resource: Type.Optional(Id('The resource acted on.')),
    action: Type.Optional(Action),
    credential: Type.Optional(
      Id(
        "The credential the step uses. Default: the tool's credential, else any credential the agent holds that grants the action.",
      ),
    ),
    delegate: Type.Optional(
      Id('Instead of an action: hand the task to this agent (the agent must list it in `delegates`).'),
    ),
  },
  { ...closed, description: 'Either `{tool?, resource, action, credential?}` or `{delegate}`.' },
);

export const Workflow = Type.Object(
  {
    id: Id('Unique among workflows.'),
    name: Type.Optional(Text('Human-readable name.')),
    description: Type.Optional(Text('Free text.')),
    agent: Id('The agent that runs it.'),
    duration: DurationField('How long one run (one task) takes.'),
    steps: Type.Array(Step, { minItems: 1, description: 'What one run does, in order.' }),
  },
  { ...closed, description: 'One task an agent runs: the steps it needs, the basis for least privilege.' },
);

export const Acceptance = Type.Object(
  {
    finding: Type.String({
      maxLength: LIMITS.findingPattern,
      pattern: '^LR[0-9*]{1,3}@[A-Za-z*-]+:[A-Za-z0-9._:/@+*-]+$',
      description:
        'The finding id, e.g. `LR001@credential:gh-pat`; `*` matches any run of characters (`LR004@credential:*`).',
    }),
    reason: Type.String({ minLength: 1, maxLength: LIMITS.text, description: 'Why the risk is accepted.' }),
    owner: Type.String({ minLength: 1, maxLength: LIMITS.shortText, description: 'Who accepted it.' }),
    expires: Type.String({
      pattern: DATE_PATTERN,
      description: 'The date (YYYY-MM-DD) after which the acceptance no longer applies.',
    }),
  },
  { ...closed, description: 'An accepted risk: a finding that does not fail `leakradius check` until it expires.' },
);

/**
 * A file's accepted risks. Acceptances with `*` are matched against every
 * finding, so a file may hold at most LIMITS.wildcardAcceptances of them;
 * those without one are looked up by id, any number of them.
 */
export const AcceptanceList = (description: string) =>
  Type.Array(Acceptance, {
    description,
    contains: Type.Object({ finding: Type.String({ pattern: '\\*' }) }),
    minContains: 0,
    maxContains: LIMITS.wildcardAcceptances,
  });

const Detection = Type.Object(
  {
    default: Type.Optional(
      Type.Union([Duration, LognormalDistribution], {
        description:
          'Detection time for a channel not listed in `channels`. Default: 5d (see docs/credential-kinds.md for the published data behind it).',
      }),
    ),
    channels: Type.Optional(
      Type.Record(Type.String({ pattern: NAME_PATTERN }), DetectionTime, {
        additionalProperties: false,
        description: 'Detection time per leak channel, e.g. `{ repo-commit: 1h, logs: 2d, prompt-context: 7d }`.',
      }),
    ),
    harvested: Type.Optional(
      DurationField(
        'Extra time, after the incident is detected, until a credential the attacker harvested or minted is noticed too. Default: 1d.',
      ),
    ),
  },
  { ...closed, description: 'How long leaks take to be noticed.' },
);

const Response = Type.Object(
  {
    manual: Type.Optional(DurationField('Time from detection to a person issuing the revocation. Default: 8h.')),
    automated: Type.Optional(DurationField('Time from detection to automation issuing the revocation. Default: 2m.')),
  },
  { ...closed, description: 'How long it takes to issue a revocation once a leak is detected.' },
);

export const ModelSchema = Type.Object(
  {
    version: Type.Literal(1, { description: 'The format version: 1.' }),
    name: Type.Optional(Text('The name of the model.')),
    description: Type.Optional(Text('Free text.')),
    detection: Type.Optional(Detection),
    response: Type.Optional(Response),
    agents: Type.Optional(Type.Array(Agent, { description: 'The AI agents (workload identities).' })),
    tools: Type.Optional(Type.Array(Tool, { description: 'Tools and MCP connectors the agents call.' })),
    resources: Type.Optional(Type.Array(Resource, { description: 'What the credentials give access to.' })),
    credentials: Type.Optional(Type.Array(Credential, { description: 'Tokens, keys and certificates.' })),
    kinds: Type.Optional(
      Type.Array(KindDeclaration, {
        description:
          'Credential kinds of your own (not in `leakradius kinds`) and what their providers can do, so advice knows what is possible.',
      }),
    ),
    workflows: Type.Optional(
      Type.Array(Workflow, { description: 'What the agents actually do: the basis for least privilege.' }),
    ),
    accept: Type.Optional(
      AcceptanceList('Findings of `leakradius check` accepted as risks, with an owner and an expiry date.'),
    ),
  },
  { ...closed, $id: SCHEMA_ID, title: 'leakradius model, version 1' },
);

export type ModelDocument = Static<typeof ModelSchema>;
export type CredentialDocument = Static<typeof Credential>;
export type AgentDocument = Static<typeof Agent>;
export type ToolDocument = Static<typeof Tool>;
export type ResourceDocument = Static<typeof Resource>;
export type WorkflowDocument = Static<typeof Workflow>;
export type StepDocument = Static<typeof Step>;
export type GrantDocument = Static<typeof Grant>;
export type DetectionTimeDocument = Static<typeof DetectionTime>;
export type KindDeclarationDocument = Static<typeof KindDeclaration>;
export type ImportedFromDocument = Static<typeof ImportedFrom>;

/** The JSON Schema as printed by `leakradius schema`: plain JSON, draft 2020-12. */
export function modelJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...plain(ModelSchema) };
}

function plain(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}
