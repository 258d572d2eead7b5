import type { CommandModule } from 'yargs';
import { openTui } from '../tui.js';
import type { Shell } from '../shell.js';

interface Args {
  input?: string;
  policy?: string;
}

export function tuiCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'tui [input]',
    describe:
      'Open the interactive view on a model, a folder of models, or (with neither) ./models or the bundled examples',
    builder: (y) =>
      y.positional('input', { type: 'string', describe: 'a model file or a folder of models' }).option('policy', {
        type: 'string',
        describe: 'the policy the findings pane checks against (as leakradius check --policy)',
      }) as never,
    handler: async (args) => {
      await openTui(shell, args.input, args.policy);
    },
  };
}
