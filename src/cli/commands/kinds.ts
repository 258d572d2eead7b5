import type { CommandModule } from 'yargs';
import { CREDENTIAL_KINDS } from '../../model/credential-kinds.js';
import type { Shell } from '../shell.js';

interface Args {
  format: 'text' | 'json';
}

export function kindsCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'kinds',
    describe: 'List the catalogue of known credential kinds and their published defaults',
    builder: (y) =>
      y
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .example('$0 kinds --format json', 'the catalogue as JSON') as never,
    handler: (args) => {
      if (args.format === 'json') {
        shell.stdout.write(`${JSON.stringify(CREDENTIAL_KINDS, null, 2)}\n`);
        return;
      }
      for (const k of CREDENTIAL_KINDS) {
        const d = k.defaults;
        const figures = [
          d.ttl && `ttl ${d.ttl}`,
          k.minTtl && `min ${k.minTtl}`,
          k.maxTtl && `max ${k.maxTtl}`,
          d.maxLifetime && `max life ${d.maxLifetime}`,
          d.binding,
          d.issuance,
          d.revocation?.mode && `revocation ${d.revocation.mode}`,
          d.revocation?.propagation && `propagation ${d.revocation.propagation}`,
          d.subject === 'human' && 'human subject',
        ].filter(Boolean);
        shell.stdout.write(
          `${k.id.padEnd(40)} ${figures.length > 0 ? figures.join(', ') : '(no published figures: write ttl and the rest)'}\n`,
        );
      }
      shell.stdout.write('\nSources for every figure: docs/credential-kinds.md\n');
    },
  };
}
