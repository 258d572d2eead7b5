/**
 * The crash guard of the full-screen TUI: a small shell process that waits on
 * a pipe from leakradius. leakradius says `done` when it leaves the alternate
 * screen itself; if the pipe closes without it (the process was killed, or V8
 * ended it out of memory), the shell leaves the alternate screen, shows the
 * cursor again and makes the terminal sane, so the user is not left on a dead
 * screen. Where there is no POSIX shell it does nothing.
 */
import { spawn } from 'node:child_process';
import type { CrashGuard } from './full-screen.js';

const WATCH = `read line; [ "$line" = done ] || { printf '\\033[?1049l\\033[?25h'; stty sane < /dev/tty 2>/dev/null; }`;

export function crashGuard(): CrashGuard {
  const none = { release: () => undefined };
  if (process.platform === 'win32') return none;
  try {
    // Its own process group: a signal to leakradius's group leaves the watcher to clean up after it.
    const watcher = spawn('/bin/sh', ['-c', WATCH], { stdio: ['pipe', 'inherit', 'ignore'], detached: true });
    watcher.on('error', () => undefined);
    watcher.stdin.on('error', () => undefined);
    watcher.unref();
    (watcher.stdin as unknown as { unref?: () => void }).unref?.();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        watcher.stdin.end('done\n');
      },
    };
  } catch {
    return none;
  }
}
