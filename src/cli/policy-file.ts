/**
 * Which policy a run uses: the file given with --policy; the built-in one
 * with --no-policy; otherwise the nearest `leakradius-policy.yaml` (or
 * `.leakradius.yaml`) from the current folder up to the repository root, as
 * other scanners find their configuration. The run says which it used.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RULE_IDS } from '../analyses/rules/index.js';
import { DEFAULT_POLICY, loadPolicy, type Policy } from '../model/policy.js';
import { safeInline } from '../reports/terminal.js';
import { InputError } from '../yaml/diagnostic.js';
import { displayPath, readSource, repositoryRoot } from './io.js';
import { UsageError, note, type Shell } from './shell.js';

/** The names looked for in each folder, in this order. */
export const POLICY_FILE_NAMES = ['leakradius-policy.yaml', '.leakradius.yaml'] as const;

export const POLICY_OPTION = {
  type: 'string',
  describe: `policy file (thresholds, rules, accepted risks); default: the nearest ${POLICY_FILE_NAMES.join(' or ')} up to the repository root, else the built-in policy; --no-policy: the built-in policy`,
} as const;

/** `--policy` as yargs gives it: a file, `false` for --no-policy, or undefined when not given. */
export function choosePolicy(shell: Shell, option: string | boolean | undefined): Policy {
  if (option === false) return DEFAULT_POLICY;
  if (typeof option === 'string') {
    if (option === '') throw new UsageError('--policy needs a file (or --no-policy for the built-in policy)');
    return requirePolicy(option);
  }
  const found = findPolicyFile();
  if (found === undefined) return DEFAULT_POLICY;
  note(shell, `leakradius: using the policy ${safeInline(found)} (--policy <file> for another, --no-policy for none)`);
  return requirePolicy(found);
}

/** The nearest policy file from `start` up to the repository root (only `start` outside a repository). */
export function findPolicyFile(start: string = process.cwd()): string | undefined {
  const root = repositoryRoot(start);
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    for (const name of POLICY_FILE_NAMES) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return displayPath(file);
    }
    if (root === undefined || dir === root || dirname(dir) === dir) return undefined;
  }
}

export function requirePolicy(file: string): Policy {
  const shown = displayPath(file);
  const source = readSource(shown);
  if (!source.ok) throw new InputError(source.diagnostics);
  const result = loadPolicy(shown, source.text, RULE_IDS);
  if (!result.ok) throw new InputError(result.diagnostics);
  return result.policy;
}
