/**
 * The command line run in the test's own process: the same `runCli` the
 * binary calls, with stdout and stderr captured. For what does not depend on
 * being a separate process (exit codes, output, files written); `cli()` runs
 * the binary for what does (pipes, signals, the entry point itself).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Shell } from '../../src/cli/shell.js';
import type { CliResult } from './cli.js';

/** Runs one command; `cwd` is entered for the run and left after it (the test process is a fork of its own). */
export async function run(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const shell: Shell = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: { isTTY: false },
    env: { NO_COLOR: '1', ...options.env },
    exitCode: 0,
  };
  const before = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const code = await runCli(args, shell);
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A scratch folder with these files (paths relative to it, folders created),
 * removed when the test file ends.
 */
export function scratch(files: Record<string, string> = {}, prefix = 'leakradius-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const full = join(dir, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}
