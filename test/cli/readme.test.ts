/** The commands the README shows work as written: a user copies them first. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `npx leakradius …` lines of the README's code blocks, without their comments. */
function readmeCommands(): string[][] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/^(?:\s*- run: )?npx (?:--no-install )?leakradius (.+)$/gm)].map((m) =>
    m[1]
      .replace(/\s+#.*$/, '')
      .trim()
      .split(/\s+/),
  );
}

describe('README', () => {
  const commands = readmeCommands();

  it('shows the commands of every stage', () => {
    const names = new Set(commands.map((c) => c[0]));
    for (const name of [
      'validate',
      'simulate',
      'delegation',
      'recommend',
      'graph',
      'schema',
      'check',
      'generate',
      'exposure',
      'chokepoints',
      'report',
    ])
      expect(names).toContain(name);
  });

  it.each(commands.map((c) => [c.join(' '), c]))('`leakradius %s` runs on the bundled models', (_, args) => {
    const out = mkdtempSync(join(tmpdir(), 'leakradius-readme-'));
    // What a redirection would write is read from stdout; files the command writes go to a scratch folder.
    const redirect = (args as string[]).indexOf('>');
    const argv = redirect >= 0 ? (args as string[]).slice(0, redirect) : (args as string[]);
    const written = argv.map((a, i) =>
      argv[i - 1] === '--out' || (argv[0] === 'policy' && i === 2) ? join(out, a) : a,
    );
    const r = cli(written);
    expect(r.stderr).not.toContain('internal error');
    // 1 is `check` finding what the risky example models hold; anything else is a broken example.
    expect(r.code, r.stderr).toBe(written[0] === 'check' ? 1 : 0);
  });
});
