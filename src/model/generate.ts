/**
 * A synthetic but realistic organisation model, for benchmarks and scale
 * tests: teams of agents with per-task and static credentials, credentials
 * shared with a long tail of reuse, secret stores holding other credentials,
 * delegation trees (passthrough and token exchange), third-party connectors,
 * several environments, and workflows that use most grants. About 5
 * credentials and 20 granted (resource, action) pairs per agent.
 *
 * Pure and seeded: the same options give a byte-identical file on every
 * machine (its own integer-only generator, no Map/Set iteration over
 * unordered input, no clock).
 */
import { Random } from './random.js';
import type {
  AgentDocument,
  CredentialDocument,
  GrantDocument,
  ModelDocument,
  ResourceDocument,
  StepDocument,
  ToolDocument,
  WorkflowDocument,
} from './schema.js';

export interface GenerateOptions {
  readonly agents: number;
  readonly seed?: number;
}

export const MAX_GENERATED_AGENTS = 1_000_000;

/** The model as YAML text, valid under `leakradius validate`. */
export function generateModelYaml(options: GenerateOptions): string {
  return toYaml(generateModel(options));
}

export function generateModel(options: GenerateOptions): ModelDocument {
  const n = Math.floor(options.agents);
  if (!Number.isFinite(n) || n < 1 || n > MAX_GENERATED_AGENTS)
    throw new RangeError(`agents must be a whole number from 1 to ${MAX_GENERATED_AGENTS}`);
  return new Organisation(n, (options.seed ?? 1) >>> 0).build();
}

// ---------------------------------------------------------------------------
// Randomness

// ---------------------------------------------------------------------------
// Vocabulary

const TEAM_NAMES = [
  'billing',
  'payments',
  'search',
  'ledger',
  'identity',
  'growth',
  'support',
  'platform',
  'data',
  'risk',
  'checkout',
  'catalog',
  'mobile',
  'infra',
  'security',
  'analytics',
  'fraud',
  'shipping',
  'pricing',
  'crm',
];

const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
type Env = (typeof ENVIRONMENTS)[number];

const CHANNELS = {
  'repo-commit': '1h',
  'ci-logs': '1d',
  logs: '2d',
  'env-file': '5d',
  'prompt-context': '7d',
  memory: '14d',
  'third-party-breach': '30d',
} as const;
type Channel = keyof typeof CHANNELS;

type Role = 'coder' | 'support' | 'analyst' | 'deployer' | 'orchestrator' | 'worker' | 'finance' | 'responder';
const ROLES: readonly Role[] = [
  'coder',
  'support',
  'analyst',
  'deployer',
  'orchestrator',
  'worker',
  'finance',
  'responder',
];
const ROLE_WEIGHTS = [24, 12, 12, 8, 8, 28, 3, 5];

const PURPOSE: Record<Role, string> = {
  coder: 'fixes tests',
  support: 'answers tickets',
  analyst: 'weekly reports',
  deployer: 'rolls out releases',
  orchestrator: 'plans and hands out tasks',
  worker: 'runs task steps',
  finance: 'reconciles invoices',
  responder: 'triages incidents',
};

/** Credential templates: catalogue kinds where one exists, with their figures written out in full (no catalogue default is relied on). */
interface Template {
  readonly kind: string;
  readonly ttl: string;
  readonly issuance: 'static' | 'per-session' | 'per-task';
  readonly binding: 'bearer' | 'sender-constrained' | 'workload-bound';
  readonly mode: 'manual' | 'automated' | 'on-task-end' | 'none';
  readonly propagation: string;
  readonly subject?: 'human';
  readonly maxLifetime?: string;
  /** Can be kept in a secret store (a static secret), as opposed to a token minted at run time. */
  readonly storable: boolean;
}

const T = (
  kind: string,
  ttl: string,
  issuance: Template['issuance'],
  binding: Template['binding'],
  mode: Template['mode'],
  propagation: string,
  extra: Partial<Template> = {},
): Template => ({
  kind,
  ttl,
  issuance,
  binding,
  mode,
  propagation,
  storable: issuance === 'static',
  ...extra,
});

const TEMPLATES = {
  githubApp: T('github-app-installation-token', '1h', 'per-task', 'bearer', 'manual', '0s'),
  githubOidc: T('github-actions-oidc-token', '5m', 'per-task', 'bearer', 'none', '0s'),
  sts: T('aws-sts-session', '1h', 'per-session', 'bearer', 'manual', '5m'),
  stsLong: T('aws-sts-session', '12h', 'per-session', 'bearer', 'manual', '5m'),
  iamKey: T('aws-iam-access-key', 'never', 'static', 'bearer', 'manual', '5m'),
  gcpToken: T('gcp-service-account-token', '1h', 'per-session', 'bearer', 'none', '0s'),
  gcpKey: T('gcp-service-account-key', 'never', 'static', 'bearer', 'manual', '2m'),
  entra: T('entra-access-token', '1h', 'per-session', 'bearer', 'none', '0s'),
  k8s: T('kubernetes-service-account-token', '1h', 'per-task', 'bearer', 'none', '0s'),
  svid: T('spiffe-jwt-svid', '5m', 'per-task', 'workload-bound', 'none', '0s'),
  x509: T('spiffe-x509-svid', '1h', 'per-session', 'workload-bound', 'none', '0s'),
  dpop: T('dpop-token', '15m', 'per-task', 'sender-constrained', 'automated', '0s'),
  vault: T('vault-dynamic-secret', '24h', 'per-task', 'bearer', 'automated', '0s'),
  apiKey: T('api-key', 'never', 'static', 'bearer', 'manual', '0s'),
  dbPassword: T('db-password', 'never', 'static', 'bearer', 'manual', '0s'),
  deployKey: T('deploy-key', 'never', 'static', 'bearer', 'manual', '0s'),
  fineGrainedPat: T('github-fine-grained-pat', '90d', 'static', 'bearer', 'manual', '0s', { subject: 'human' }),
  classicPat: T('github-classic-pat', 'never', 'static', 'bearer', 'manual', '0s', { subject: 'human' }),
  refresh: T('oauth-refresh-token', '1h', 'per-session', 'bearer', 'manual', '0s', {
    maxLifetime: '90d',
    storable: true,
  }),
  botToken: T('slack-bot-token', 'never', 'static', 'bearer', 'automated', '0s'),
  exchanged: T('exchanged-token', '15m', 'per-task', 'bearer', 'on-task-end', '0s'),
} as const satisfies Record<string, Template>;
type TemplateName = keyof typeof TEMPLATES;

