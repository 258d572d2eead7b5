import type { CommandModule } from 'yargs';
import { openTui } from '../tui.js';
import { POLICY_OPTION } from '../policy-file.js';
import type { Shell } from '../shell.js';

interface Args {
  input?: string;
  policy?: string | boolean;
}

export function tuiCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'tui [input]',
    describe:
      'Open the interactive view on a model, a folder of models, or (with neither) ./models or the bundled examples',
    builder: (y) =>
      y
        .positional('input', { type: 'string', describe: 'a model file or a folder of models' })
        .option('policy', {
          ...POLICY_OPTION,
          describe: `the policy the findings pane checks against: ${POLICY_OPTION.describe}`,
        })
        .example('$0 tui models/coding-agent.yaml', 'open one model')
        .example('$0 tui models/', "pick among a folder's models") as never,
    handler: async (args) => {
      await openTui(shell, args.input, args.policy);
    },
  };
}
