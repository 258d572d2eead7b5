import type { CommandModule } from 'yargs';
import { RULES } from '../../analyses/rules/index.js';
import { rulesJson, rulesText } from '../../reports/rules.js';
import { Outputs } from '../io.js';
import { emit, styleFor, type Shell } from '../shell.js';
import { jsonReport } from '../../reports/json.js';

interface Args {
  format: 'text' | 'json';
  output?: string;
}

export function rulesCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'rules',
    describe: 'List the rules of `check`: id, severity, title and OWASP mappings',
    builder: (y) =>
      y
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example('$0 rules --format json', 'the rules as JSON') as never,
    handler: (args) => {
      const outputs = new Outputs([]);
      outputs.claim(args.output, '--output');
      emit(
        shell,
        outputs,
        args.format === 'json' ? jsonReport(rulesJson(RULES)) : rulesText(RULES, styleFor(shell)),
        args.output,
      );
    },
  };
}
