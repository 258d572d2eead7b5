import type { CommandModule } from 'yargs';
import { CREDENTIAL_KINDS } from '../../model/credential-kinds.js';
import { credentialKindsMarkdown, kindsText } from '../../reports/kinds.js';
import type { Shell } from '../shell.js';

interface Args {
  format: 'text' | 'json' | 'markdown';
}

export function kindsCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'kinds',
    describe:
      'List the catalogue of known credential kinds: published defaults, what each provider can do, replacements and prefixes',
    builder: (y) =>
      y
        .option('format', {
          choices: ['text', 'json', 'markdown'] as const,
          default: 'text' as const,
          describe: 'output format (markdown prints docs/credential-kinds.md)',
        })
        .example('$0 kinds --format json', 'the catalogue as JSON') as never,
    handler: (args) => {
      if (args.format === 'json') shell.stdout.write(`${JSON.stringify(CREDENTIAL_KINDS, null, 2)}\n`);
      else if (args.format === 'markdown') shell.stdout.write(credentialKindsMarkdown(CREDENTIAL_KINDS));
      else shell.stdout.write(kindsText(CREDENTIAL_KINDS));
    },
  };
}