const CHANNELS_OF: Record<string, readonly Channel[]> = {
  static: ['env-file', 'repo-commit', 'logs', 'prompt-context', 'memory'],
  'per-session': ['logs', 'prompt-context', 'memory'],
  'per-task': ['ci-logs', 'logs', 'prompt-context'],
};

// ---------------------------------------------------------------------------
// The organisation

interface Res {
  readonly doc: ResourceDocument & { holds?: string[] };
  /** Actions that make sense on it, most common first. */
  readonly actions: readonly string[];
}

interface Cred {
  readonly doc: CredentialDocument & { grants: GrantDocument[] };
  readonly template: Template;
}

interface AgentPlan {
  readonly doc: AgentDocument & {
    tools: string[];
    credentials: string[];
    delegates: NonNullable<AgentDocument['delegates']>;
  };
  readonly team: Team;
  readonly role: Role;
  readonly env: Env;
  /** Credentials the agent's workflows may name (own, tools', minted for it). */
  readonly usable: string[];
}

interface Team {
  readonly name: string;
  readonly index: number;
  readonly resources: Res[];
  readonly byKind: Map<string, Res[]>;
  readonly tools: ToolDocument[];
  readonly agents: AgentPlan[];
  /** Static secrets the team keeps in its secret stores. */
  readonly stored: { env: Env; id: string }[];
}

const AGENTS_PER_TEAM = 25;

class Organisation {
  private readonly rnd: Random;
  private readonly teams: Team[] = [];
  private readonly resources: Res[] = [];
  private readonly resourceById = new Map<string, Res>();
  private readonly tools: ToolDocument[] = [];
  private readonly toolById = new Map<string, ToolDocument>();
  private readonly credentials: Cred[] = [];
  private readonly credentialById = new Map<string, Cred>();
  private readonly agents: AgentPlan[] = [];
  private readonly workflows: WorkflowDocument[] = [];
  /** Org-wide credentials many agents share (a long tail: a few everywhere, most in two or three places). */
  private readonly shared: string[] = [];
  private readonly sharedTools: ToolDocument[] = [];
  private orgStore!: Res;
  private central: AgentPlan[] = [];
  private counter = 0;

  constructor(
    private readonly size: number,
    seed: number,
  ) {
    this.rnd = new Random(seed ^ 0x5eed1eaf);
  }

  build(): ModelDocument {
    const teamCount = Math.max(1, Math.round(this.size / AGENTS_PER_TEAM));
    this.orgResources();
    for (let t = 0; t < teamCount; t++) this.teams.push(this.team(t));
    this.sharedCredentials();
    // A central platform team serves every other: a few agents whose keys open many teams' stores.
    const central = this.size >= 20 ? Math.max(2, Math.round(this.size / 400)) : 0;
    const rest = this.size - central;
    for (let t = 0; t < teamCount; t++) {
      const quota = Math.floor(((t + 1) * rest) / teamCount) - Math.floor((t * rest) / teamCount);
      for (let k = 0; k < quota; k++) this.agent(this.teams[t]);
    }
    this.centralAgents(central);
    for (const team of this.teams) this.delegation(team);
    for (const team of this.teams) this.invokers(team);
    for (const team of this.teams) this.fillStores(team);
    this.fillOrgStore();
    for (const a of this.agents) this.workflowsOf(a);

    return {
      version: 1,
      name: `synthetic-org-${this.size}`,
      description: `A generated organisation of ${this.size} agents (leakradius generate), for benchmarks and scale tests.`,
      detection: {
        default: '5d',
        harvested: '1d',
        channels: { ...CHANNELS, 'prompt-context': { lognormal: { median: '7d', p90: '30d' } } },
      },
      response: { manual: '8h', automated: '2m' },
      agents: this.agents.map((a) => a.doc),
      tools: [...this.sharedTools, ...this.tools],
      resources: this.resources.map((r) => r.doc),
      credentials: this.credentials.map((c) => c.doc),
      workflows: this.workflows,
    };
  }

  // -- resources ------------------------------------------------------------

  private addResource(doc: ResourceDocument, actions: readonly string[]): Res {
    const res: Res = { doc, actions };
    this.resources.push(res);
    this.resourceById.set(doc.id, res);
    return res;
  }

