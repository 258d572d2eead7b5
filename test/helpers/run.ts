import { runCli } from '../../src/cli/main.js';
import { EXIT, type Shell } from '../../src/cli/shell.js';
import type { CliResult } from './cli.js';

/**
 * Runs a command as `cli` does, but in this process: the same shell code,
 * without starting Node for each run. The working folder is `cwd` meanwhile.
 */
export async function run(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const shell: Shell = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    stdin: { isTTY: false },
    env: { NO_COLOR: '1' },
    exitCode: EXIT.ok,
  };
  const home = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const code = await runCli(args, shell);
    return { code, stdout, stderr };
  } finally {
    process.chdir(home);
  }
}
