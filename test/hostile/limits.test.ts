/**
 * The limits on an input file and their messages, byte for byte: whichever
 * loader reads a file, these are the words a user gets, and each names the
 * limit that was really hit.
 */
import { describe, expect, it } from 'vitest';
import { someOf } from '../../src/model/messages.js';
import { decodeSource } from '../../src/yaml/decode.js';
import { LIMITS, LIMIT_MESSAGES } from '../../src/yaml/limits.js';
import { parseYaml } from '../../src/yaml/parse.js';
import { messagesOf } from '../helpers/model.js';
import { run } from '../helpers/run.js';

const messages = (text: string, maxNodes: number) => {
  const r = parseYaml('big.yaml', text, { maxDepth: LIMITS.depth, maxNodes });
  return r.ok ? [] : r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
};

describe('the limits, as written', () => {
  it('every message, byte for byte', () => {
    expect(LIMIT_MESSAGES.tooLarge(50 * 1024 * 1024)).toBe(
      'file is 50.0 MB, above the 32.0 MB limit for an input file',
    );
    expect(LIMIT_MESSAGES.tooManyNodes()).toBe(
      'this document holds more than 4,000,000 YAML nodes, the limit for one file; split it into several models',
    );
    expect(LIMIT_MESSAGES.aliasBomb()).toBe(
      'aliases expand this document past 4,000,000 nodes; refusing it (a YAML alias bomb?)',
    );
    expect(LIMIT_MESSAGES.notRegular('a device')).toBe(
      'is a device, not a regular file; leakradius reads models, scenarios and policies only from regular files',
    );
    expect(LIMIT_MESSAGES.utf16('little-endian', true)).toBe(
      'UTF-16 text (little-endian, with a byte order mark); leakradius reads UTF-8: convert it, e.g. `iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`',
    );
    expect(LIMIT_MESSAGES.utf32()).toBe(
      'UTF-32 text (a byte order mark); leakradius reads UTF-8: convert it, e.g. `iconv -f UTF-32 -t UTF-8 in.yaml > out.yaml`',
    );
    expect(LIMIT_MESSAGES.nul(3)).toBe('binary content (NUL byte at offset 3); a model must be a UTF-8 YAML text file');
    expect(LIMIT_MESSAGES.invalidUtf8(7)).toBe(
      'invalid UTF-8 at byte offset 7; a model must be a UTF-8 YAML text file',
    );
  });

  it('a large document without aliases is refused for its size, not taken for an alias bomb', () => {
    // 12 items and the list: 13 nodes; with a limit of 10 the 10th item (column 2 + 9 × 2) crosses it.
    expect(messages(`[${Array(12).fill('a').join(',')}]`, 10)).toEqual([
      'big.yaml:1:20: this document holds more than 10 YAML nodes, the limit for one file; split it into several models',
    ]);
  });

  it('aliases that multiply a small document are named as such', () => {
    // The mapping, `a`, its list and 3 items, `b` and its list: 8 nodes; the first `*a` adds the 4 it names: 12 > 10.
    expect(messages('a: &a [x, x, x]\nb: [*a, *a, *a]\n', 10)).toEqual([
      'big.yaml:2:5: aliases expand this document past 10 nodes; refusing it (a YAML alias bomb?)',
    ]);
  });

  it('the largest generated organisation fits: the byte limit is at least its 24 MB, the node limit its 3.0 million nodes', () => {
    expect(LIMITS.sourceBytes).toBeGreaterThanOrEqual(25 * 1024 * 1024);
    expect(LIMITS.nodes).toBeGreaterThanOrEqual(3_100_000);
  });
});

describe('messages for what is not a model', () => {
  it('UTF-16, with or without a byte order mark, is named and the conversion given', () => {
    const bom = decodeSource(
      'u.yaml',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]),
    );
    expect(bom).toEqual({
      ok: false,
      diagnostic: { file: 'u.yaml', line: 1, column: 1, message: LIMIT_MESSAGES.utf16('little-endian', true) },
    });
    const bare = decodeSource('u.yaml', Buffer.from('version: 1\n', 'utf16le').swap16());
    expect(!bare.ok && bare.diagnostic.message).toBe(LIMIT_MESSAGES.utf16('big-endian', false));
  });

  it('a bad key of a map of names says what a key must be, never "(expected one of: )"', () => {
    expect(messagesOf('version: 1\ndetection:\n  channels:\n    Prompt-Context: 1h\n')).toEqual([
      'bad.yaml:4:5: channels: invalid name "Prompt-Context": expected lowercase letters, digits, and . _ -',
    ]);
  });

  it('a long list of ids shows a few and a count', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    expect(someOf(ids)).toBe('k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, … and 2,988 more (3,000 in all)');
    expect(someOf(['a', 'b'])).toBe('a, b');
  });

  it('simulate names a few of 3,000 credentials when the leaked one is unknown', async () => {
    const credentials = Array.from({ length: 3000 }, (_, i) => `  - { id: k${i}, ttl: 1h }`).join('\n');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'leakradius-limits-'));
    writeFileSync(join(dir, 'm.yaml'), `version: 1\ncredentials:\n${credentials}\n`);
    const r = await run(['simulate', 'm.yaml', '--leak', 'nope'], { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe(
      'leakradius: unknown credential "nope"; the model has: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, … and 2,988 more (3,000 in all)\nRun `leakradius --help` for usage.\n',
    );
  });
});