  private orgResources(): void {
    this.orgStore = this.addResource(
      { id: 'org-secrets', kind: 'secret-store', sensitivity: 'critical', environment: 'prod', owner: 'team-security' },
      ['read', 'write', 'admin'],
    );
    this.addResource({ id: 'org-wiki', kind: 'wiki', sensitivity: 'low', owner: 'team-platform' }, ['read', 'write']);
    this.addResource({ id: 'org-chat', kind: 'chat', sensitivity: 'medium', owner: 'team-platform' }, [
      'read',
      'write',
    ]);
    this.addResource({ id: 'org-crm', kind: 'crm', sensitivity: 'high', environment: 'prod', owner: 'team-crm' }, [
      'read',
      'write',
      'export',
    ]);
    this.addResource(
      { id: 'org-data-lake', kind: 'data-lake', sensitivity: 'critical', environment: 'prod', owner: 'team-data' },
      ['read', 'export', 'write'],
    );
    this.addResource(
      {
        id: 'org-registry',
        kind: 'artifact-registry',
        sensitivity: 'high',
        environment: 'prod',
        owner: 'team-platform',
      },
      ['read', 'write', 'delete'],
    );
    this.addResource({ id: 'org-tickets', kind: 'ticketing', sensitivity: 'medium', owner: 'team-support' }, [
      'read',
      'write',
    ]);
    this.addResource({ id: 'org-llm', kind: 'model-gateway', sensitivity: 'medium', owner: 'team-platform' }, [
      'invoke',
      'admin',
    ]);
  }

  private team(index: number): Team {
    const name = `${TEAM_NAMES[index % TEAM_NAMES.length]}${Math.floor(index / TEAM_NAMES.length) + 1}`;
    const owner = `team-${name}`;
    const team: Team = { name, index, resources: [], byKind: new Map(), tools: [], agents: [], stored: [] };
    const add = (
      suffix: string,
      kind: string,
      sensitivity: ResourceDocument['sensitivity'],
      env: Env | undefined,
      actions: readonly string[],
    ) => {
      const res = this.addResource(
        { id: `${name}-${suffix}`, kind, sensitivity, ...(env ? { environment: env } : {}), owner },
        actions,
      );
      team.resources.push(res);
      const list = team.byKind.get(kind) ?? [];
      list.push(res);
      team.byKind.set(kind, list);
    };
    const repos = this.rnd.int(2, 4);
    for (let i = 1; i <= repos; i++)
      add(`repo${i}`, 'repository', this.rnd.chance(0.3) ? 'high' : 'medium', undefined, ['read', 'write', 'admin']);
    add('ci', 'ci-pipeline', 'high', undefined, ['read', 'write', 'admin']);
    for (const env of ENVIRONMENTS) {
      const prod = env === 'prod';
      add(`${env}-db`, 'database', prod ? 'critical' : env === 'staging' ? 'medium' : 'low', env, [
        'read',
        'write',
        'export',
        'delete',
        'admin',
      ]);
      add(`${env}-cluster`, 'cluster', prod ? 'critical' : env === 'staging' ? 'medium' : 'low', env, [
        'read',
        'deploy',
        'admin',
      ]);
      add(`${env}-bucket`, 'bucket', prod ? 'high' : 'low', env, ['read', 'write', 'delete', 'export']);
      if (env !== 'dev')
        add(`${env}-vault`, 'secret-store', prod ? 'critical' : 'high', env, ['read', 'write', 'admin']);
    }
    add('logs', 'log-store', 'medium', 'prod', ['read', 'export']);
    add('queue', 'queue', 'medium', 'prod', ['read', 'write']);
    add('warehouse', 'data-warehouse', 'high', 'prod', ['read', 'export', 'write']);
    if (this.rnd.chance(0.25)) add('payments', 'payment-api', 'critical', 'prod', ['read', 'payment']);
    add('tickets', 'ticketing', 'medium', 'prod', ['read', 'write']);

    // Team tools: an MCP server per data system, a CLI for the cluster.
    const toolCount = this.rnd.int(3, 5);
    const toolKinds: readonly ToolDocument['kind'][] = ['mcp', 'mcp', 'api', 'cli', 'sdk'];
    for (let i = 1; i <= toolCount; i++) {
      const id = `${name}-tool${i}`;
      const tool: ToolDocument = { id, kind: toolKinds[i - 1], publisher: 'first-party' };
      team.tools.push(tool);
      this.tools.push(tool);
      this.toolById.set(id, tool);
    }
    return team;
  }

  private res(team: Team, kind: string, env?: Env): Res {
    const list = team.byKind.get(kind)!;
    if (env === undefined) return this.rnd.pick(list);
    return list.find((r) => r.doc.environment === env) ?? list[0];
  }

  // -- credentials ----------------------------------------------------------

  /** `environments` is written for credentials that are not one agent's own (an agent's own follow its environment). */
  private credential(
    id: string,
    template: Template,
    environments: readonly string[] | undefined,
    grants: GrantDocument[],
    extra: Partial<CredentialDocument> = {},
  ): Cred {
    const channels = this.rnd.sample(CHANNELS_OF[template.issuance], this.rnd.chance(0.3) ? 2 : 1);
    // Fields equal to leakradius's defaults are left out, as a person writing the file would.
    const revocation = {
      ...(template.mode !== 'manual' ? { mode: template.mode } : {}),
      ...(template.propagation !== '0s' ? { propagation: template.propagation } : {}),
    };
    const doc: CredentialDocument & { grants: GrantDocument[] } = {
      id,
      kind: template.kind,
      ...(template.subject ? { subject: template.subject } : {}),
      ttl: template.ttl,
      ...(template.maxLifetime ? { maxLifetime: template.maxLifetime } : {}),
      ...(template.issuance !== 'static' ? { issuance: template.issuance } : {}),
      ...(template.binding !== 'bearer' ? { binding: template.binding } : {}),
      ...(Object.keys(revocation).length > 0 ? { revocation } : {}),
      ...(environments ? { environments: [...environments] } : {}),
      exposure: channels,
      ...extra,
      grants: mergeGrants(grants),
    };
    const cred: Cred = { doc, template };
    this.credentials.push(cred);
    this.credentialById.set(id, cred);
    return cred;
  }

