/** JSON Patch operations applied to YAML text: comments and layout stay where nothing changes. */
import { describe, expect, it } from 'vitest';
import { patchText } from '../../src/yaml/edit-text.js';

const TEXT = `# A model.
version: 1
credentials:
  # The bot's token.
  - id: tok
    ttl: never                # nobody set an expiry
    binding: bearer
    environments:
      - prod
      - staging
    grants:
      - { resource: db, actions: [read, write] }   # the report
      # What follows is the vault.
      - { resource: vault, actions: [read] }
  - { id: key, ttl: 1h }
`;

describe('patchText', () => {
  it('replaces a scalar in place and keeps the comment after it aligned', () => {
    expect(patchText(TEXT, [{ op: 'replace', path: '/credentials/0/ttl', value: '25m' }])).toBe(
      TEXT.replace('ttl: never', 'ttl: 25m  '),
    );
    expect(patchText(TEXT, [{ op: 'replace', path: '/credentials/0/binding', value: 'sender-constrained' }])).toBe(
      TEXT.replace('binding: bearer', 'binding: sender-constrained'),
    );
  });

  it('removes a block item with its own lines, leaving the comments around it', () => {
    const out = patchText(TEXT, [{ op: 'remove', path: '/credentials/0/grants/1' }]);
    expect(out).toBe(TEXT.replace('      - { resource: vault, actions: [read] }\n', ''));
    expect(out).toContain('# What follows is the vault.');
  });

  it('removes an item of a flow list', () => {
    expect(patchText(TEXT, [{ op: 'remove', path: '/credentials/0/grants/0/actions/0' }])).toBe(
      TEXT.replace('[read, write]', '[write]'),
    );
    expect(patchText(TEXT, [{ op: 'remove', path: '/credentials/0/grants/0/actions/1' }])).toBe(
      TEXT.replace('[read, write]', '[read]'),
    );
  });

  it('turns a block list whose last item goes into an empty flow list', () => {
    const out = patchText(TEXT, [
      { op: 'remove', path: '/credentials/0/environments/1' },
      { op: 'remove', path: '/credentials/0/environments/0' },
    ]);
    expect(out).toBe(TEXT.replace('    environments:\n      - prod\n      - staging\n', '    environments: []\n'));
  });

  it('replaces a block list under its key with a flow list', () => {
    expect(patchText(TEXT, [{ op: 'replace', path: '/credentials/0/environments', value: ['prod'] }])).toBe(
      TEXT.replace('    environments:\n      - prod\n      - staging\n', '    environments: [prod]\n'),
    );
  });

  it('adds members to block and flow mappings, and items to block and flow lists', () => {
    const out = patchText(TEXT, [
      { op: 'add', path: '/credentials/0/issuance', value: 'per-task' },
      { op: 'add', path: '/credentials/1/binding', value: 'sender-constrained' },
      { op: 'add', path: '/credentials/0/grants/0/approval', value: ['write'] },
      { op: 'add', path: '/credentials/0/grants/1/actions/-', value: 'list' },
      {
        op: 'add',
        path: '/credentials/-',
        value: { id: 'new', name: 'a new one', grants: [{ resource: 'db', actions: ['read'] }] },
      },
    ]);
    expect(out).toBe(
      TEXT.replace(
        '      - { resource: vault, actions: [read] }\n',
        '      - { resource: vault, actions: [read, list] }\n    issuance: per-task\n',
      )
        .replace('[read, write] }', '[read, write], approval: [write] }')
        .replace('{ id: key, ttl: 1h }', '{ id: key, ttl: 1h, binding: sender-constrained }')
        .concat('  - id: new\n    name: a new one\n    grants: [{ resource: db, actions: [read] }]\n'),
    );
  });

  it('quotes what would otherwise read as something else', () => {
    const out = patchText('a: { b: c }\n', [{ op: 'add', path: '/a/d', value: 'yes, or no' }]);
    expect(out).toBe('a: { b: c, d: "yes, or no" }\n');
  });

  it('gives up on aliases, block scalars and what it cannot place', () => {
    expect(patchText('a: &x { b: c }\nd: *x\n', [{ op: 'replace', path: '/a/b', value: 'e' }])).toBeUndefined();
    expect(patchText('a: |\n  text\n', [{ op: 'replace', path: '/a', value: 'e' }])).toBeUndefined();
    expect(patchText('a:\n  # why\n  - x\n', [{ op: 'remove', path: '/a/0' }])).toBeUndefined();
    expect(patchText(TEXT, [{ op: 'replace', path: '/credentials/9/ttl', value: '1h' }])).toBeUndefined();
  });
});
