/** `leakradius kinds` shows, for every kind, what its provider can do and what it can be replaced by. */
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_KINDS, type CredentialKindInfo } from '../../src/model/credential-kinds.js';
import { cli } from '../helpers/cli.js';

describe('leakradius kinds', () => {
  it('prints each kind with its capabilities, prefixes and replacements, and "no published figure" where none is known', () => {
    const r = cli(['kinds']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const block = (id: string) => {
      const start = lines.findIndex((l) => l.startsWith(`${id} `));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith('    '));
      return lines.slice(start, end).join('\n');
    };
    const pat = block('github-classic-pat');
    expect(pat).toContain('bearer only (cannot be bound)');
    expect(pat).toContain('revocable by API');
    expect(pat).toContain('revoked by the provider when found public');
    expect(pat).toContain('prefixes: ghp_');
    expect(pat).toContain('replace with github-app-installation-token: a GitHub App installed');
    expect(pat).toContain('replace with github-fine-grained-pat:');
    expect(block('slack-app-token')).toContain(
      'no published figure: bindings, issuance, revocation by API, revocation when public',
    );
    for (const k of CREDENTIAL_KINDS) expect(block(k.id), k.id).toContain('    can: ');
  });

  it('prints the whole catalogue as JSON, capabilities and sources included', () => {
    const r = cli(['kinds', '--format', 'json']);
    expect(r.code).toBe(0);
    const kinds = JSON.parse(r.stdout) as CredentialKindInfo[];
    expect(kinds.map((k) => k.id)).toEqual(CREDENTIAL_KINDS.map((k) => k.id));
    const slack = kinds.find((k) => k.id === 'slack-bot-token')!;
    expect(slack.capabilities?.replacements?.map((x) => x.kind)).toEqual(['slack-rotating-token']);
    expect(slack.prefixes).toEqual(['xoxb-']);
    expect(slack.sources.length).toBeGreaterThan(0);
  });
});
