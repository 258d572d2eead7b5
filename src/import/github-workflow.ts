/**
 * GitHub Actions workflows (`.github/workflows/*.yml`). Each job is an agent;
 * each `uses:` a tool (third-party unless local or of the repository's owner,
 * unpinned unless its ref is a commit SHA) acting with the secret passed to it
 * or else the job's token; the job's `GITHUB_TOKEN` is a credential whose
 * grants come from `permissions:` (job, then workflow, then the repository
 * default, which the file does not state); `secrets.X` are static credentials;
 * `id-token: write` is an OIDC token from which the cloud logins derive theirs;
 * and an AI agent started by issue or comment text reads untrusted input.
 */
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import type { ModelBuilder } from './builder.js';
import { problemAt, slashed, type Importer } from './importer.js';
import { kindFromName, referencesIn } from './secrets.js';
import { isObject, type JsonObject, type Location, type ParsedConfig } from './types.js';

/** Scopes of the GITHUB_TOKEN, the resource each stands for, and a guess at its sensitivity. */
const SCOPES: Record<string, { name: string; kind: string; sensitivity: 'low' | 'medium' | 'high' | 'critical' }> = {
  actions: { name: 'Actions runs, artifacts and caches', kind: 'ci', sensitivity: 'high' },
  attestations: { name: 'Artifact attestations', kind: 'ci', sensitivity: 'medium' },
  checks: { name: 'Check runs', kind: 'ci', sensitivity: 'low' },
  contents: { name: 'Repository contents and releases', kind: 'repository', sensitivity: 'high' },
  deployments: { name: 'Deployments', kind: 'deployment', sensitivity: 'high' },
  discussions: { name: 'Discussions', kind: 'discussion', sensitivity: 'low' },
  issues: { name: 'Issues', kind: 'issue-tracker', sensitivity: 'low' },
  models: { name: 'GitHub Models', kind: 'model-api', sensitivity: 'low' },
  packages: { name: 'Packages', kind: 'package-registry', sensitivity: 'high' },
  pages: { name: 'GitHub Pages', kind: 'website', sensitivity: 'medium' },
  'pull-requests': { name: 'Pull requests', kind: 'repository', sensitivity: 'medium' },
  'repository-projects': { name: 'Projects (classic)', kind: 'project', sensitivity: 'low' },
  'security-events': { name: 'Code scanning alerts', kind: 'security', sensitivity: 'medium' },
  statuses: { name: 'Commit statuses', kind: 'ci', sensitivity: 'low' },
};

/** Triggers whose payload carries text anyone can write (an issue, a comment, a fork's pull request). */
const UNTRUSTED_TRIGGERS = [
  'issues',
  'issue_comment',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
];

/** Actions that run an AI agent on the repository. */
const AI_ACTION =
  /^(anthropics\/claude-code(-base)?-action|openai\/codex-action|google-github-actions\/run-gemini-cli|actions\/ai-inference|github\/copilot[^@]*|coderabbitai\/[^@]*|all-hands-ai\/openhands[^@]*|.*\b(ai|llm|gpt|claude|gemini|codex)\b[^@]*)@/i;

const SHA = /^[0-9a-f]{40}$/;

export interface WorkflowOptions {
  /** The repository's owner: actions it publishes are first-party. */
  readonly owner?: string;
}

export function githubWorkflowImporter(options: WorkflowOptions = {}): Importer {
  return {
    format: 'github-workflow',
    title: 'GitHub Actions workflow (.github/workflows/*.yml)',
    byName: (path) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(slashed(path)),
    byContent: (value) => isObject(value) && isObject(value.jobs) && value.on !== undefined,
    read: (doc, builder) => readWorkflow(doc, builder, options),
  };
}

export const githubWorkflow = githubWorkflowImporter();

function readWorkflow(doc: ParsedConfig, builder: ModelBuilder, options: WorkflowOptions): Diagnostic[] {
  const root = doc.value;
  if (!isObject(root) || !isObject(root.jobs))
    return [problemAt(doc, [], 'GitHub workflow: no `jobs` mapping, so this is not a workflow')];
  if (root.on === undefined)
    return [problemAt(doc, [], 'GitHub workflow: no `on:` trigger, so this is not a workflow')];
  const problems: Diagnostic[] = [];
  const stem = (doc.file.split(/[\\/]/).pop() ?? doc.file).replace(/\.ya?ml$/i, '');
  const untrusted = triggers(root.on).filter((t) => UNTRUSTED_TRIGGERS.includes(t));
  for (const [jobId, job] of Object.entries(root.jobs)) {
    if (!isObject(job)) {
      problems.push(problemAt(doc, ['jobs', jobId], `job ${JSON.stringify(jobId.slice(0, 80))} is not a mapping`));
      continue;
    }
    new JobReader(builder, doc, root, stem, jobId, job, untrusted, options).read();
  }
  return problems;
}

