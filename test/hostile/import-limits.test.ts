/**
 * A configuration from a pull request cannot make `import`, `check` or
 * `simulate` run for minutes or end in an internal error: a JSON file with
 * too many values is refused by the scanner before it is parsed, and an
 * import that would make more elements than a model may hold stops at the
 * element past the limit, writes nothing and exits 2 with its position.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mcpConfig } from '../../src/bench/hostile.js';
import { LIMITS } from '../../src/yaml/limits.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'leakradius-import-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the limits of an import', () => {
  it('refuses a JSON configuration of more than 500,000 values at the first one past the limit', () => {
    const prefix = '{ "mcpServers": {}, "x": [';
    const file = join(dir, 'values.json');
    writeFileSync(file, `${prefix}${Array(LIMITS.configValues).fill(0).join(',')}] }\n`);
    const r = cli(['import', file]);
    expect(r.code).toBe(2);
    // Values before the zeros: {, "mcpServers", {, "x", [ (5); the 500,001st value is zero number
    // 499,996, which starts 2 characters (a zero and a comma) after the previous one.
    const column = prefix.length + (LIMITS.configValues + 1 - 5 - 1) * 2 + 1;
    expect(r.stderr).toContain(`values.json:1:${column}: this configuration holds more than 500,000 JSON values`);
    expect(r.stdout).not.toContain('mcpServers');
  });

  it('stops an import past 50,000 elements at the element past the limit, and writes nothing', () => {
    const file = join(dir, 'servers.json');
    // One agent (Claude Desktop) and, per server, a tool and a credential: 1 + 2 × 25,000 = 50,001
    // elements, so the credential of server 25,000 is the one past the limit. Server n (from 1) is
    // on line n + 1: the file's first line opens the map.
    writeFileSync(file, mcpConfig(25_001));
    const out = join(dir, 'servers.yaml');
    const r = cli(['import', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /servers\.json:25001:\d+: the configurations make more than 50,000 agents, tools, resources and credentials/,
    );
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(out)).toBe(false);
    const checked = cli(['check', file]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain('more than 50,000 agents, tools, resources and credentials');
  });
});
