/**
 * What a credential's kind lets its provider do, as the recommendations need
 * it. Each need is possible, impossible, or unknown: the catalogue has no
 * published figure for it, or the kind is not in the catalogue. Advice never
 * asks for what is impossible; advice that needs what is unknown says so and
 * ranks below advice known to be possible.
 */
import {
  capabilitiesOf,
  credentialKind,
  type Binding,
  type CredentialKindInfo,
  type DeclaredKind,
  type Issuance,
  type KindCapabilities,
} from '../../model/credential-kinds.js';
import type { Credential, Model } from '../../model/types.js';

export type Ability = 'yes' | 'no' | 'unknown';

/**
 * A credential's kind: `info` when the catalogue has it, `declared` when the
 * model describes it in its own `kinds:` section, neither for an unknown kind.
 */
export interface KindFacts {
  readonly id: string | undefined;
  readonly info: CredentialKindInfo | undefined;
  readonly declared: DeclaredKind | undefined;
  readonly capabilities: KindCapabilities;
}

/** What the catalogue, or for a kind of its own the model, says the credential's kind can do (`capabilitiesOf`). */
export function kindFacts(credential: Pick<Credential, 'kind'>, model: Pick<Model, 'kinds'>): KindFacts {
  const id = credential.kind;
  const info = id === undefined ? undefined : credentialKind(id);
  const declared = info || id === undefined ? undefined : model.kinds.find((k) => k.id === id);
  return { id, info, declared, capabilities: capabilitiesOf(id, model) };
}

/** Whether the provider can issue the kind with this binding. */
export function canBind(kind: KindFacts, binding: Binding): Ability {
  const bindings = kind.capabilities.bindings;
  return bindings === undefined ? 'unknown' : bindings.includes(binding) ? 'yes' : 'no';
}

/** The binding a bearer credential of this kind can be moved to, best first; undefined when it can have none. */
export function bindingFor(kind: KindFacts): { binding: Binding; ability: Ability } | undefined {
  for (const binding of ['sender-constrained', 'workload-bound'] as const)
    if (canBind(kind, binding) === 'yes') return { binding, ability: 'yes' };
  return canBind(kind, 'sender-constrained') === 'unknown'
    ? { binding: 'sender-constrained', ability: 'unknown' }
    : undefined;
}

/** Whether the provider issues credentials of this kind this way (static, per session, per task). */
export function canIssue(kind: KindFacts, issuance: Issuance): Ability {
  const ways = kind.capabilities.issuance;
  return ways === undefined ? 'unknown' : ways.includes(issuance) ? 'yes' : 'no';
}

/** Whether the provider can issue a fresh credential of this kind for each task (just in time). */
export function canIssuePerTask(kind: KindFacts): Ability {
  return canIssue(kind, 'per-task');
}

/** Whether one credential of this kind can be revoked through an API, so that something other than a person can revoke it. */
export function canRevokeByApi(kind: KindFacts): Ability {
  const api = kind.capabilities.revocableByApi;
  return api === undefined ? 'unknown' : api ? 'yes' : 'no';
}

/** `github-classic-pat's provider`, `the issuer of orch-token (kind oauth-token, not in the catalogue)`: who the condition is about. */
export function providerOf(kind: KindFacts, credential: string): string {
  if (kind.info) return `${kind.info.provider === 'generic' ? 'the issuer' : kind.info.provider} (${kind.info.id})`;
  if (kind.declared) return `the issuer of ${credential} (kind ${kind.declared.id}, declared in the model)`;
  if (kind.id !== undefined) return `the issuer of ${credential} (kind ${kind.id}, not in the catalogue)`;
  return `the issuer of ${credential} (no kind given)`;
}