class JobReader {
  private readonly path: DocPath;
  private readonly agent: string;
  private readonly token: string;
  private oidc: string | undefined;
  private readonly ai: boolean;

  constructor(
    private readonly builder: ModelBuilder,
    private readonly doc: ParsedConfig,
    private readonly workflow: JsonObject,
    private readonly stem: string,
    private readonly jobId: string,
    private readonly job: JsonObject,
    private readonly untrusted: readonly string[],
    private readonly options: WorkflowOptions,
  ) {
    this.path = ['jobs', jobId];
    this.ai = this.steps().some(({ step }) => typeof step.uses === 'string' && AI_ACTION.test(step.uses));
    const name = typeof job.name === 'string' ? job.name : jobId;
    this.agent = builder.agent({
      key: `job:${doc.file}:${jobId}`,
      id: `${stem}/${jobId}`,
      at: doc.at(this.path),
      doc: {
        name,
        purpose: this.ai ? 'AI agent run by GitHub Actions' : 'GitHub Actions job',
        description: this.describe(),
        autonomy: 'autonomous',
      },
    });
    this.token = this.readToken();
  }

  read(): void {
    for (const { step, path } of this.steps()) this.readStep(step, path);
    if (typeof this.job.uses === 'string') this.readUses(this.job.uses, [...this.path, 'uses'], this.job);
    this.readSecrets(this.workflow.env, ['env']);
    this.readSecrets(this.job.env, [...this.path, 'env']);
    this.readSecrets(this.job.secrets, [...this.path, 'secrets']);
    if (this.ai && this.untrusted.length > 0) this.exposeToPrompt();
  }

  private describe(): string {
    const parts = [`GitHub Actions job ${this.jobId}`];
    if (this.ai && this.untrusted.length > 0)
      parts.push(`an AI agent started by ${this.untrusted.join(', ')}: it reads text anyone can write`);
    return `${parts.join('; ')}.`;
  }

  private steps(): { step: JsonObject; path: DocPath }[] {
    const steps = this.job.steps;
    if (!Array.isArray(steps)) return [];
    return steps.flatMap((step, i) => (isObject(step) ? [{ step, path: [...this.path, 'steps', i] as DocPath }] : []));
  }

  /** The job's GITHUB_TOKEN, granted what `permissions:` says, or the repository default (assumed). */
  private readToken(): string {
    const jobPermissions = this.job.permissions;
    const written = jobPermissions ?? this.workflow.permissions;
    const where: DocPath =
      jobPermissions !== undefined
        ? [...this.path, 'permissions']
        : written !== undefined
          ? ['permissions']
          : this.path;
    const id = this.builder.credential({
      key: `github-token:${this.doc.file}:${this.jobId}`,
      id: `${this.stem}/${this.jobId}/GITHUB_TOKEN`,
      at: this.doc.at(where),
      doc: {
        name: 'GITHUB_TOKEN',
        description:
          written === undefined
            ? 'The job’s token. The workflow sets no permissions, so it has the repository’s default: assumed permissive (read and write on every scope), as repositories created before February 2023 still have.'
            : 'The job’s token, with the permissions the workflow sets.',
        kind: 'github-actions-token',
      },
    });
    this.builder.hold(this.agent, id);
    const grants = permissionGrants(written);
    if (grants.oidc) this.oidc = this.oidcToken(where);
    for (const [scope, actions] of grants.scopes) {
      const resource = this.scopeResource(scope);
      this.builder.grant(id, { resource, actions }, { at: this.doc.at(where), assumed: written === undefined });
    }
    if (written === undefined) this.builder.assume('credentials', id, 'grants');
    return id;
  }

  private scopeResource(scope: string): string {
    const info = SCOPES[scope];
    return this.builder.resource({
      key: `github-scope:${scope}`,
      id: `github:${scope}`,
      at: this.doc.at(this.path),
      doc: { name: info.name, kind: info.kind, sensitivity: info.sensitivity },
      assumed: ['sensitivity'],
    });
  }

  private oidcToken(where: DocPath): string {
    const id = this.builder.credential({
      key: `oidc:${this.doc.file}:${this.jobId}`,
      id: `${this.stem}/${this.jobId}/oidc`,
      at: this.doc.at(where),
      doc: {
        name: 'OIDC ID token',
        description: 'The job may request an OIDC ID token (`id-token: write`), exchanged for cloud credentials.',
        kind: 'github-actions-oidc-token',
      },
    });
    this.builder.hold(this.agent, id);
    return id;
  }

