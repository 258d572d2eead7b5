import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { defaultPolicyYaml } from '../../model/policy.js';
import { safeInline } from '../../reports/terminal.js';
import { Outputs, displayPath } from '../io.js';
import { findPolicyFile } from '../policy-file.js';
import { UsageError, type Shell } from '../shell.js';

export const DEFAULT_POLICY_FILE = 'leakradius-policy.yaml';

interface InitArgs {
  file: string;
  force: boolean;
}

export function policyCommand(shell: Shell): CommandModule<object, object> {
  return {
    command: 'policy',
    describe: 'Work with policy files: `policy init [file]` writes the default policy to start from',
    builder: (y) =>
      y
        .command({
          command: 'init [file]',
          describe: `Write the default policy (to ${DEFAULT_POLICY_FILE} unless a file is given)`,
          builder: (yy) =>
            yy
              .positional('file', { type: 'string', default: DEFAULT_POLICY_FILE, describe: 'where to write it' })
              .option('force', { type: 'boolean', default: false, describe: 'overwrite an existing file' })
              .example('$0 policy init', `write ${DEFAULT_POLICY_FILE}, which check finds by itself`) as never,
          handler: (argv) => {
            const args = argv as unknown as InitArgs;
            const file = displayPath(args.file);
            if (existsSync(file) && !args.force)
              throw new UsageError(`${safeInline(file)} already exists; pass --force to overwrite it`);
            const outputs = new Outputs([]);
            outputs.claim(file, 'policy init');
            outputs.write(file, defaultPolicyYaml(), { createOnly: !args.force });
            const found = findPolicyFile() === file;
            shell.stdout.write(
              found
                ? `${safeInline(file)}: default policy written. leakradius check run here finds it (in a repository, from the folders below too).\n`
                : `${safeInline(file)}: default policy written. Use it with: leakradius check <models> --policy ${safeInline(file)}\n`,
            );
          },
        })
        .demandCommand(1, 'policy needs an action: init')
        .example('$0 policy init', `write ${DEFAULT_POLICY_FILE} here`) as never,
    handler: () => {},
  };
}
