/**
 * The credential-kind catalogue holds together: one file per kind, every fact it
 * states backed by a source that says it backs that fact, replacements that exist,
 * defaults inside the issuer's limits; and the capability lookup that advice uses.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_KINDS,
  DETECTION_DEFAULTS,
  capabilitiesOf,
  credentialKind,
  kindOrigin,
  type CredentialKindInfo,
  type Fact,
} from '../../src/model/credential-kinds.js';
import { parseDuration } from '../../src/model/duration.js';
import { load } from '../helpers/model.js';

/** The facts a kind states: each default, limit and capability it sets, and its prefixes. */
function statedFacts(k: CredentialKindInfo): Fact[] {
  const d = k.defaults;
  const facts: [Fact, unknown][] = [
    ['ttl', d.ttl],
    ['maxLifetime', d.maxLifetime],
    ['issuance', d.issuance],
    ['binding', d.binding],
    ['revocation.mode', d.revocation?.mode],
    ['revocation.propagation', d.revocation?.propagation],
    ['subject', d.subject],
    ['revokedWithParent', d.revokedWithParent],
    ['minTtl', k.minTtl],
    ['maxTtl', k.maxTtl],
    ['prefixes', k.prefixes],
    ['capabilities.bindings', k.capabilities?.bindings],
    ['capabilities.issuance', k.capabilities?.issuance],
    ['capabilities.revocableByApi', k.capabilities?.revocableByApi],
    ['capabilities.revokedWhenPublic', k.capabilities?.revokedWhenPublic],
    ['capabilities.replacements', k.capabilities?.replacements],
  ];
  return facts.filter(([, value]) => value !== undefined).map(([fact]) => fact);
}

describe('the credential-kind catalogue', () => {
  it('has one file per kind under src/model/kinds, named by its id, and unique ids', () => {
    const files = readdirSync('src/model/kinds')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'sources.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    const ids = CREDENTIAL_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
  });

  for (const kind of CREDENTIAL_KINDS) {
    describe(kind.id, () => {
      it('backs every fact it states with one of its sources', () => {
        const backed = new Set(kind.sources.flatMap((s) => s.backs ?? []));
        const unbacked = statedFacts(kind).filter((f) => !backed.has(f));
        expect(unbacked, `${kind.id}: facts without a source`).toEqual([]);
        for (const s of kind.sources) expect(s.url).toMatch(/^https:\/\//);
      });

      it('names existing kinds other than itself as replacements, each with what the move takes', () => {
        for (const r of kind.capabilities?.replacements ?? []) {
          expect(credentialKind(r.kind), `${kind.id} -> ${r.kind}`).toBeDefined();
          expect(r.kind).not.toBe(kind.id);
          expect(r.takes.length).toBeGreaterThan(20);
        }
      });

      it('keeps its default ttl inside its own limits', () => {
        const ttl = parseDuration(kind.defaults.ttl ?? '');
        const min = parseDuration(kind.minTtl ?? '');
        const max = parseDuration(kind.maxTtl ?? '');
        if (ttl !== undefined && min !== undefined) expect(ttl).toBeGreaterThanOrEqual(min);
        if (ttl !== undefined && max !== undefined) expect(ttl).toBeLessThanOrEqual(max);
      });

      it('lists a default binding among the bindings its provider offers', () => {
        const bindings = kind.capabilities?.bindings;
        if (bindings && kind.defaults.binding) expect(bindings).toContain(kind.defaults.binding);
        const issuance = kind.capabilities?.issuance;
        if (issuance && kind.defaults.issuance) expect(issuance).toContain(kind.defaults.issuance);
      });
    });
  }

  it('gives each prefix to one provider only, so a value never points at two providers', () => {
    const providerOf = new Map<string, string>();
    for (const k of CREDENTIAL_KINDS)
      for (const p of k.prefixes ?? []) {
        expect(providerOf.get(p) ?? k.provider, `prefix ${p}`).toBe(k.provider);
        providerOf.set(p, k.provider);
      }
  });

  it('says what each detection default measured', () => {
    for (const figure of ['default', 'harvested', ...Object.keys(DETECTION_DEFAULTS.channels)])
      expect(DETECTION_DEFAULTS.basis[figure], figure).toBeTruthy();
  });
});

describe('capabilitiesOf', () => {
  const model = load(
    [
      'version: 1',
      'kinds:',
      '  - id: acme-token',
      '    capabilities: { bindings: [bearer, sender-constrained], revocableByApi: true }',
      'credentials:',
      '  - { id: a, kind: acme-token, ttl: 1h }',
      '  - { id: b, kind: github-classic-pat }',
      '  - { id: c, kind: mystery-token, ttl: 1h }',
    ].join('\n'),
  ).model;

  it("returns the catalogue's facts for a catalogue kind", () => {
    expect(capabilitiesOf('github-classic-pat', model)).toBe(credentialKind('github-classic-pat')!.capabilities);
    expect(kindOrigin('github-classic-pat', model)).toBe('catalogue');
  });

  it('returns what the model declares for a kind of its own, leaving the rest undefined', () => {
    const caps = capabilitiesOf('acme-token', model);
    expect(caps.bindings).toEqual(['bearer', 'sender-constrained']);
    expect(caps.revocableByApi).toBe(true);
    expect(caps.issuance).toBeUndefined();
    expect(caps.revokedWhenPublic).toBeUndefined();
    expect(kindOrigin('acme-token', model)).toBe('model');
  });

  it('knows nothing of a kind neither declares, nor of a credential without a kind', () => {
    expect(capabilitiesOf('mystery-token', model)).toEqual({});
    expect(capabilitiesOf(undefined, model)).toEqual({});
    expect(kindOrigin('mystery-token', model)).toBe('unknown');
  });
});