  private readStep(step: JsonObject, path: DocPath): void {
    if (typeof step.uses === 'string') this.readUses(step.uses, [...path, 'uses'], step);
    this.readSecrets(step.env, [...path, 'env']);
    this.readSecrets(step.with, [...path, 'with']);
    if (typeof step.run === 'string') this.readSecrets({ run: step.run }, path, true);
  }

  /** A `uses:` step or reusable workflow: a tool acting with what is passed to it, else the job's token. */
  private readUses(uses: string, path: DocPath, step: JsonObject): void {
    const at = this.doc.at(path);
    const { action, ref } = splitUses(uses);
    const local = action.startsWith('./') || action.startsWith('.\\');
    const owner = action.split('/')[0];
    const firstParty =
      local || (this.options.owner !== undefined && owner.toLowerCase() === this.options.owner.toLowerCase());
    const pinned = ref !== undefined && SHA.test(ref);
    const passed = [
      ...this.secretsIn(step.with, [...path.slice(0, -1), 'with']),
      ...this.secretsIn(step.env, [...path.slice(0, -1), 'env']),
    ];
    const tool = this.builder.tool({
      key: `action:${this.doc.file}:${this.jobId}:${uses}:${path.join('.')}`,
      id: `${this.stem}/${this.jobId}/${action.replace(/^\.[\\/]/, 'local:')}`,
      at,
      doc: {
        name: uses.startsWith('docker://') ? 'container action' : action,
        description: local
          ? 'A local action of this repository.'
          : `${pinned ? 'Pinned to a commit' : `Unpinned: ref ${ref === undefined ? 'missing' : JSON.stringify(ref.slice(0, 40))} is not a commit SHA, so its owner can change what runs`}.`,
        kind: 'cli',
        publisher: firstParty ? 'first-party' : 'third-party',
        credential: passed[0] ?? this.token,
      },
    });
    this.builder.use(this.agent, tool);
    this.readCloudLogin(action, step, path.slice(0, -1), at);
  }

  /** Cloud logins: credentials derived from the OIDC token or from a stored secret. */
  private readCloudLogin(action: string, step: JsonObject, path: DocPath, at: Location): void {
    const inputs = isObject(step.with) ? step.with : {};
    const input = (name: string) => {
      const value = inputs[name];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    };
    const secretOf = (name: string) => {
      const value = input(name);
      const ref = value === undefined ? undefined : referencesIn(value).find((r) => r.scheme === 'secret');
      return ref ? this.secretCredential(ref.name, this.doc.at([...path, 'with', name])) : undefined;
    };
    const withPath = (name: string): DocPath => [...path, 'with', name];
    if (/^aws-actions\/configure-aws-credentials$/i.test(action)) {
      const parent = secretOf('aws-secret-access-key') ?? secretOf('aws-access-key-id') ?? this.oidc;
      if (input('role-to-assume') === undefined && parent !== undefined && parent !== this.oidc) return;
      const seconds = Number(input('role-duration-seconds'));
      this.derived('aws', 'AWS role session', 'aws-sts-session', parent, at, {
        ttl: Number.isInteger(seconds) && seconds > 0 ? `${seconds}s` : undefined,
        ttlAt:
          input('role-duration-seconds') !== undefined ? this.doc.at(withPath('role-duration-seconds')) : undefined,
        resource: { id: 'aws-account', name: 'AWS account', kind: 'cloud-account' },
      });
    } else if (/^google-github-actions\/auth$/i.test(action)) {
      const key = secretOf('credentials_json');
      const lifetime = input('access_token_lifetime');
      this.derived('gcp', 'Google Cloud access token', 'gcp-service-account-token', key ?? this.oidc, at, {
        ttl: lifetime !== undefined && /^[0-9]+s$/.test(lifetime) ? lifetime : undefined,
        ttlAt: lifetime !== undefined ? this.doc.at(withPath('access_token_lifetime')) : undefined,
        resource: { id: 'gcp-project', name: 'Google Cloud project', kind: 'cloud-account' },
      });
      if (key) this.builder.docOf<{ kind?: string }>('credentials', key).kind = 'gcp-service-account-key';
    } else if (/^azure\/login$/i.test(action)) {
      const secret = secretOf('creds');
      this.derived('azure', 'Microsoft Entra access token', 'entra-access-token', secret ?? this.oidc, at, {
        resource: { id: 'azure-subscription', name: 'Azure subscription', kind: 'cloud-account' },
      });
    }
  }

