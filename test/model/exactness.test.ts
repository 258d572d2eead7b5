/**
 * Inputs the loader must refuse (or accept) exactly: loops of derived
 * credentials, a refreshable credential shorter than one issue, and the
 * duration grammar, which the JSON Schema pattern and the parser share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, parseDuration } from '../../src/model/duration.js';
import { checkSchema } from '../../src/model/schema-check.js';
import { run } from '../helpers/run.js';
import { load, messagesOf } from '../helpers/model.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

describe('a credential cannot be derived from itself', () => {
  const twoLoop = `version: 1
resources:
  - { id: r, kind: thing, sensitivity: high }
credentials:
  - { id: a, ttl: 1h, derivedFrom: b, revokedWithParent: true, grants: [{ resource: r, actions: [read] }] }
  - { id: b, ttl: 1h, derivedFrom: a, grants: [{ resource: r, actions: [write] }] }
`;

  it('names each member of a two-credential loop at its derivedFrom', () => {
    expect(messagesOf(twoLoop)).toEqual([
      'bad.yaml:5:36: credential "a": a credential cannot be derived from itself, and this one is, through a loop of 2: "a" derived from "b" derived from "a"',
      'bad.yaml:6:36: credential "b": a credential cannot be derived from itself, and this one is, through a loop of 2: "b" derived from "a" derived from "b"',
    ]);
  });

  it('names the three members of a longer loop, not the credential that only hangs off it', () => {
    const messages = messagesOf(`version: 1
credentials:
  - { id: tail, ttl: 1h, derivedFrom: a }
  - { id: a, ttl: 1h, derivedFrom: c }
  - { id: b, ttl: 1h, derivedFrom: a, revokedWithParent: true }
  - { id: c, ttl: 1h, derivedFrom: b }
`);
    expect(messages.map((m) => m.slice(0, m.indexOf(': a credential')))).toEqual([
      'bad.yaml:4:36: credential "a"',
      'bad.yaml:5:36: credential "b"',
      'bad.yaml:6:36: credential "c"',
    ]);
    expect(messages[0]).toContain('loop of 3: "a" derived from "c" derived from "b" derived from "a"');
  });

  it('a loop of thousands is refused with bounded messages', () => {
    const n = 1_000;
    const lines = Array.from({ length: n }, (_, i) => `  - { id: c${i}, ttl: 1h, derivedFrom: c${(i + 1) % n} }`);
    const messages = messagesOf(`version: 1\ncredentials:\n${lines.join('\n')}\n`);
    expect(messages).toHaveLength(n);
    expect(Math.max(...messages.map((m) => m.length))).toBeLessThan(300);
  });

  const folder = mkdtempSync(join(tmpdir(), 'leakradius-loop-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('every command refuses it with exit 2 (check and recommend used to crash)', async () => {
    const file = join(folder, 'loop.yaml');
    writeFileSync(file, twoLoop);
    for (const args of [
      ['validate', file],
      ['check', file],
      ['recommend', file],
      ['simulate', file, '--leak', 'a'],
      ['delegation', file],
      ['graph', file],
    ]) {
      const result = await run(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain(`${file}:5:36: credential "a": a credential cannot be derived from itself`);
    }
  });
});

describe('maxLifetime', () => {
  it('shorter than the ttl is refused where it is written', () => {
    expect(messagesOf('version: 1\ncredentials:\n  - { id: a, ttl: 1h, maxLifetime: 30m }\n')).toEqual([
      'bad.yaml:3:36: credential "a": maxLifetime 30m is shorter than its ttl 1h; a refreshable credential lives at least one issue: raise maxLifetime to 1h or more, or remove it',
    ]);
  });

  it('equal to the ttl, or longer, is the life of a leaked instance', () => {
    const { model } = load('version: 1\ncredentials:\n  - { id: a, ttl: 1h, maxLifetime: 1h }\n');
    expect(model.credentials[0].maxLifetime).toBe(3_600);
  });
});

describe('the duration grammar', () => {
  const valid = (text: string | number) => {
    const result = checkSchema({ version: 1, credentials: [{ id: 'a', ttl: text }] });
    return result.ok;
  };

  it('reads each unit once, largest first', () => {
    // 2w3d = 2 × 604,800 + 3 × 86,400 = 1,468,800; 1h30m = 3,600 + 1,800 = 5,400.
    expect(parseDuration('2w3d')).toBe(1_468_800);
    expect(parseDuration('1h30m')).toBe(5_400);
    expect(parseDuration('1d2h3m4s')).toBe(86_400 + 7_200 + 180 + 4);
    expect(parseDuration('never')).toBe(Infinity);
    expect(parseDuration('0')).toBe(0);
    for (const text of ['1h1h', '30m1h', '1s1m', '1d1w', '', 'h', '5', '1.5h', '1y', ' 1h', '1h ', 'nevers'])
      expect({ text, parsed: parseDuration(text), valid: valid(text) }).toEqual({
        text,
        parsed: undefined,
        valid: false,
      });
  });

  it('an unquoted 0 is a duration; any other bare number is not', () => {
    expect(valid(0)).toBe(true);
    expect(load('version: 1\ncredentials:\n  - { id: a, ttl: 0 }\n').model.credentials[0].ttl).toBe(0);
    expect(messagesOf('version: 1\ncredentials:\n  - { id: a, ttl: 60 }\n')).toEqual([
      'bad.yaml:3:19: credential "a": ttl: bad duration 60: a number other than 0 needs a unit, e.g. 60s',
    ]);
  });

  it('numbers have at most 9 digits, so the longest duration is an exact count of seconds', () => {
    // 999,999,999 weeks + 999,999,999 days + ... + 999,999,999 s = 999,999,999 × 694,861 s ≈ 6.9e14 < 2^53.
    const longest = '999999999w999999999d999999999h999999999m999999999s';
    expect(parseDuration(longest)).toBe(999_999_999 * (604_800 + 86_400 + 3_600 + 60 + 1));
    expect(Number.isSafeInteger(parseDuration(longest))).toBe(true);
    expect(parseDuration('1000000000s')).toBeUndefined();
    expect(valid('1000000000s')).toBe(false);
  });

  it('the schema accepts exactly what the parser reads (one grammar)', () => {
    expect(new RegExp(DURATION_PATTERN).source).toBe(DURATION_PATTERN);
    const piece = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom('w', 'd', 'h', 'm', 's', 'x', ''));
    const text = fc.oneof(
      fc.array(piece, { maxLength: 4 }).map((parts) => parts.map(([n, u]) => `${n}${u}`).join('')),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(fc.property(text, (t) => valid(t) === (parseDuration(t) !== undefined)));
  });
});
