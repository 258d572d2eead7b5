/**
 * Runs the TUI on the terminal's alternate screen and always leaves it again:
 * on `q`, on an error or a rejected promise, and on SIGINT, SIGTERM, SIGHUP or
 * SIGQUIT, so the user's scrollback comes back untouched whatever happens.
 * What no handler can catch (SIGKILL, V8 ending the process when its heap is
 * exhausted) is left to a crash guard: a watcher outside the process that
 * leaves the alternate screen when the process dies without saying goodbye.
 */
import type { RunningTui } from '../tui/launch.js';

export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/** The part of `process` this needs: signals, exit, and errors thrown outside the TUI's components. */
export interface SignalSource {
  on(event: Signal | 'exit', listener: () => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  off(event: Signal | 'exit', listener: () => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

type Signal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT';
const SIGNAL_EXIT: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131 };

/** Leaves the alternate screen if the process dies uncaught; released when the TUI leaves it itself. */
export interface CrashGuard {
  release(): void;
}

export interface Terminal {
  readonly stdout: { write(text: string): unknown };
  readonly stdin: { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
}

/**
 * Returns the exit code: 0 after `q`, 128 + the signal's number after a
 * signal. The terminal goes to raw mode before the TUI has loaded, so keys
 * typed meanwhile wait for it instead of being echoed over the screen.
 */
export async function runFullScreen(
  terminal: Terminal,
  signals: SignalSource,
  load: () => Promise<() => RunningTui>,
  guard: () => CrashGuard = () => ({ release: () => undefined }),
): Promise<number> {
  const { stdout, stdin } = terminal;
  let left = false;
  // Started before the screen changes, released once it is left: in between, a death nobody catches is its to clean up.
  const guarded = guard();
  const leave = () => {
    if (left) return;
    left = true;
    if (stdin.isTTY) stdin.setRawMode?.(false);
    stdout.write(LEAVE_ALTERNATE_SCREEN);
    guarded.release();
  };
  let running: RunningTui | undefined;
  let code = 0;
  const handlers = (Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]).map((signal) => {
    const handler = () => {
      code = SIGNAL_EXIT[signal];
      running?.stop();
    };
    signals.on(signal, handler);
    return [signal, handler] as const;
  });
  signals.on('exit', leave);
  // An error in background work (not in a component, which Ink reports itself) ends the TUI the same way.
  let failure: Error | undefined;
  const onError = (error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
    running?.stop();
    leave();
  };
  signals.on('uncaughtException', onError);
  signals.on('unhandledRejection', onError);
  stdout.write(`${ENTER_ALTERNATE_SCREEN}leakradius: opening…`);
  if (stdin.isTTY) stdin.setRawMode?.(true);
  try {
    const launch = await load();
    if (code !== 0) return code; // a signal came while it loaded
    stdout.write(CLEAR_SCREEN);
    running = launch();
    await running.exited;
  } finally {
    leave();
    for (const [signal, handler] of handlers) signals.off(signal, handler);
    signals.off('exit', leave);
    signals.off('uncaughtException', onError);
    signals.off('unhandledRejection', onError);
  }
  if (failure) throw failure;
  return code;
}
