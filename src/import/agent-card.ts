/**
 * A2A agent cards (`/.well-known/agent-card.json`, the older `agent.json`): a
 * remote agent that can be delegated to. Each security scheme is the
 * credential a caller presents (mutualTLS is bound to the caller's key;
 * apiKey, http, oauth2 and openIdConnect are bearer), granted `invoke` on the
 * agent and, for the scopes a requirement asks, those scopes on its API.
 */
import type { Binding } from '../model/types.js';
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import type { ModelBuilder } from './builder.js';
import { problemAt, slashed, type Importer } from './importer.js';
import { isObject, type JsonObject, type ParsedConfig } from './types.js';

export const agentCard: Importer = {
  format: 'agent-card',
  title: 'A2A agent card (agent-card.json, agent.json)',
  byName: (path) => /(^|\/)(agent-card|agent)\.json$/i.test(slashed(path)),
  byContent: (value) =>
    isObject(value) && typeof value.name === 'string' && Array.isArray(value.skills) && isObject(value.capabilities),
  read: readCard,
};

function readCard(doc: ParsedConfig, builder: ModelBuilder): Diagnostic[] {
  const card = doc.value;
  if (!isObject(card) || typeof card.name !== 'string' || !Array.isArray(card.skills))
    return [problemAt(doc, [], 'A2A agent card: needs a `name` and a `skills` list')];
  const url = endpoint(card);
  if (url === undefined)
    return [problemAt(doc, [], 'A2A agent card: no `url` or `supportedInterfaces` to reach the agent')];
  const agent = builder.agent({
    key: `a2a:${doc.file}`,
    id: `a2a:${card.name}`,
    at: doc.at(['name']),
    doc: {
      name: card.name.slice(0, 200),
      purpose: 'Remote A2A agent',
      description: `Reached at ${hostOf(url)}; ${card.skills.length} skill(s).`,
    },
  });
  const requirements = requirementsOf(card, []);
  card.skills.forEach((skill, i) => {
    if (isObject(skill)) requirements.push(...requirementsOf(skill, ['skills', i]));
  });
  const schemes = isObject(card.securitySchemes) ? card.securitySchemes : legacySchemes(card);
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    const path: DocPath = isObject(card.securitySchemes) ? ['securitySchemes', name] : ['authentication'];
    const { kind, binding, how } = schemeKind(scheme);
    const credential = builder.credential({
      key: `a2a-scheme:${doc.file}:${name}`,
      id: `${agent}/${name}`,
      at: doc.at(path),
      doc: {
        name,
        description: `What a caller presents to ${card.name.slice(0, 80)}: ${how}.`,
        ...(kind !== undefined ? { kind } : {}),
        binding,
      },
      assumed: ['kind'],
    });
    builder.grant(credential, { agent, actions: ['invoke'] }, { at: doc.at(path) });
    const scopes = requirements
      .filter((r) => r.scheme === name)
      .flatMap((r) => r.scopes.map((s) => ({ scope: s, at: r.path })));
    if (scopes.length === 0) continue;
    const resource = builder.resource({
      key: `a2a-api:${doc.file}`,
      id: `${agent}/api`,
      at: doc.at(['name']),
      doc: { name: `What ${card.name.slice(0, 80)} acts on`, kind: 'agent-api', sensitivity: 'medium' },
      assumed: ['sensitivity'],
    });
    for (const { scope, at } of scopes)
      builder.grant(credential, { resource, actions: [scopeAction(scope)] }, { at: doc.at(at) });
  }
  return [];
}

function endpoint(card: JsonObject): string | undefined {
  if (typeof card.url === 'string') return card.url;
  const interfaces = Array.isArray(card.supportedInterfaces) ? card.supportedInterfaces : [];
  const first = interfaces.find((i) => isObject(i) && typeof i.url === 'string');
  return isObject(first) ? (first.url as string) : undefined;
}

/** `security` (A2A 0.x) or `securityRequirements` (1.0): lists of `{ scheme: [scopes] }`. */
function requirementsOf(holder: JsonObject, path: DocPath): { scheme: string; scopes: string[]; path: DocPath }[] {
  const key = Array.isArray(holder.security)
    ? 'security'
    : Array.isArray(holder.securityRequirements)
      ? 'securityRequirements'
      : undefined;
  if (key === undefined) return [];
  return (holder[key] as unknown[]).flatMap((requirement, i) => {
    if (!isObject(requirement)) return [];
    const schemes = isObject(requirement.schemes) ? requirement.schemes : requirement;
    return Object.entries(schemes).map(([scheme, scopes]) => ({
      scheme,
      scopes: scopeList(scopes),
      path: [...path, key, i, scheme] as DocPath,
    }));
  });
}

function scopeList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.list) ? value.list : [];
  return list.filter((s): s is string => typeof s === 'string');
}

/** Pre-0.2 cards: `authentication: { schemes: ["Bearer"] }`. */
function legacySchemes(card: JsonObject): JsonObject {
  const auth = card.authentication;
  if (!isObject(auth) || !Array.isArray(auth.schemes)) return {};
  const out: JsonObject = {};
  for (const s of auth.schemes)
    if (typeof s === 'string')
      out[s.toLowerCase()] = /bearer|oauth/i.test(s) ? { type: 'http', scheme: 'bearer' } : { type: 'apiKey' };
  return out;
}

function schemeKind(scheme: JsonObject): { kind?: string; binding: Binding; how: string } {
  const type = typeof scheme.type === 'string' ? scheme.type : '';
  switch (type) {
    case 'mutualTLS':
      return { binding: 'sender-constrained', how: 'a client certificate (mutual TLS), bound to its private key' };
    case 'apiKey':
      return {
        kind: 'api-key',
        binding: 'bearer',
        how: `an API key in the ${typeof scheme.in === 'string' ? scheme.in : 'request'}`,
      };
    case 'http':
      return /bearer/i.test(String(scheme.scheme)) && /jwt/i.test(String(scheme.bearerFormat))
        ? { kind: 'jwt', binding: 'bearer', how: 'a bearer JWT' }
        : {
            kind: 'api-key',
            binding: 'bearer',
            how: `HTTP ${String(scheme.scheme ?? 'authentication').slice(0, 20)} credentials`,
          };
    case 'oauth2':
    case 'openIdConnect':
      return {
        kind: 'jwt',
        binding: 'bearer',
        how: `an ${type === 'oauth2' ? 'OAuth 2.0' : 'OpenID Connect'} access token`,
      };
    default:
      return { kind: 'api-key', binding: 'bearer', how: 'a credential of an unstated type' };
  }
}

/** A scope as a model action: `read:calendar` → `read-calendar`; a URL scope keeps its last segment. */
export function scopeAction(scope: string): string {
  const last = scope.includes('://') ? (scope.split('/').pop() ?? scope) : scope;
  const action = last
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return action === '' ? 'invoke' : action;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'an address';
  } catch {
    return 'an address';
  }
}
