/**
 * The commands the README shows work as written (a user copies them first), and each prints what
 * its comment promises. They run in this process (the same `runCli` as the binary); the built
 * binary itself is run in test/check/cli.test.ts and test/check/examples.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyses/rules/index.js';
import { CREDENTIAL_KINDS } from '../../src/model/credential-kinds.js';
import { loadModel } from '../../src/model/load.js';
import type { CliResult } from '../helpers/cli.js';
import { run, scratch } from '../helpers/run.js';

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

const MODEL_FILES = readdirSync('models').filter((f) => f.endsWith('.yaml'));

function loads(file: string): ReturnType<typeof loadModel> {
  return loadModel(file, readFileSync(file, 'utf8'));
}

/** What each command's README comment promises, checked on what it printed or wrote. */
function expectPromised(argv: string[], r: CliResult, written: (name: string) => string): void {
  const option = (name: string) => argv[argv.indexOf(name) + 1];
  const first = r.stdout.split('\n')[0];
  switch (argv[0]) {
    case 'import': {
      expect(r.stderr).toMatch(/^imported {2}examples\/agent-repository\//m);
      const model = loads(written(option('--out')));
      expect(model.ok).toBe(true);
      return;
    }
    case 'validate': // one line per model file, each valid, then the count
      expect(r.stdout.trimEnd().split('\n')).toEqual([
        ...MODEL_FILES.map((f) => expect.stringMatching(new RegExp(`^models/${f.replace('.', '\\.')}: valid \\(`))),
        `${MODEL_FILES.length} file(s) valid`,
      ]);
      return;
    case 'simulate': {
      if (argv.includes('--hijack')) {
        expect(first).toMatch(new RegExp(`^Hijack of agent ${option('--hijack')}: `));
        expect(r.stdout).toContain('Blast radius: score ');
        return;
      }
      const leaked = argv.includes('--leak')
        ? option('--leak')
        : /^ {2}credential: (\S+)$/m.exec(readFileSync(argv[1], 'utf8'))?.[1];
      expect(first).toMatch(new RegExp(`^Leak of ${leaked} \\(`));
      expect(r.stdout).toContain('Timeline (0 → ');
      return;
    }
    case 'delegation':
      expect(first).toMatch(/^Chain 1: orchestrator → /);
      return;
    case 'recommend':
      expect(first).toMatch(/^Recommendations for .* \(models\/coding-agent\.yaml\)$/);
      expect(r.stdout).toContain('Ranked by risk removed');
      return;
    case 'graph':
      if (option('--format') === 'mermaid') expect(first).toBe('flowchart LR');
      else expect((JSON.parse(r.stdout) as { metadata: { source_kind: string } }).metadata.source_kind).toBe('LRBase');
      return;
    case 'exposure':
      expect(first).toMatch(/^Who reaches prod-cluster:admin: /);
      return;
    case 'chokepoints':
      expect(first).toMatch(/^Chokepoints of .* \(models\/support-agent\.yaml\)$/);
      return;
    case 'report':
      expect(readFileSync(written(option('--out')), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      expect(r.stderr).toContain(`(${MODEL_FILES.length} models)`);
      return;
    case 'schema':
      expect((JSON.parse(r.stdout) as { $schema: string }).$schema).toBe(
        'https://json-schema.org/draft/2020-12/schema',
      );
      return;
    case 'kinds':
      for (const kind of CREDENTIAL_KINDS) expect(r.stdout).toMatch(new RegExp(`^${kind.id} `, 'm'));
      return;
    case 'check': // text: a finding per line (file:line:col severity rule@element); github: annotations
      if (option('--format') === 'github')
        expect(first).toMatch(/^::error file=models\/[a-z-]+\.yaml,line=\d+,col=\d+,title=LR0/);
      else expect(r.stdout).toMatch(/^ {2}models\/coding-agent\.yaml:\d+:\d+ high LR0\d\d@/m);
      return;
    case 'rules':
      for (const rule of RULES) expect(r.stdout).toMatch(new RegExp(`^${rule.id} `, 'm'));
      return;
    case 'policy':
      expect(readFileSync(written(argv[2]), 'utf8')).toContain('kind: policy');
      return;
    case 'generate': {
      const org = loads(written(option('--out')));
      expect(org.ok && org.loaded.model.agents.length).toBe(Number(option('--agents')));
      return;
    }
    default:
      throw new Error(`no expectation written for \`leakradius ${argv.join(' ')}\``);
  }
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

  it.each(commands.map((c) => [c.join(' '), c]))('`leakradius %s` prints what it promises', async (_, args) => {
    const out = scratch({}, 'leakradius-readme-');
    // What a redirection would write is read from stdout; files the command writes go to a scratch folder.
    const redirect = (args as string[]).indexOf('>');
    const argv = redirect >= 0 ? (args as string[]).slice(0, redirect) : (args as string[]);
    const written = argv.map((a, i) =>
      argv[i - 1] === '--out' || (argv[0] === 'policy' && i === 2) ? join(out, a) : a,
    );
    const r = await run(written);
    expect(r.stderr).not.toContain('internal error');
    // 1 is `check` finding what the risky example models hold; anything else is a broken example.
    expect(r.code, r.stderr).toBe(written[0] === 'check' ? 1 : 0);
    expectPromised(argv, r, (name) => join(out, name));
  });
});