  private grant(res: Res, count: number, approval?: string[]): GrantDocument {
    const actions = res.actions.slice(0, Math.max(1, Math.min(count, res.actions.length)));
    const gated = approval?.filter((a) => actions.includes(a)) ?? [];
    return { resource: res.doc.id, actions, ...(gated.length > 0 ? { approval: gated } : {}) };
  }

  /** Org-wide shared credentials: a chat bot, SaaS API keys, a CI PAT; each used by many agents or few. */
  private sharedCredentials(): void {
    const count = Math.max(4, Math.round(this.size / 40));
    const orgRes = ['org-wiki', 'org-chat', 'org-crm', 'org-data-lake', 'org-registry', 'org-tickets'].map((id) =>
      this.resourceById.get(id)!,
    );
    const templates: TemplateName[] = ['apiKey', 'botToken', 'classicPat', 'refresh', 'iamKey', 'gcpKey'];
    for (let i = 0; i < count; i++) {
      const template = TEMPLATES[templates[i % templates.length]];
      const team = this.teams[i % this.teams.length];
      const grants = [this.grant(this.rnd.pick(orgRes), this.rnd.int(1, 2))];
      if (this.rnd.chance(0.7)) grants.push(this.grant(this.res(team, 'repository'), this.rnd.int(1, 2)));
      if (this.rnd.chance(0.3)) grants.push(this.grant(this.res(team, 'bucket', 'prod'), 1));
      const cred = this.credential(`shared-${template.kind}-${i + 1}`, template, ['prod', 'staging'], grants, {
        owner: `team-${team.name}`,
      });
      this.shared.push(cred.doc.id);
    }
    // Third-party connectors used across the organisation, each acting with its own credential.
    const connectors = [
      ['notion-mcp', 'saas', 'org-wiki'],
      ['salesforce-connector', 'saas', 'org-crm'],
      ['zendesk-mcp', 'mcp', 'org-tickets'],
      ['slack-mcp', 'mcp', 'org-chat'],
      ['snowflake-mcp', 'mcp', 'org-data-lake'],
      ['github-mcp', 'mcp', 'org-registry'],
    ] as const;
    const copies = Math.max(1, Math.round(this.size / 2000));
    for (let c = 0; c < copies; c++) {
      for (const [name, kind, target] of connectors) {
        const id = copies === 1 ? name : `${name}-${c + 1}`;
        const thirdParty = name !== 'github-mcp';
        const cred = this.credential(
          `${id}-token`,
          c % 2 === 0 ? TEMPLATES.refresh : TEMPLATES.apiKey,
          ['prod'],
          [this.grant(this.resourceById.get(target)!, this.rnd.int(1, 3))],
          {
            owner: 'team-platform',
            ...(thirdParty ? { exposure: ['third-party-breach', 'logs'] } : {}),
          },
        );
        const tool: ToolDocument = {
          id,
          kind,
          publisher: thirdParty ? 'third-party' : 'first-party',
          credential: cred.doc.id,
        };
        this.sharedTools.push(tool);
        this.toolById.set(id, tool);
      }
    }
  }

  // -- agents ---------------------------------------------------------------

  private agent(team: Team): void {
    const role = this.rnd.weighted(ROLES, ROLE_WEIGHTS);
    const k = team.agents.length + 1;
    const id = `${team.name}-${role}${k}`;
    const env: Env = this.rnd.weighted(ENVIRONMENTS, [70, 20, 10]);
    const identityKind = this.rnd.weighted(
      ['spiffe', 'oidc', 'cloud-role', 'service-account', 'api-key', 'none'] as const,
      [25, 25, 20, 15, 10, 5],
    );
    const doc: AgentPlan['doc'] = {
      id,
      ...(this.rnd.chance(0.97) ? { owner: `team-${team.name}` } : {}),
      ...(this.rnd.chance(0.95) ? { purpose: PURPOSE[role] } : {}),
      environment: env,
      ...(identityKind !== 'none' ? { identity: { kind: identityKind } } : {}),
      ...(role === 'finance' || this.rnd.chance(0.15) ? { autonomy: 'human-in-the-loop' as const } : {}),
      tools: [],
      credentials: [],
      delegates: [],
    };
    const plan: AgentPlan = { doc, team, role, env, usable: [] };
    team.agents.push(plan);
    this.agents.push(plan);

    // Tools: one or two of the team's, sometimes an org connector (which brings its credential).
    for (const tool of this.rnd.sample(team.tools, this.rnd.int(1, 2))) this.useTool(plan, tool);
    if (this.rnd.chance(0.35)) this.useTool(plan, this.sharedTools[this.rnd.zipf(this.sharedTools.length)]);

    for (const cred of this.ownCredentials(plan)) {
      doc.credentials.push(cred);
      plan.usable.push(cred);
    }
    // A long tail of reuse: most agents also hold a shared key, a few of which are everywhere.
    if (this.rnd.chance(0.6)) this.holdShared(plan, this.shared[this.rnd.zipf(this.shared.length)]);
    if (this.rnd.chance(0.15)) this.holdShared(plan, this.shared[this.rnd.zipf(this.shared.length)]);
  }

