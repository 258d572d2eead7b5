/**
 * Kubernetes manifests (several documents a file, `List` wrappers). Each
 * ServiceAccount is an agent; its mounted token (unless
 * `automountServiceAccountToken: false`), its projected tokens
 * (`expirationSeconds`, `audience`) and its legacy token Secrets are its
 * credentials, granted what the Roles and ClusterRoles bound to it allow
 * (get/list/watch read, create/update/patch write, delete delete, `*` admin),
 * in the binding's namespace or, through a ClusterRoleBinding, in all of them.
 * Legacy token Secrets are stored in their namespace's `secrets`, so whoever
 * may read those harvests them. Objects refer to each other across files, so
 * they are collected first and resolved once everything is read.
 */
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import type { ModelBuilder } from './builder.js';
import { problemAt, type Importer } from './importer.js';
import { isObject, type JsonObject, type Location, type ParsedConfig } from './types.js';

interface Rule {
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

interface Role {
  readonly rules: readonly Rule[];
  readonly at: Location;
}

interface Binding {
  readonly namespace: string | '*';
  readonly role: { kind: string; name: string };
  readonly subjects: readonly { namespace: string; name: string }[];
  readonly at: Location;
}

interface Account {
  readonly at: Location;
  automount?: boolean;
  /** Workloads that run as it, with what they mount. */
  readonly uses: { at: Location; automount?: boolean }[];
  readonly projected: { at: Location; seconds?: number; audience?: string; ttlAt?: Location }[];
  readonly legacy: { name: string; at: Location }[];
}

/** Built-in ClusterRoles a binding may name without the manifests defining them. */
const BUILT_IN: Record<string, Rule[]> = {
  'cluster-admin': [{ resources: ['*'], verbs: ['*'] }],
  admin: [{ resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
  edit: [{ resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
  view: [{ resources: ['pods', 'services', 'configmaps', 'deployments', 'jobs'], verbs: ['get', 'list', 'watch'] }],
};

const WORKLOADS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

export function kubernetesImporter(): Importer {
  const accounts = new Map<string, Account>();
  const roles = new Map<string, Role>();
  const bindings: Binding[] = [];
  const account = (namespace: string, name: string, at: Location): Account => {
    const key = `${namespace}/${name}`;
    let found = accounts.get(key);
    if (!found) {
      found = { at, uses: [], projected: [], legacy: [] };
      accounts.set(key, found);
    }
    return found;
  };

  const readObject = (doc: ParsedConfig, object: JsonObject, path: DocPath): Diagnostic[] => {
    const kind = object.kind as string;
    const metadata = isObject(object.metadata) ? object.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
    // An object is shown by its name line; a workload by its start.
    const at = doc.at(name !== undefined ? [...path, 'metadata', 'name'] : path);
    if (kind === 'List' || kind.endsWith('List')) {
      if (!Array.isArray(object.items)) return [problemAt(doc, path, `${kind}: no \`items\` list`)];
      return object.items.flatMap((item, i) =>
        isObject(item) && typeof item.kind === 'string' ? readObject(doc, item, [...path, 'items', i]) : [],
      );
    }
    if (
      name === undefined &&
      kind !== 'Pod' &&
      ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Secret'].includes(kind)
    )
      return [problemAt(doc, [...path, 'metadata'], `${kind}: no \`metadata.name\``)];
    switch (kind) {
      case 'ServiceAccount': {
        const a = account(namespace, name!, at);
        if (typeof object.automountServiceAccountToken === 'boolean') a.automount = object.automountServiceAccountToken;
        return [];
      }
      case 'Role':
      case 'ClusterRole':
        roles.set(`${kind}:${kind === 'Role' ? `${namespace}/` : ''}${name}`, { rules: rulesOf(object.rules), at });
        return [];
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const ref = object.roleRef;
        if (!isObject(ref) || typeof ref.name !== 'string' || typeof ref.kind !== 'string')
          return [
            problemAt(
              doc,
              [...path, 'roleRef'],
              `${kind} ${JSON.stringify(name)}: no \`roleRef\` with a kind and a name`,
            ),
          ];
        const subjects = (Array.isArray(object.subjects) ? object.subjects : [])
          .filter((s): s is JsonObject => isObject(s) && s.kind === 'ServiceAccount' && typeof s.name === 'string')
          .map((s) => ({
            name: s.name as string,
            namespace: typeof s.namespace === 'string' ? s.namespace : namespace,
          }));
        for (const s of subjects) account(s.namespace, s.name, at);
        bindings.push({
          namespace: kind === 'ClusterRoleBinding' ? '*' : namespace,
          role: { kind: ref.kind, name: ref.name },
          subjects,
          at,
        });
        return [];
      }
      case 'Secret': {
        const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
        const owner = annotations['kubernetes.io/service-account.name'];
        if (object.type === 'kubernetes.io/service-account-token' && typeof owner === 'string')
          account(namespace, owner, at).legacy.push({ name: name!, at });
        return [];
      }
      default:
        if (WORKLOADS.has(kind)) readWorkload(doc, object, path, namespace, account);
        return [];
    }
  };

  return {
    format: 'kubernetes',
    title: 'Kubernetes manifests (ServiceAccounts, RBAC, tokens)',
    byName: () => false,
    byContent: (value) => isObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string',
    read(doc) {
      const root = doc.value;
      if (!isObject(root) || typeof root.apiVersion !== 'string' || typeof root.kind !== 'string')
        return [problemAt(doc, [], 'Kubernetes: a manifest needs `apiVersion` and `kind`')];
      return readObject(doc, root, []);
    },
    finish(builder) {
      resolve(builder, accounts, roles, bindings);
    },
  };
}

function readWorkload(
  doc: ParsedConfig,
  object: JsonObject,
  path: DocPath,
  namespace: string,
  account: (namespace: string, name: string, at: Location) => Account,
): void {
  const found = podSpec(object, path);
  if (!found) return;
  const { spec, specPath } = found;
  const name = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
  const at = doc.at(typeof spec.serviceAccountName === 'string' ? [...specPath, 'serviceAccountName'] : path);
  const a = account(namespace, name, at);
  a.uses.push({
    at,
    automount: typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : undefined,
  });
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, v) => {
    const sources =
      isObject(volume) && isObject(volume.projected) && Array.isArray(volume.projected.sources)
        ? volume.projected.sources
        : [];
    sources.forEach((source, s) => {
      if (!isObject(source) || !isObject(source.serviceAccountToken)) return;
      const token = source.serviceAccountToken;
      const tokenPath: DocPath = [...specPath, 'volumes', v, 'projected', 'sources', s, 'serviceAccountToken'];
      a.projected.push({
        at: doc.at(tokenPath),
        seconds: typeof token.expirationSeconds === 'number' ? token.expirationSeconds : undefined,
        audience: typeof token.audience === 'string' ? token.audience : undefined,
        ttlAt: token.expirationSeconds !== undefined ? doc.at([...tokenPath, 'expirationSeconds']) : undefined,
      });
    });
  });
}

/** The pod template of a workload: `spec` of a Pod, `spec.template.spec`, or a CronJob's job template's. */
function podSpec(object: JsonObject, path: DocPath): { spec: JsonObject; specPath: DocPath } | undefined {
  const spec = object.spec;
  if (!isObject(spec)) return undefined;
  if (object.kind === 'Pod') return { spec, specPath: [...path, 'spec'] };
  if (object.kind === 'CronJob') {
    const job = isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    const pod = job && isObject(job.template) && isObject(job.template.spec) ? job.template.spec : undefined;
    return pod ? { spec: pod, specPath: [...path, 'spec', 'jobTemplate', 'spec', 'template', 'spec'] } : undefined;
  }
  const pod = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : undefined;
  return pod ? { spec: pod, specPath: [...path, 'spec', 'template', 'spec'] } : undefined;
}

function rulesOf(value: unknown): Rule[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((r) => ({
    resources: (Array.isArray(r.resources) ? r.resources : []).filter((x): x is string => typeof x === 'string'),
    verbs: (Array.isArray(r.verbs) ? r.verbs : []).filter((x): x is string => typeof x === 'string'),
  }));
}

/** RBAC verbs as model actions. */
export function verbActions(verbs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const verb of verbs) {
    if (verb === '*') out.add('admin');
    else if (verb === 'get' || verb === 'list' || verb === 'watch') out.add('read');
    else if (verb === 'create' || verb === 'update' || verb === 'patch') out.add('write');
    else if (verb === 'delete' || verb === 'deletecollection') out.add('delete');
    else if (verb === 'impersonate' || verb === 'escalate' || verb === 'bind') out.add('admin');
  }
  return [...out].sort();
}

function resolve(
  builder: ModelBuilder,
  accounts: Map<string, Account>,
  roles: Map<string, Role>,
  bindings: readonly Binding[],
): void {
  const secretsResource = (scope: string, at: Location) =>
    builder.resource({
      key: `k8s-resource:${scope}/secrets`,
      id: `k8s:${scopeId(scope)}/secrets`,
      at,
      doc: {
        name: scope === '*' ? 'Secrets in every namespace' : `Secrets in namespace ${scope}`,
        kind: 'secret-store',
        sensitivity: 'high',
      },
      assumed: ['sensitivity'],
    });
  const tokens = new Map<string, string[]>();
  for (const [key, a] of [...accounts].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const [namespace, name] = splitKey(key);
    const agent = builder.agent({
      key: `k8s-sa:${key}`,
      id: `k8s:${key}`,
      at: a.at,
      doc: {
        name,
        purpose: 'Kubernetes workload identity',
        identity: { kind: 'service-account', id: `system:serviceaccount:${namespace}:${name}` },
      },
    });
    const held: string[] = [];
    const mounted = a.uses.some((u) => (u.automount ?? a.automount) !== false);
    if (mounted) {
      held.push(
        builder.credential({
          key: `k8s-token:${key}`,
          id: `k8s:${key}/token`,
          at: a.uses.find((u) => (u.automount ?? a.automount) !== false)!.at,
          doc: {
            name: `${name} token`,
            description: 'The service account token mounted into its pods.',
            kind: 'kubernetes-service-account-token',
          },
        }),
      );
    }
    a.projected.forEach((p, i) => {
      const id = builder.credential({
        key: `k8s-projected:${key}:${i}`,
        id: `k8s:${key}/projected${p.audience ? `:${p.audience}` : ''}`,
        at: p.at,
        doc: {
          name: `${name} projected token`,
          description: p.audience
            ? `A projected token for the audience ${p.audience}.`
            : 'A projected token for the API server.',
          kind: 'kubernetes-service-account-token',
          ...(p.seconds !== undefined && p.seconds > 0 ? { ttl: `${Math.floor(p.seconds)}s` } : {}),
        },
      });
      if (p.ttlAt) builder.fieldAt('credentials', id, 'ttl', p.ttlAt);
      // A token for another audience (Vault, a cloud) is not accepted by the API server: no RBAC grants.
      if (!p.audience) held.push(id);
      else builder.hold(agent, id);
    });
    for (const legacy of a.legacy) {
      const id = builder.credential({
        key: `k8s-legacy:${namespace}/${legacy.name}`,
        id: `k8s:${namespace}/${legacy.name}`,
        at: legacy.at,
        doc: {
          name: legacy.name,
          description: `A token Secret of ${name}, readable by whoever can read Secrets in ${namespace}.`,
          kind: 'kubernetes-legacy-service-account-token',
        },
      });
      held.push(id);
      builder.store(secretsResource(namespace, legacy.at), id);
      builder.store(secretsResource('*', legacy.at), id);
    }
    for (const id of held) builder.hold(agent, id);
    tokens.set(key, held);
  }

  for (const binding of bindings) {
    const role =
      binding.role.kind === 'Role'
        ? roles.get(`Role:${binding.namespace}/${binding.role.name}`)
        : roles.get(`ClusterRole:${binding.role.name}`);
    const rules = role?.rules ?? (binding.role.kind === 'ClusterRole' ? BUILT_IN[binding.role.name] : undefined);
    if (!rules) continue;
    for (const subject of binding.subjects) {
      for (const credential of tokens.get(`${subject.namespace}/${subject.name}`) ?? []) {
        for (const rule of rules) {
          const actions = verbActions(rule.verbs);
          if (actions.length === 0) continue;
          for (const resource of rule.resources) {
            const id =
              resource === 'secrets'
                ? secretsResource(binding.namespace, binding.at)
                : builder.resource({
                    key: `k8s-resource:${binding.namespace}/${resource}`,
                    id: `k8s:${scopeId(binding.namespace)}/${resource === '*' ? 'all' : resource}`,
                    at: role?.at ?? binding.at,
                    doc: {
                      name: `${resource === '*' ? 'Every resource' : resource} in ${binding.namespace === '*' ? 'every namespace' : `namespace ${binding.namespace}`}`,
                      kind: 'kubernetes',
                      sensitivity: resource === '*' ? 'critical' : 'medium',
                    },
                    assumed: ['sensitivity'],
                  });
            builder.grant(credential, { resource: id, actions }, { at: binding.at });
          }
        }
      }
    }
  }
  // Whoever may read every resource of a namespace may read its Secrets too.
  storeUnderWildcards(builder, accounts);
}

function storeUnderWildcards(builder: ModelBuilder, accounts: Map<string, Account>): void {
  for (const [key, a] of accounts) {
    const [namespace] = splitKey(key);
    for (const legacy of a.legacy) {
      const id = builder.idOf('credentials', `k8s-legacy:${namespace}/${legacy.name}`);
      if (id === undefined) continue;
      for (const scope of [namespace, '*']) {
        const wildcard = builder.idOf('resources', `k8s-resource:${scope}/*`);
        if (wildcard !== undefined) builder.store(wildcard, id);
      }
    }
  }
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** `*` is not an id character: the cluster-wide scope is `cluster`. */
function scopeId(scope: string): string {
  return scope === '*' ? 'cluster' : scope;
}
