/**
 * Starts the TUI on a terminal with Ink. The command line owns the terminal
 * around it (alternate screen, signals) and the file system (the `io`).
 */
import { render } from 'ink';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { App } from './app.js';
import type { TuiIo } from './io.js';
import { workerAnalyst } from './analyst.js';
import { workerRecommender } from './recommender.js';
import { TuiStore, type CheckSettings } from './session.js';

export interface LaunchOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly io: TuiIo;
  /** The files the model picker lists. */
  readonly files: readonly string[];
  readonly diagnostics?: readonly Diagnostic[];
  /** The model to open at once; without it the picker opens. */
  readonly open?: string;
  readonly color: boolean;
  /** The policy and date the findings pane checks against, as `leakradius check` would. */
  readonly check: CheckSettings;
}

export interface RunningTui {
  readonly exited: Promise<void>;
  /** Stops the TUI (a signal arrived): Ink restores raw mode and the cursor. */
  stop(): void;
}

export function launchTui(options: LaunchOptions): RunningTui {
  const store = new TuiStore(options.io, {
    files: options.files,
    diagnostics: options.diagnostics,
    open: options.open,
    check: options.check,
    recommender: workerRecommender,
    analyst: workerAnalyst,
  });
  const instance = render(
    <App store={store} initialView={options.open !== undefined ? 'inventory' : 'picker'} color={options.color} />,
    {
      stdin: options.stdin,
      stdout: options.stdout,
      stderr: options.stderr,
      exitOnCtrlC: true,
      patchConsole: false,
    },
  );
  const exited = instance.waitUntilExit().then(
    () => store.dispose(),
    (error: unknown) => {
      store.dispose();
      throw error;
    },
  );
  return {
    exited,
    stop: () => {
      store.dispose();
      instance.unmount();
    },
  };
}
