/**
 * Resolves a checked document into the `Model` the analyses read: durations in
 * seconds, the credential-kind catalogue's published defaults applied, and
 * every figure that came from a default recorded as an assumption.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import {
  DETECTION_DEFAULTS,
  RESPONSE_DEFAULTS,
  credentialKind,
  type CredentialKindInfo,
  type DeclaredKind,
} from './credential-kinds.js';
import { UNBOUNDED, formatDuration, parseDuration, type DurationText, type Seconds } from './duration.js';
import { quote } from './messages.js';
import type {
  CredentialDocument,
  DetectionTimeDocument,
  ImportedFromDocument,
  KindDeclarationDocument,
  ModelDocument,
} from './schema.js';
import type { Problem } from './schema-check.js';
import type {
  Agent,
  Assumption,
  Credential,
  DetectionTime,
  Grant,
  ImportedFrom,
  Model,
  Resource,
  Step,
  Tool,
  Workflow,
} from './types.js';

export function normalizeModel(doc: ModelDocument, fallbackName: string): { model: Model; problems: Problem[] } {
  const problems: Problem[] = [];
  const assumptions: Assumption[] = [];
  const problem = (path: DocPath, message: string) => problems.push({ path, at: 'value', message });

  const model: Model = {
    name: doc.name ?? fallbackName,
    description: doc.description,
    detection: resolveDetection(doc, assumptions, problem),
    response: {
      manual:
        seconds(doc.response?.manual) ??
        assume(assumptions, 'model', 'response.manual', RESPONSE_DEFAULTS.manual, 'leakradius default'),
      automated:
        seconds(doc.response?.automated) ??
        assume(assumptions, 'model', 'response.automated', RESPONSE_DEFAULTS.automated, 'leakradius default'),
    },
    agents: (doc.agents ?? []).map((a, i): Agent => ({
      id: a.id,
      name: a.name,
      owner: a.owner,
      purpose: a.purpose,
      environment: a.environment,
      identity: { kind: a.identity?.kind ?? 'none', id: a.identity?.id },
      autonomy: a.autonomy ?? 'autonomous',
      tools: a.tools ?? [],
      credentials: a.credentials ?? [],
      source: importedFrom(a.source, `agent:${a.id}`, a, assumptions),
      delegates: (a.delegates ?? []).map((d, k) => ({
        to: d.to,
        mode: d.mode,
        credential: d.credential,
        path: ['agents', i, 'delegates', k],
      })),
      path: ['agents', i],
    })),
    tools: (doc.tools ?? []).map((t, i): Tool => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      publisher: t.publisher ?? 'first-party',
      credential: t.credential,
      source: importedFrom(t.source, `tool:${t.id}`, t, assumptions),
      path: ['tools', i],
    })),
    resources: (doc.resources ?? []).map((r, i): Resource => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      sensitivity: r.sensitivity,
      environment: r.environment,
      owner: r.owner,
      holds: r.holds ?? [],
      source: importedFrom(r.source, `resource:${r.id}`, r, assumptions),
      path: ['resources', i],
    })),
    credentials: (doc.credentials ?? []).map((c, i) => resolveCredential(c, ['credentials', i], assumptions, problem)),
    workflows: (doc.workflows ?? []).map((w, i): Workflow => ({
      id: w.id,
      name: w.name,
      agent: w.agent,
      duration: seconds(w.duration) ?? 0,
      steps: w.steps.map((s, k): Step => {
        const path: DocPath = ['workflows', i, 'steps', k];
        return s.delegate !== undefined
          ? { kind: 'delegate', to: s.delegate, path }
          : {
              kind: 'action',
              tool: s.tool,
              resource: s.resource ?? '',
              action: s.action ?? '',
              credential: s.credential,
              path,
            };
      }),
      path: ['workflows', i],
    })),
    kinds: (doc.kinds ?? []).map(declaredKind),
    accept: (doc.accept ?? []).map((a, i) => ({ ...a, path: ['accept', i] })),
    assumptions,
  };
  return { model, problems };
}

function declaredKind(k: KindDeclarationDocument): DeclaredKind {
  const c = k.capabilities;
  return {
    id: k.id,
    title: k.title,
    provider: k.provider,
    capabilities: {
      bindings: c.bindings && [...c.bindings],
      issuance: c.issuance && [...c.issuance],
      revocableByApi: c.revocableByApi,
      revokedWhenPublic: c.revokedWhenPublic,
      replacements: c.replacements?.map((r) => ({ kind: r.kind, takes: r.takes })),
    },
    source: k.source,
  };
}

/**
 * Credentials `positions` of `doc` resolved as `normalizeModel` resolves them,
 * with each one's assumptions and their problems: a what-if that changes only credential settings
 * resolves those credentials again, not the whole model.
 */
