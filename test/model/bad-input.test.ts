/**
 * Every class of bad input gets a located, exact message; all the problems of
 * a file come back in one run.
 */
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/yaml/decode.js';
import { loadModel } from '../../src/model/load.js';
import { messagesOf } from '../helpers/model.js';

describe('bad input', () => {
  it('YAML syntax errors point at the offending place', () => {
    expect(messagesOf('version: 1\nagents:\n  - id: a\n    tools: [x\n')).toEqual([
      'bad.yaml:5:1: YAML syntax: deficient indentation',
    ]);
    expect(messagesOf('version: 1\nname: a: b\n')).toEqual([
      'bad.yaml:2:8: YAML syntax: bad indentation of a mapping entry',
    ]);
    expect(messagesOf('version: 1\nagents:\n\t- id: a\n')).toEqual([
      'bad.yaml:3:1: YAML syntax: tab characters must not be used in indentation',
    ]);
  });

  it('wrong types, each one, with what was expected', () => {
    const yaml =
      'version: 1\nagents: 5\ncredentials:\n  - id: c\n    ttl: 3600\n    binding: baerer\n    grants: [{ resource: r, actions: read }]\n';
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:2:9: agents: expected a list, found number 5',
      'bad.yaml:5:10: credential "c": ttl: bad duration 3600: a number other than 0 needs a unit, e.g. 3600s',
      'bad.yaml:6:14: credential "c": binding: expected one of bearer, sender-constrained, workload-bound; found "baerer" (did you mean "bearer"?)',
      'bad.yaml:7:38: credential "c": actions: expected a list, found "read"',
    ]);
  });

  it('unknown fields are errors, pointed at the key, with a suggestion', () => {
    expect(messagesOf('version: 1\ncredentials:\n  - id: c\n    ttll: 1h\n    grant: []\n')).toEqual([
      'bad.yaml:4:5: credential "c": unknown field "ttll" (did you mean "ttl"?)',
      'bad.yaml:5:5: credential "c": unknown field "grant" (did you mean "grants"?)',
    ]);
    expect(messagesOf('version: 1\nagentz: []\n')).toEqual([
      'bad.yaml:2:1: unknown field "agentz" at the top level (did you mean "agents"?)',
    ]);
  });

  it('duplicate ids and duplicate keys', () => {
    expect(
      messagesOf(
        'version: 1\nresources:\n  - { id: r, kind: db, sensitivity: high }\n  - { id: r, kind: db, sensitivity: low }\n',
      ),
    ).toEqual(['bad.yaml:4:11: duplicate resource id "r" (first defined as resources[0])']);
    expect(messagesOf('version: 1\nname: a\nname: b\n')).toEqual(['bad.yaml:3:1: duplicate key "name"']);
  });

  it('dangling references, with a near miss suggested', () => {
    const yaml =
      'version: 1\nresources:\n  - { id: app-repo, kind: repository, sensitivity: high }\ncredentials:\n  - id: gh-pat\n    ttl: 90d\n    grants:\n      - { resource: app-rep, actions: [read] }\n';
    expect(messagesOf(yaml, 'models/x.yaml')).toEqual([
      'models/x.yaml:8:21: credential "gh-pat": unknown resource "app-rep" (did you mean "app-repo"?)',
    ]);
  });

  it('bad durations', () => {
    expect(messagesOf('version: 1\ncredentials:\n  - { id: c, ttl: 90 days }\n  - { id: d, ttl: 1y }\n')).toEqual([
      'bad.yaml:3:19: credential "c": ttl: bad duration "90 days": expected a number and a unit, combinable with larger units first and each once (30s, 15m, 1h30m, 7d, 2w3d; numbers of at most 9 digits), 0, or never',
      'bad.yaml:4:19: credential "d": ttl: bad duration "1y": expected a number and a unit, combinable with larger units first and each once (30s, 15m, 1h30m, 7d, 2w3d; numbers of at most 9 digits), 0, or never',
    ]);
  });

  it('an empty file, a file of comments only, a file that is not a mapping', () => {
    const empty = 'bad.yaml:1:1: the file is empty; expected a model mapping starting with `version: 1`';
    expect(messagesOf('')).toEqual([empty]);
    expect(messagesOf('# nothing here\n')).toEqual([empty]);
    expect(messagesOf('- a\n- b\n')).toEqual([
      'bad.yaml:1:1: the file is not a mapping: expected a model mapping starting with `version: 1`, found a list',
    ]);
    expect(messagesOf('just text\n')).toEqual([
      'bad.yaml:1:1: the file is not a mapping: expected a model mapping starting with `version: 1`, found a string',
    ]);
  });

  it('an unsupported version', () => {
    expect(messagesOf('version: 2\n')).toEqual([
      'bad.yaml:1:10: unsupported version number 2: this leakradius reads version 1',
    ]);
  });

  it('several documents in one file: pointed at the marker that starts the second, even an empty one', () => {
    const second = 'a model file holds exactly one YAML document; found a second one';
    expect(messagesOf('version: 1\n---\nversion: 1\n')).toEqual([`bad.yaml:2:1: ${second}`]);
    expect(messagesOf('version: 1\nname: x\n---\n')).toEqual([`bad.yaml:3:1: ${second}`]);
    expect(messagesOf('---\nversion: 1\n--- # again\n')).toEqual([`bad.yaml:3:1: ${second}`]);
  });

  it('a binary file is refused before parsing', () => {
    const nul = decodeSource('bin.yaml', new Uint8Array([0x76, 0x3a, 0x0a, 0x00, 0x01]));
    expect(nul).toEqual({
      ok: false,
      diagnostic: {
        file: 'bin.yaml',
        line: 2,
        column: 1,
        message: 'binary content (NUL byte at offset 3); a model must be a UTF-8 YAML text file',
      },
    });
    const latin1 = decodeSource('bin.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(latin1).toEqual({
      ok: false,
      diagnostic: {
        file: 'bin.yaml',
        line: 1,
        column: 4,
        message: 'invalid UTF-8 at byte offset 3; a model must be a UTF-8 YAML text file',
      },
    });
  });

  it('a file above the size limit is refused without being read', () => {
    const big = decodeSource('big.yaml', new Uint8Array(2048), 1024);
    expect(big).toEqual({
      ok: false,
      diagnostic: {
        file: 'big.yaml',
        line: 1,
        column: 1,
        message: 'file is 2048 bytes, above the 1024 bytes limit for an input file',
      },
    });
  });

  it('a YAML alias bomb is refused quickly', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    // 9^10 = 3.5 billion strings if expanded. Every node counts once, an alias as the size of what it names:
    // the nine lines before `g` hold 672,609 nodes (a: 11, b: 92, c: 821, d: 7,382, e: 66,431, f: 597,872)
    // and each `*f` adds 597,871; with `g:` and its list (672,611) the 6th crosses 4,000,000, at column 8 + 5 × 3.
    const started = performance.now();
    expect(messagesOf(bomb)).toEqual([
      'bad.yaml:7:23: aliases expand this document past 4,000,000 nodes; refusing it (a YAML alias bomb?)',
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('deep nesting is refused', () => {
    expect(messagesOf('['.repeat(200))).toEqual(['bad.yaml:1:64: YAML syntax: nesting exceeded maxDepth (64)']);
  });

  it('control characters in a value are escaped in the message', () => {
    const messages = messagesOf('version: 1\nagents:\n  - id: "bad\\u001b]0;pwned\\u0007"\n');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('invalid id "bad\\u001b]0;pwned\\u0007"');
    expect(messages[0]).not.toMatch(/[\u0000-\u001f]/);
  });

  it('reports every problem of the file in one run', () => {
    const yaml = [
      'version: 1',
      'agents:',
      '  - { id: a, tools: [nope], credentials: [missing] }',
      'credentials:',
      '  - { id: c, ttl: 1h, grants: [{ resource: r, actions: [read] }] }',
      '  - { id: c, ttl: 1h }',
    ].join('\n');
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:3:22: agent "a": unknown tool "nope"',
      'bad.yaml:3:43: agent "a": unknown credential "missing"',
      'bad.yaml:5:44: credential "c": unknown resource "r"',
      'bad.yaml:6:11: duplicate credential id "c" (first defined as credentials[0])',
    ]);
  });

  it('refuses a workflow step that no credential permits', () => {
    const yaml = [
      'version: 1',
      'agents: [{ id: a, credentials: [c] }]',
      'resources: [{ id: r, kind: db, sensitivity: low }]',
      'credentials: [{ id: c, ttl: 1h, grants: [{ resource: r, actions: [read] }] }]',
      'workflows:',
      '  - id: w',
      '    agent: a',
      '    duration: 5m',
      '    steps: [{ resource: r, action: write }]',
    ].join('\n');
    expect(messagesOf(yaml)).toEqual([
      'bad.yaml:9:13: workflow "w" step 1: no credential available to agent "a" grants "write" on "r"',
    ]);
  });

  it("a kind outside the catalogue needs its ttl; a kind's limits are enforced", () => {
    expect(messagesOf('version: 1\ncredentials: [{ id: c, kind: homegrown-token }]\n')).toEqual([
      'bad.yaml:2:15: credential "c": no ttl, and kind "homegrown-token" is not in the catalogue (see `leakradius kinds`); write ttl: <duration> or ttl: never',
    ]);
    expect(messagesOf('version: 1\ncredentials: [{ id: c, kind: aws-sts-session, ttl: 24h }]\n')).toEqual([
      'bad.yaml:2:52: credential "c": ttl 1d is above the 12h maximum that aws-sts-session allows',
    ]);
  });

  it('a large valid file loads', () => {
    const n = 20_000;
    const resources = Array.from({ length: n }, (_, i) => `  - { id: r${i}, kind: bucket, sensitivity: medium }`).join(
      '\n',
    );
    const credentials = Array.from(
      { length: n },
      (_, i) => `  - { id: c${i}, ttl: 1h, grants: [{ resource: r${i}, actions: [read, write] }] }`,
    ).join('\n');
    const yaml = `version: 1\nresources:\n${resources}\ncredentials:\n${credentials}\n`;
    expect(yaml.length).toBeGreaterThan(2_000_000);
    const result = loadModel('big.yaml', yaml);
    expect(result.ok && result.loaded.model.credentials.length).toBe(n);
  });
});