  /**
   * Central deployers and secret-sync agents: each reads the stores of several
   * teams, keeps a static key in the organisation's store, and can be tasked by
   * team orchestrators. This is where secret sprawl joins the silos into one
   * large web, as it does in real estates.
   */
  private centralAgents(count: number): void {
    if (count === 0) return;
    const team: Team = {
      name: 'central',
      index: -1,
      resources: [],
      byKind: new Map(),
      tools: [],
      agents: [],
      stored: [],
    };
    const vaults = (env: Env) =>
      this.teams.map((t) => t.byKind.get('secret-store')!.find((r) => r.doc.environment === env)!);
    for (let k = 1; k <= count; k++) {
      const sync = k % 4 === 0;
      const role: Role = sync ? 'responder' : 'deployer';
      const id = sync ? `central-sync${k}` : `central-deployer${k}`;
      const doc: AgentPlan['doc'] = {
        id,
        owner: 'team-central',
        purpose: sync ? 'copies secrets between stores' : 'rolls out releases for many teams',
        environment: 'prod',
        identity: { kind: 'cloud-role' },
        tools: [],
        credentials: [],
        delegates: [],
      };
      const plan: AgentPlan = { doc, team, role, env: 'prod', usable: [] };
      team.agents.push(plan);
      this.agents.push(plan);
      const served = this.rnd.sample(this.teams, Math.min(this.teams.length, sync ? 12 : 6));
      const add = (suffix: string, template: Template, grants: GrantDocument[]) => {
        const cred = this.credential(`${id}-${suffix}`, template, ['prod'], grants, { owner: 'team-central' });
        doc.credentials.push(cred.doc.id);
        plan.usable.push(cred.doc.id);
        return cred;
      };
      add('llm', TEMPLATES.apiKey, [this.grant(this.resourceById.get('org-llm')!, 1)]);
      if (sync) {
        const key = add('key', TEMPLATES.iamKey, [
          ...served.map((t) => this.grant(vaults('staging')[t.index], 2)),
          ...served.slice(0, 4).map((t) => this.grant(vaults('prod')[t.index], 1)),
        ]);
        addHeld(this.orgStore, key.doc.id);
      } else {
        add(
          'vault',
          TEMPLATES.vault,
          served.map((t) => this.grant(vaults('prod')[t.index], 1)),
        );
        const gate = this.rnd.chance(0.5) ? ['deploy'] : undefined;
        const key = add('token', TEMPLATES.iamKey, [
          ...served.map((t) =>
            this.grant(
              t.byKind.get('cluster')!.find((r) => r.doc.environment === 'prod')!,
              2,
              gate,
            ),
          ),
          this.grant(vaults('prod')[served[0].index], 1),
        ]);
        addHeld(this.orgStore, key.doc.id);
      }
    }
    this.central = team.agents;
  }

  private holdShared(plan: AgentPlan, id: string): void {
    if (plan.doc.credentials.includes(id)) return;
    plan.doc.credentials.push(id);
    plan.usable.push(id);
  }

  private useTool(plan: AgentPlan, tool: ToolDocument): void {
    if (plan.doc.tools.includes(tool.id)) return;
    plan.doc.tools.push(tool.id);
    if (tool.credential === undefined) {
      // A team tool gets its credential on first use: it acts on the team's data systems.
      const team = plan.team;
      const env = plan.env;
      const kind =
        tool.kind === 'cli' ? 'cluster' : this.rnd.pick(['database', 'bucket', 'warehouse', 'queue', 'logs']);
      const target =
        kind === 'warehouse' || kind === 'queue' || kind === 'logs'
          ? this.res(team, kind === 'warehouse' ? 'data-warehouse' : kind === 'logs' ? 'log-store' : 'queue')
          : this.res(team, kind, env);
      const template = this.rnd.weighted(
        [TEMPLATES.dbPassword, TEMPLATES.vault, TEMPLATES.gcpKey, TEMPLATES.k8s],
        [35, 30, 20, 15],
      );
      const grants = [this.grant(target, this.rnd.int(1, 3))];
      if (this.rnd.chance(0.5)) grants.push(this.grant(this.res(team, 'repository'), 1));
      const cred = this.credential(`${tool.id}-cred`, template, [env], grants, { owner: `team-${team.name}` });
      tool.credential = cred.doc.id;
      if (template.storable) this.store(team, env, cred.doc.id);
    }
    if (!plan.usable.includes(tool.credential!)) plan.usable.push(tool.credential!);
  }

  private store(team: Team, env: Env, id: string): void {
    team.stored.push({ env, id });
  }