export function resolveCredentials(
  doc: ModelDocument,
  positions: readonly number[],
): { credentials: Credential[]; assumptions: Assumption[][]; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (path: DocPath, message: string) => problems.push({ path, at: 'value', message });
  const assumptions = positions.map((): Assumption[] => []);
  const credentials = positions.map((i, k) =>
    resolveCredential(doc.credentials![i], ['credentials', i], assumptions[k], problem),
  );
  return { credentials, assumptions, problems };
}

function resolveCredential(
  c: CredentialDocument,
  path: DocPath,
  assumptions: Assumption[],
  problem: (path: DocPath, message: string) => void,
): Credential {
  const element = `credential:${c.id}`;
  const kind = c.kind === undefined ? undefined : credentialKind(c.kind);
  const fromKind = kind ? `kind ${kind.id}` : '';
  const d = kind?.defaults ?? {};
  const pick = <T>(
    written: T | undefined,
    field: string,
    kindValue: T | undefined,
    fallback: T | undefined,
    show: (v: T) => string = String,
  ): T | undefined => {
    if (written !== undefined) return written;
    if (kindValue !== undefined) {
      assumptions.push({ element, field, value: show(kindValue), source: fromKind });
      return kindValue;
    }
    if (fallback !== undefined)
      assumptions.push({ element, field, value: show(fallback), source: 'leakradius default' });
    return fallback;
  };

  let ttl = seconds(pick(c.ttl, 'ttl', d.ttl, undefined));
  if (ttl === undefined) {
    const why =
      c.kind === undefined
        ? 'it has no kind'
        : kind
          ? `kind ${c.kind} has no default ttl`
          : `kind ${quote(c.kind)} is not in the catalogue (see \`leakradius kinds\`)`;
    problem(path, `credential ${quote(c.id)}: no ttl, and ${why}; write ttl: <duration> or ttl: never`);
    ttl = UNBOUNDED;
  } else if (kind && c.ttl !== undefined) {
    checkTtlLimits(c.id, ttl, kind, [...path, 'ttl'], problem);
  }
  const maxLifetime = seconds(pick(c.maxLifetime, 'maxLifetime', d.maxLifetime, undefined));
  if (maxLifetime !== undefined && maxLifetime < ttl) {
    // Refreshing extends a credential; it never shortens one issue of it.
    problem(
      c.maxLifetime !== undefined ? [...path, 'maxLifetime'] : path,
      `credential ${quote(c.id)}: maxLifetime ${formatDuration(maxLifetime)} is shorter than its ttl ${formatDuration(ttl)}; a refreshable credential lives at least one issue: raise maxLifetime to ${formatDuration(ttl)} or more, or remove it`,
    );
  }
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    owner: c.owner,
    subject: pick(c.subject, 'subject', d.subject, 'workload')!,
    ttl,
    maxLifetime,
    issuance: pick(c.issuance, 'issuance', d.issuance, 'static')!,
    binding: pick(c.binding, 'binding', d.binding, 'bearer')!,
    revocation: {
      mode: pick(c.revocation?.mode, 'revocation.mode', d.revocation?.mode, 'manual')!,
      propagation: seconds(pick(c.revocation?.propagation, 'revocation.propagation', d.revocation?.propagation, '0s'))!,
    },
    environments: c.environments ?? [],
    exposure: c.exposure ?? [],
    derivedFrom: c.derivedFrom,
    source: importedFrom(c.source, element, c, assumptions),
    revokedWithParent:
      c.derivedFrom === undefined
        ? false
        : pick(c.revokedWithParent, 'revokedWithParent', d.revokedWithParent, false, String)!,
    grants: (c.grants ?? []).map((g, k): Grant => ({
      target: g.resource !== undefined ? { kind: 'resource', id: g.resource } : { kind: 'agent', id: g.agent ?? '' },
      actions: g.actions,
      approval: g.approval ?? [],
      path: [...path, 'grants', k],
    })),
    path,
  };
}

