import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { EXIT, type Shell } from '../../src/cli/shell.js';

const BIN = resolve('bin/leakradius.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command line (npm test builds dist/ first) as a user would, without a terminal. */
export function cli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the command line in this process, with an in-memory terminal: for
 * tests that run it thousands of times (a process each would take minutes).
 * Paths are resolved against the test's working directory, as a user's shell would.
 */
export async function cliInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const shell: Shell = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: { isTTY: false },
    env: { NO_COLOR: '1', ...env },
    exitCode: EXIT.ok,
  };
  const code = await runCli(args, shell);
  return { code, stdout, stderr };
}
