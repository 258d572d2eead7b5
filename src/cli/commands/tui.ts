import type { CommandModule } from 'yargs';
import { openTui } from '../tui.js';
import type { Shell } from '../shell.js';

interface Args {
  input?: string;
}

export function tuiCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'tui [input]',
    describe: 'Open the interactive view on a model, a folder of models, or (with neither) ./models or the bundled examples',
    builder: (y) => y.positional('input', { type: 'string', describe: 'a model file or a folder of models' }) as never,
    handler: async (args) => {
      await openTui(shell, args.input);
    },
  };
}