/**
 * An imported element's origin, and the fields the import guessed recorded as
 * assumptions (the figure as written, its source the configuration file).
 */
function importedFrom(
  source: ImportedFromDocument | undefined,
  element: string,
  written: object,
  assumptions: Assumption[],
): ImportedFrom | undefined {
  if (source === undefined) return undefined;
  for (const field of source.assumed ?? []) {
    assumptions.push({
      element,
      field,
      value: shownValue(written, field),
      source: `guessed on import from ${source.file}`,
    });
  }
  return { file: source.file, line: source.line, literal: source.literal ?? false };
}

/** A written field as an assumption shows it: the scalar, or how many items a list has. */
function shownValue(written: object, field: string): string {
  let value: unknown = written;
  for (const part of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (Array.isArray(value)) return `${value.length} written`;
  return value === undefined || typeof value === 'object' ? 'not written' : String(value);
}

function checkTtlLimits(
  id: string,
  ttl: Seconds,
  kind: CredentialKindInfo,
  path: DocPath,
  problem: (path: DocPath, message: string) => void,
): void {
  const min = seconds(kind.minTtl);
  const max = seconds(kind.maxTtl);
  if (min !== undefined && ttl < min)
    problem(
      path,
      `credential ${quote(id)}: ttl ${formatDuration(ttl)} is below the ${kind.minTtl} minimum that ${kind.id} allows`,
    );
  if (max !== undefined && ttl > max)
    problem(
      path,
      `credential ${quote(id)}: ttl ${formatDuration(ttl)} is above the ${kind.maxTtl} maximum that ${kind.id} allows`,
    );
}

function resolveDetection(
  doc: ModelDocument,
  assumptions: Assumption[],
  problem: (path: DocPath, message: string) => void,
): Model['detection'] {
  const written = doc.detection;
  const channels = new Map<string, DetectionTime>();
  for (const [name, value] of Object.entries(written?.channels ?? {})) {
    channels.set(name, detectionTime(value, ['detection', 'channels', name], problem));
  }
  let fallback: DetectionTime;
  if (written?.default !== undefined) {
    fallback = detectionTime(written.default, ['detection', 'default'], problem);
  } else {
    fallback = {
      kind: 'fixed',
      seconds: assume(
        assumptions,
        'model',
        'detection.default',
        DETECTION_DEFAULTS.default,
        DETECTION_DEFAULTS.basis.default,
      ),
    };
    // Built-in channel figures stand in only where the model leaves detection times entirely to leakradius.
    for (const [name, value] of Object.entries(DETECTION_DEFAULTS.channels)) {
      if (!channels.has(name))
        channels.set(name, {
          kind: 'fixed',
          seconds: assume(assumptions, 'model', `detection.channels.${name}`, value, DETECTION_DEFAULTS.basis[name]),
        });
    }
  }
  const harvested =
    seconds(written?.harvested) ??
    assume(
      assumptions,
      'model',
      'detection.harvested',
      DETECTION_DEFAULTS.harvested,
      DETECTION_DEFAULTS.basis.harvested,
    );
  return { default: fallback, channels, harvested };
}

function detectionTime(
  value: DetectionTimeDocument,
  path: DocPath,
  problem: (path: DocPath, message: string) => void,
): DetectionTime {
  if (typeof value !== 'object') return { kind: 'fixed', seconds: seconds(value) ?? 0 };
  const median = seconds(value.lognormal.median) ?? 0;
  const p90 = seconds(value.lognormal.p90) ?? 0;
  if (median === UNBOUNDED || p90 === UNBOUNDED || median <= 0) {
    problem([...path, 'lognormal'], 'a log-normal detection time needs a finite, positive median and p90');
  } else if (p90 < median) {
    problem([...path, 'lognormal', 'p90'], `p90 ${formatDuration(p90)} is below the median ${formatDuration(median)}`);
  }
  return { kind: 'lognormal', median, p90 };
}

function assume(assumptions: Assumption[], element: string, field: string, value: string, source: string): Seconds {
  assumptions.push({ element, field, value, source });
  return parseDuration(value) ?? 0;
}

function seconds(text: DurationText | undefined): Seconds | undefined {
  return text === undefined ? undefined : parseDuration(text);
}
