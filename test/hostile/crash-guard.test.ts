/**
 * The TUI leaves the alternate screen on every exit it can catch; what it
 * cannot (SIGKILL, V8 ending it out of memory) the crash guard handles from
 * outside the process. Both are tried here on real processes and fakes.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAVE_ALTERNATE_SCREEN, runFullScreen, type SignalSource } from '../../src/cli/full-screen.js';
import type { RunningTui } from '../../src/tui/launch.js';

class FakeSignals extends EventEmitter implements SignalSource {}

function openTui() {
  const written: string[] = [];
  const signals = new FakeSignals();
  let released = 0;
  let finish: () => void = () => undefined;
  const tui: RunningTui = {
    exited: new Promise<void>((r) => (finish = r)),
    stop: () => finish(),
  } as unknown as RunningTui;
  const done = runFullScreen(
    { stdout: { write: (t: string) => written.push(t) }, stdin: { isTTY: false } },
    signals,
    async () => () => tui,
    () => ({ release: () => released++ }),
  );
  return { written, signals, done, released: () => released };
}

describe('leaving the alternate screen', () => {
  it('on SIGQUIT, exit 131, and the crash guard is released', async () => {
    const t = openTui();
    await new Promise((r) => setImmediate(r));
    t.signals.emit('SIGQUIT');
    expect(await t.done).toBe(131);
    expect(t.written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
    expect(t.released()).toBe(1);
  });

  it('on a promise rejected outside the TUI, reported after leaving', async () => {
    const t = openTui();
    await new Promise((r) => setImmediate(r));
    t.signals.emit('unhandledRejection', new Error('a background promise failed'));
    await expect(t.done).rejects.toThrow('a background promise failed');
    expect(t.written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
    expect(t.signals.listenerCount('unhandledRejection')).toBe(0);
  });
});

/** Runs a process that starts the crash guard, then ends as `how` says; returns what reached its terminal. */
function guarded(how: 'killed' | 'released'): Promise<string> {
  const guard = resolve('dist/cli/crash-guard.js');
  const code = `
    const { crashGuard } = await import(${JSON.stringify(guard)});
    const g = crashGuard();
    ${how === 'killed' ? "process.kill(process.pid, 'SIGKILL');" : 'g.release();'}
  `;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    // The watcher writes after its parent is gone: the pipe closes when both have.
    child.stdout.on('close', () => done(out));
  });
}

describe.skipIf(process.platform === 'win32')('the crash guard', () => {
  it('leaves the alternate screen and shows the cursor when the process is killed outright', async () => {
    expect(await guarded('killed')).toBe(`${LEAVE_ALTERNATE_SCREEN}\u001b[?25h`);
  });

  it('stays silent when the TUI left the screen itself', async () => {
    expect(await guarded('released')).toBe('');
  });
});