  /** The credentials an agent's runtime holds, by role: 3 or 4 of its own. */
  private ownCredentials(plan: AgentPlan): string[] {
    const { team, role, env } = plan;
    const base = plan.doc.id;
    const out: string[] = [];
    const make = (suffix: string, template: Template, grants: GrantDocument[], environments?: readonly string[]) => {
      const cred = this.credential(`${base}-${suffix}`, template, environments, grants);
      out.push(cred.doc.id);
      if (template.storable && this.rnd.chance(0.5)) this.store(team, env === 'dev' ? 'staging' : env, cred.doc.id);
      return cred;
    };
    const repo = () => this.res(team, 'repository');
    const prodGate = env === 'prod' && this.rnd.chance(0.5) ? ['deploy', 'delete', 'payment', 'export'] : undefined;
    // Every agent calls a model provider with a key of its own.
    make('llm', this.rnd.chance(0.8) ? TEMPLATES.apiKey : TEMPLATES.refresh, [
      this.grant(this.resourceById.get('org-llm')!, 1),
    ]);
    switch (role) {
      case 'coder':
        make('gh', TEMPLATES.githubApp, [
          this.grant(repo(), 2),
          this.grant(repo(), 2),
          this.grant(this.res(team, 'ci-pipeline'), 2),
        ]);
        make('ci', TEMPLATES.githubOidc, [
          this.grant(this.res(team, 'cluster', 'staging'), 2),
          this.grant(this.res(team, 'bucket', 'staging'), 2),
        ]);
        if (this.rnd.chance(0.25))
          make('pat', this.rnd.chance(0.5) ? TEMPLATES.classicPat : TEMPLATES.fineGrainedPat, [
            this.grant(repo(), 3),
            this.grant(repo(), 2),
          ]);
        else
          make('key', TEMPLATES.apiKey, [
            this.grant(this.res(team, 'ticketing'), 2),
            this.grant(this.res(team, 'queue'), 1),
          ]);
        make('svid', TEMPLATES.svid, [
          this.grant(this.res(team, 'database', 'dev'), 2),
          this.grant(this.res(team, 'log-store'), 1),
        ]);
        break;
      case 'support':
        make('bot', TEMPLATES.botToken, [
          this.grant(this.res(team, 'ticketing'), 2),
          this.grant(this.resourceById.get('org-chat')!, 2),
        ]);
        make('crm', TEMPLATES.refresh, [
          this.grant(this.resourceById.get('org-crm')!, 2),
          this.grant(this.res(team, 'ticketing'), 1),
        ]);
        make('db', TEMPLATES.dbPassword, [this.grant(this.res(team, 'database', 'prod'), 1)], ['prod']);
        break;
      case 'analyst':
        make('gcp', TEMPLATES.gcpToken, [
          this.grant(this.res(team, 'data-warehouse'), 3, prodGate),
          this.grant(this.res(team, 'bucket', 'prod'), 1),
        ]);
        make(
          'db',
          TEMPLATES.dbPassword,
          [this.grant(this.res(team, 'database', env), 1), this.grant(this.res(team, 'database', 'staging'), 1)],
          ['prod', 'staging'],
        );
        make('lake', TEMPLATES.entra, [this.grant(this.resourceById.get('org-data-lake')!, 2, prodGate)]);
        make('logs', TEMPLATES.apiKey, [this.grant(this.res(team, 'log-store'), 2)]);
        break;
      case 'deployer':
        make('sts', this.rnd.chance(0.5) ? TEMPLATES.sts : TEMPLATES.stsLong, [
          this.grant(this.res(team, 'cluster', env), 2, prodGate),
          this.grant(this.res(team, 'bucket', env), 2),
        ]);
        make('k8s', TEMPLATES.k8s, [this.grant(this.res(team, 'cluster', 'staging'), 3)]);
        make('vault', TEMPLATES.vault, [
          this.grant(this.res(team, 'secret-store', env === 'dev' ? 'staging' : env), 1),
          this.grant(this.res(team, 'ci-pipeline'), 1),
        ]);
        make('deploy', TEMPLATES.deployKey, [
          this.grant(repo(), 1),
          this.grant(this.resourceById.get('org-registry')!, 2),
        ]);
        break;
      case 'orchestrator':
        make('oidc', TEMPLATES.githubOidc, [
          this.grant(this.res(team, 'queue'), 2),
          this.grant(this.res(team, 'ticketing'), 2),
        ]);
        make('sts', TEMPLATES.sts, [
          this.grant(this.res(team, 'database', env), 3, prodGate),
          this.grant(this.res(team, 'bucket', env), 3, prodGate),
          this.grant(repo(), 2),
        ]);
        make('key', TEMPLATES.apiKey, [
          this.grant(this.res(team, 'log-store'), 1),
          this.grant(this.resourceById.get('org-wiki')!, 2),
        ]);
        break;
      case 'worker':
        make('svid', this.rnd.chance(0.5) ? TEMPLATES.svid : TEMPLATES.x509, [
          this.grant(this.res(team, 'queue'), 2),
          this.grant(this.res(team, 'bucket', env), 2),
        ]);
        make('token', this.rnd.chance(0.5) ? TEMPLATES.dpop : TEMPLATES.gcpToken, [
          this.grant(this.res(team, 'database', env), 2),
          this.grant(repo(), 1),
        ]);
        if (this.rnd.chance(0.5))
          make('key', TEMPLATES.apiKey, [
            this.grant(this.res(team, 'log-store'), 1),
            this.grant(this.res(team, 'ticketing'), 2),
          ]);
        else
          make('vault', TEMPLATES.vault, [
            this.grant(this.res(team, 'bucket', 'staging'), 2),
            this.grant(this.res(team, 'ci-pipeline'), 1),
          ]);
        break;
      case 'finance': {
        const pay =
          team.byKind.get('payment-api')?.[0] ??
          (this.teams.find((t) => t.byKind.has('payment-api')) ?? team).byKind.get('payment-api')?.[0];
        if (pay) make('pay', TEMPLATES.apiKey, [this.grant(pay, 2, ['payment'])], ['prod']);
        make('erp', TEMPLATES.refresh, [
          this.grant(this.res(team, 'data-warehouse'), 2),
          this.grant(this.resourceById.get('org-crm')!, 1),
        ]);
        make(
          'db',
          TEMPLATES.dbPassword,
          [this.grant(this.res(team, 'database', 'prod'), 3, ['export', 'delete'])],
          ['prod'],
        );
        break;
      }
      case 'responder':
        make(
          'sts',
          TEMPLATES.stsLong,
          [this.grant(this.res(team, 'cluster', 'prod'), 3, prodGate), this.grant(this.res(team, 'log-store'), 2)],
          ['prod'],
        );
        make(
          'vault',
          TEMPLATES.vault,
          [this.grant(this.res(team, 'secret-store', 'prod'), 1), this.grant(this.res(team, 'database', 'prod'), 2)],
          ['prod'],
        );
        make('pager', TEMPLATES.apiKey, [
          this.grant(this.resourceById.get('org-chat')!, 2),
          this.grant(this.res(team, 'ticketing'), 2),
        ]);
        if (this.rnd.chance(0.2))
          make(
            'break-glass',
            TEMPLATES.classicPat,
            [this.grant(this.orgStore, 1), this.grant(this.res(team, 'ci-pipeline'), 3)],
            ['prod'],
          );
        break;
    }
    return out;
  }

