/**
 * A literal credential's kind comes from its value's documented prefix (the
 * catalogue's `prefixes`), before any hint in the variable's name: the names
 * here say nothing, so only the prefix can give the kind.
 */
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { run, scratch } from '../helpers/run.js';

const cases: [value: string, kind: string][] = [
  ['xoxb-FAKE0000000-FAKE0000000000-FAKEFAKEFAKEFAKEFAKEFAKE', 'slack-bot-token'],
  ['sk-proj-FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0001', 'openai-api-key'],
  ['ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE', 'github-classic-pat'],
  ['AKIAFAKEFAKEFAKEFAKE', 'aws-iam-access-key'],
];

describe('import: kinds from documented prefixes', () => {
  it.each(cases)('a value starting like %s is a %s', async (value, kind) => {
    const config = { mcpServers: { server: { command: 'npx', args: ['-y', 'some-server'], env: { VALUE: value } } } };
    const dir = scratch({ '.mcp.json': JSON.stringify(config, null, 2) });
    const result = await run(['import', '.mcp.json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const model = load(result.stdout) as { credentials: { id: string; kind: string }[] };
    expect(model.credentials.map((c) => c.kind)).toEqual([kind]);
    // The secret itself never reaches the model or the report.
    expect(result.stdout + result.stderr).not.toContain(value);
  });
});