  private derived(
    cloud: string,
    name: string,
    kind: string,
    parent: string | undefined,
    at: Location,
    options: { ttl?: string; ttlAt?: Location; resource: { id: string; name: string; kind: string } },
  ): void {
    const id = this.builder.credential({
      key: `cloud:${this.doc.file}:${this.jobId}:${cloud}`,
      id: `${this.stem}/${this.jobId}/${cloud}`,
      at,
      doc: {
        name,
        description: parent === this.oidc ? 'Exchanged for the job’s OIDC token.' : 'Obtained with a stored secret.',
        kind,
        ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
        ...(parent !== undefined ? { derivedFrom: parent } : {}),
      },
    });
    if (options.ttlAt) this.builder.fieldAt('credentials', id, 'ttl', options.ttlAt);
    this.builder.hold(this.agent, id);
    const resource = this.builder.resource({
      key: `cloud-resource:${options.resource.id}`,
      id: options.resource.id,
      at,
      doc: { name: options.resource.name, kind: options.resource.kind, sensitivity: 'critical' },
      assumed: ['sensitivity'],
    });
    this.builder.grant(id, { resource, actions: ['read', 'write'] }, { at, assumed: true });
  }

  /** Every `secrets.X` under a value: static credentials the job holds. */
  private readSecrets(value: unknown, path: DocPath, inRun = false): void {
    for (const id of this.secretsIn(value, path, inRun)) this.builder.hold(this.agent, id);
  }

  private secretsIn(value: unknown, path: DocPath, inRun = false): string[] {
    const out: string[] = [];
    walkStrings(value, path, (text, at) => {
      for (const ref of referencesIn(text)) {
        if (ref.scheme !== 'secret') continue;
        const id = this.secretCredential(ref.name, this.doc.at(inRun ? path : at));
        if (!out.includes(id)) out.push(id);
      }
      if (/\$\{\{\s*github\.token\s*\}\}/.test(text) && !out.includes(this.token)) out.push(this.token);
    });
    return out;
  }

  private secretCredential(name: string, at: Location): string {
    if (name === 'GITHUB_TOKEN') return this.token;
    return this.builder.credential({
      key: `github-secret:${name}`,
      id: `secret:${name}`,
      at,
      doc: {
        name,
        description: 'A GitHub Actions secret: what it unlocks is not in the workflow.',
        kind: kindFromName(name),
      },
      assumed: ['kind'],
    });
  }

  /** An AI agent that reads issue or comment text: whatever it holds can leak through its prompt. */
  private exposeToPrompt(): void {
    const agent = this.builder.docOf<{ credentials?: string[] }>('agents', this.agent);
    for (const id of agent.credentials ?? []) {
      const credential = this.builder.docOf<{ exposure?: string[] }>('credentials', id);
      credential.exposure = [...new Set([...(credential.exposure ?? []), 'prompt-context'])].sort();
      this.builder.fieldAt('credentials', id, 'exposure', this.doc.at(['on']));
    }
  }
}

/** `owner/repo/path@ref` split at the last `@`; `docker://image` has no ref. */
function splitUses(uses: string): { action: string; ref?: string } {
  if (uses.startsWith('docker://')) return { action: uses.replace(/@.*$/, '').slice(0, 100) };
  const at = uses.lastIndexOf('@');
  return at < 0 ? { action: uses } : { action: uses.slice(0, at), ref: uses.slice(at + 1) };
}

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === 'string');
  return isObject(on) ? Object.keys(on) : [];
}

/** `permissions:` as grants per scope; `id-token: write` is the OIDC token, not a grant. */
export function permissionGrants(written: unknown): { scopes: Map<string, string[]>; oidc: boolean } {
  const scopes = new Map<string, string[]>();
  const all = (actions: string[]) => {
    for (const scope of Object.keys(SCOPES)) scopes.set(scope, actions);
  };
  if (written === undefined || written === 'write-all') {
    all(['read', 'write']);
    return { scopes, oidc: written === 'write-all' };
  }
  if (written === 'read-all') {
    all(['read']);
    return { scopes, oidc: false };
  }
  let oidc = false;
  if (isObject(written)) {
    for (const [scope, level] of Object.entries(written)) {
      if (scope === 'id-token') oidc = level === 'write';
      else if (SCOPES[scope] && level === 'read') scopes.set(scope, ['read']);
      else if (SCOPES[scope] && level === 'write') scopes.set(scope, ['read', 'write']);
    }
  }
  return { scopes, oidc };
}

function walkStrings(value: unknown, path: DocPath, visit: (text: string, path: DocPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
}
