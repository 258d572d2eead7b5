/**
 * A kind or an action one typo away from a known one is an error with a
 * suggestion, located; a name of the model's own far from any known one is
 * accepted. The `kinds:` section declares only kinds of the model's own.
 */
import { describe, expect, it } from 'vitest';
import { load, messagesOf } from '../helpers/model.js';

describe('near-miss names', () => {
  it('a misspelled catalogue kind is an error with the kind it meant, even with a ttl', () => {
    expect(messagesOf('version: 1\ncredentials: [{ id: c, kind: github-fine-grained-pta, ttl: 30d }]\n')).toEqual([
      'bad.yaml:2:30: credential "c": kind "github-fine-grained-pta" is not in the catalogue (did you mean "github-fine-grained-pat"?); a kind of your own is declared under kinds',
    ]);
  });

  it("a kind of the model's own, far from any catalogue kind or declared, is accepted", () => {
    expect(
      load('version: 1\ncredentials: [{ id: c, kind: homegrown-token, ttl: 1h }]\n').model.credentials[0].kind,
    ).toBe('homegrown-token');
    const yaml = [
      'version: 1',
      'kinds: [{ id: github-fine-grained-pta, capabilities: { bindings: [bearer] } }]',
      'credentials: [{ id: c, kind: github-fine-grained-pta, ttl: 30d }]',
    ].join('\n');
    expect(load(yaml).model.kinds.map((k) => k.id)).toEqual(['github-fine-grained-pta']);
  });

  it("a kind declared under kinds must be the model's own, declared once, with replacements that exist", () => {
    const yaml = [
      'version: 1',
      'kinds:',
      '  - { id: github-classic-pat, capabilities: {} }',
      '  - { id: acme-token, capabilities: { replacements: [{ kind: acme-tokn, takes: x }] } }',
      '  - { id: acme-token, capabilities: {} }',
    ].join('\n');
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:3:11: kind "github-classic-pat" is in the catalogue, which says what its provider can do (see `leakradius kinds`); declare only kinds of your own',
      'bad.yaml:4:62: kind "acme-token": replacement "acme-tokn" is neither a catalogue kind nor declared in kinds (did you mean "acme-token"?)',
      'bad.yaml:5:11: kind "acme-token" is declared twice (first as kinds[1])',
    ]);
  });

  it('a granted action a typo away from a known one, that no step uses, is an error', () => {
    const yaml = [
      'version: 1',
      'resources: [{ id: r, kind: repository, sensitivity: low }]',
      'credentials: [{ id: c, ttl: 1h, grants: [{ resource: r, actions: [read, wirte, merge] }] }]',
    ].join('\n');
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:3:73: credential "c": action "wirte" on "r" is neither a known action nor one a workflow step uses (did you mean "write"?)',
    ]);
  });

  it('a step action that nothing grants on its resource gets the granted one it is closest to', () => {
    const yaml = [
      'version: 1',
      'agents: [{ id: a, credentials: [c] }]',
      'resources: [{ id: r, kind: repository, sensitivity: low }]',
      'credentials: [{ id: c, ttl: 1h, grants: [{ resource: r, actions: [publish] }] }]',
      'workflows: [{ id: w, agent: a, duration: 5m, steps: [{ resource: r, action: pubish }] }]',
    ].join('\n');
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:5:77: workflow "w" step 1: no credential grants "pubish" on "r" (did you mean "publish"?)',
    ]);
  });

  it("an action of the model's own that a step uses is not a typo", () => {
    const yaml = [
      'version: 1',
      'agents: [{ id: a, credentials: [c] }]',
      'resources: [{ id: r, kind: repository, sensitivity: low }]',
      'credentials: [{ id: c, ttl: 1h, grants: [{ resource: r, actions: [reads] }] }]',
      'workflows: [{ id: w, agent: a, duration: 5m, steps: [{ resource: r, action: reads }] }]',
    ].join('\n');
    expect(load(yaml).model.credentials[0].grants[0].actions).toEqual(['reads']);
  });
});