  // -- delegation, invocation, secret stores --------------------------------

  /**
   * Delegation trees: each orchestrator hands tasks to two to four agents of its
   * team that come after it (so trees, not loops), by token exchange (a narrower
   * token minted from one of its own) or by passthrough. A rare loop is added on
   * purpose: real estates have them.
   */
  private delegation(team: Team): void {
    const agents = team.agents;
    agents.forEach((a, i) => {
      const fanOut =
        a.role === 'orchestrator' ? this.rnd.int(2, 4) : a.role === 'worker' && this.rnd.chance(0.1) ? 1 : 0;
      const later = agents
        .slice(i + 1)
        .filter((b) => b.role === 'worker' || b.role === 'analyst' || b.role === 'coder');
      for (const b of this.rnd.sample(later, fanOut)) this.delegate(a, b);
    });
    if (agents.length >= 4 && this.rnd.chance(0.1)) {
      const last = agents[agents.length - 1];
      const first = agents.find((a) => a.role === 'orchestrator');
      if (first && first !== last && !last.doc.delegates.some((d) => d.to === first.doc.id)) this.delegate(last, first);
    }
  }

  private delegate(from: AgentPlan, to: AgentPlan): void {
    if (from.doc.delegates.some((d) => d.to === to.doc.id)) return;
    const parentId = from.doc.credentials.find(
      (c) => this.credentialById.get(c)!.template.binding === 'bearer' && !c.startsWith('shared-'),
    );
    if (parentId === undefined || this.rnd.chance(0.35)) {
      from.doc.delegates.push({ to: to.doc.id, mode: 'passthrough' });
      return;
    }
    // Token exchange: a short-lived token minted from the delegator's, with a subset of its grants.
    const parent = this.credentialById.get(parentId)!;
    const grants = parent.doc.grants
      .slice(0, Math.max(1, parent.doc.grants.length - 1))
      .map((g) => ({ ...g, actions: g.actions.slice(0, 1), approval: undefined }));
    const id = `${from.doc.id}-to-${to.doc.id.slice(from.team.name.length + 1)}`;
    const minted = this.credential(id, TEMPLATES.exchanged, [from.env], grants.map(stripUndefined), {
      owner: `team-${from.team.name}`,
      derivedFrom: parentId,
      revokedWithParent: this.rnd.chance(0.5),
    });
    from.doc.delegates.push({ to: to.doc.id, mode: 'exchange', credential: minted.doc.id });
    to.usable.push(minted.doc.id);
  }

  /** Chat bots and on-call keys can task the team's orchestrators and responders (the confused deputy). */
  private invokers(team: Team): void {
    for (const a of team.agents) {
      if (a.role !== 'orchestrator' || this.central.length === 0 || !this.rnd.chance(0.25)) continue;
      const cred = this.credentialById.get(a.doc.credentials[1])!;
      cred.doc.grants.push({
        agent: this.rnd.pick(this.central).doc.id,
        actions: ['invoke'],
        ...(this.rnd.chance(0.3) ? { approval: ['invoke'] } : {}),
      });
    }
    const targets = team.agents.filter(
      (a) => a.role === 'orchestrator' || a.role === 'responder' || a.role === 'deployer',
    );
    if (targets.length === 0) return;
    for (const a of team.agents) {
      if (a.role !== 'support' && a.role !== 'responder') continue;
      const cred = this.credentialById.get(a.doc.credentials[0])!;
      for (const target of this.rnd.sample(targets, this.rnd.int(1, 2))) {
        if (target === a) continue;
        cred.doc.grants.push({
          agent: target.doc.id,
          actions: ['invoke'],
          ...(this.rnd.chance(0.2) ? { approval: ['invoke'] } : {}),
        });
      }
    }
  }

  /** Team secret stores hold the team's static secrets; now and then a repository holds a committed one. */
  private fillStores(team: Team): void {
    for (const { env, id } of team.stored) {
      const store =
        team.byKind.get('secret-store')!.find((r) => r.doc.environment === env) ?? team.byKind.get('secret-store')![0];
      addHeld(store, id);
      if (this.rnd.chance(0.03)) addHeld(this.res(team, 'repository'), id);
    }
  }

  /** The organisation's store holds the shared credentials and the connectors' tokens. */
  private fillOrgStore(): void {
    for (const id of this.shared) addHeld(this.orgStore, id);
    for (const tool of this.sharedTools) addHeld(this.orgStore, tool.credential!);
  }

  // -- workflows ------------------------------------------------------------

  /**
   * One or two workflows per agent whose steps use most of what its credentials
   * grant (about four in five pairs): the rest is over-privilege, as in a real estate.
   */
  private workflowsOf(plan: AgentPlan): void {
    const steps: StepDocument[] = [];
    const toolOf = new Map<string, string>();
    for (const t of plan.doc.tools) {
      const tool = this.toolById.get(t);
      if (tool?.credential !== undefined) toolOf.set(tool.credential, tool.id);
    }
    for (const c of plan.usable) {
      const cred = this.credentialById.get(c)!;
      for (const g of cred.doc.grants) {
        if (g.resource === undefined) continue;
        for (const [k, action] of g.actions.entries()) {
          // Most grants are used for their main action; further actions less often (over-privilege).
          if (!this.rnd.chance(k === 0 ? 0.85 : 0.2)) continue;
          // The step names its tool when it goes through one; the credential is then implied.
          const tool = toolOf.get(c);
          steps.push({ ...(tool ? { tool } : {}), resource: g.resource, action });
        }
      }
    }
    for (const d of plan.doc.delegates) steps.push({ delegate: d.to });
    if (steps.length === 0) {
      const first = plan.usable
        .map((c) => this.credentialById.get(c)!)
        .find((c) => c.doc.grants.some((g) => g.resource !== undefined));
      const g = first?.doc.grants.find((x) => x.resource !== undefined);
      if (!first || !g) return;
      steps.push({ resource: g.resource, action: g.actions[0] });
    }
    const durations = ['5m', '10m', '30m', '1h', '2h'];
    const split = steps.length > 12 && this.rnd.chance(0.3) ? Math.ceil(steps.length / 2) : steps.length;
    const parts = split === steps.length ? [steps] : [steps.slice(0, split), steps.slice(split)];
    parts.forEach((part, i) => {
      this.workflows.push({
        id: `${plan.doc.id}-wf${i + 1}`,
        agent: plan.doc.id,
        duration: this.rnd.pick(durations),
        steps: part,
      });
    });
  }
}

function addHeld(res: Res, id: string): void {
  const holds = (res.doc.holds ??= []);
  if (!holds.includes(id)) holds.push(id);
}

/** Grants on the same resource merge into one entry, so a credential lists each resource once. */
function mergeGrants(grants: readonly GrantDocument[]): GrantDocument[] {
  const out: GrantDocument[] = [];
  for (const g of grants) {
    const same = out.find((o) => o.resource !== undefined && o.resource === g.resource);
    if (!same) {
      out.push({ ...g, actions: [...g.actions], ...(g.approval ? { approval: [...g.approval] } : {}) });
      continue;
    }
    for (const a of g.actions) if (!same.actions.includes(a)) same.actions.push(a);
    const approval = [...(same.approval ?? []), ...(g.approval ?? [])].filter(
      (a, i, all) => all.indexOf(a) === i && same.actions.includes(a),
    );
    if (approval.length > 0) same.approval = approval;
  }
  return out;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------
// YAML output: block style for structure, flow style for short leaves, so a
// generated file reads like a hand-written one and stays compact.

const FLOW_WIDTH = 200;

export function toYaml(value: unknown): string {
  const lines: string[] = [];
  writeMapping(value as Record<string, unknown>, 0, lines);
  return `${lines.join('\n')}\n`;
}

function writeMapping(map: Record<string, unknown>, indent: number, lines: string[], firstPrefix?: string): void {
  const pad = ' '.repeat(indent);
  let first = true;
  for (const [key, v] of Object.entries(map)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    const lead = first && firstPrefix !== undefined ? firstPrefix : pad;
    first = false;
    const flow = flowOf(v);
    if (flow !== undefined && lead.length + key.length + 2 + flow.length <= FLOW_WIDTH) {
      lines.push(`${lead}${key}: ${flow}`);
    } else if (Array.isArray(v)) {
      lines.push(`${lead}${key}:`);
      writeSequence(v, indent + 2, lines);
    } else {
      lines.push(`${lead}${key}:`);
      writeMapping(v as Record<string, unknown>, indent + 2, lines);
    }
  }
}

function writeSequence(items: readonly unknown[], indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    const flow = flowOf(item);
    if (flow !== undefined && indent + 2 + flow.length <= FLOW_WIDTH) lines.push(`${pad}- ${flow}`);
    else writeMapping(item as Record<string, unknown>, indent + 2, lines, `${pad}- `);
  }
}

/** The flow form of a scalar, a list of scalars, or a mapping of those; undefined when deeper. */
function flowOf(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (depth > 2) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => flowOf(v, depth + 1));
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const f = flowOf(v, depth + 1);
      if (f === undefined) return undefined;
      parts.push(`${k}: ${f}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  return undefined;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/@+-]*( [A-Za-z0-9._/@+-]+)*$/;
const RESERVED =
  /^(true|false|null|yes|no|on|off|~|[-+]?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;

function scalar(text: string): string {
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}
