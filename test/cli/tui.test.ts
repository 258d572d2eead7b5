/** `leakradius tui` and `leakradius` alone, without a terminal, and the full-screen lifecycle. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  ENTER_ALTERNATE_SCREEN,
  LEAVE_ALTERNATE_SCREEN,
  runFullScreen,
  type SignalSource,
} from '../../src/cli/full-screen.js';
import type { RunningTui } from '../../src/tui/launch.js';
import { run, scratch } from '../helpers/run.js';
import { recommend } from '../../src/analyses/recommendations/index.js';
import { load } from '../helpers/model.js';
import { BAD_MODEL, PAT_MODEL, TOKEN_MODEL } from '../tui/models.js';

function project(): string {
  const dir = scratch({}, 'leakradius-tui-');
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'coding-agent.yaml'), PAT_MODEL);
  writeFileSync(join(dir, 'bad.yaml'), BAD_MODEL);
  return dir;
}

describe('without a terminal', () => {
  it('leakradius alone summarises the default model and points to check and simulate', async () => {
    const r = await run([], { cwd: project() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('models/coding-agent.yaml');
    expect(r.stdout).toContain('Riskiest credentials if leaked now');
    expect(r.stdout).toContain(
      'In scripts and CI use `leakradius check` (the CI gate) or `leakradius simulate` (one leak).',
    );
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('leakradius tui <model> summarises that model', async () => {
    const dir = project();
    const r = await run(['tui', join(dir, 'models', 'coding-agent.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pat\s+exposure 7d8h/);
    expect(r.stdout).toContain('leakradius check');
  });

  it('leakradius tui --policy <missing file> is a usage error with exit code 2', async () => {
    const r = await run(['tui', 'models', '--policy', 'no-such-policy.yaml'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-policy.yaml:1:1: no such file or folder');
  });

  it('leakradius tui <bad model> reports its problems with exit code 2', async () => {
    const r = await run(['tui', 'bad.yaml'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:\d+:\d+: /m);
  });
});

describe('recommendations off the thread', () => {
  it('the worker the terminal uses gives what leakradius recommend gives', async () => {
    // The worker runs the built JavaScript (npm test builds dist/ first), as the installed TUI does.
    const built = await import(pathToFileURL(resolve('dist/tui/recommender.js')).href);
    const loaded = load(TOKEN_MODEL);
    const pending = built.workerRecommender(loaded);
    const result = await pending.result;
    expect(result.recommendations.map((r: { id: string }) => r.id)).toEqual(
      recommend(loaded).recommendations.map((r) => r.id),
    );
    expect(result.before.total).toBe(840 + 2640); // leaked copy and hijacked agent, as in test/tui/app.test.tsx
  });
});

class FakeSignals extends EventEmitter implements SignalSource {}

function fakeTerminal() {
  const written: string[] = [];
  const raw: boolean[] = [];
  return {
    written,
    raw,
    terminal: {
      stdout: { write: (t: string) => written.push(t) },
      stdin: { isTTY: true, setRawMode: (m: boolean) => raw.push(m) },
    },
  };
}

function fakeTui(): RunningTui & { finish(error?: Error): void; stopped: boolean } {
  let finish!: (error?: Error) => void;
  const exited = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  const tui = {
    exited,
    stopped: false,
    stop: () => {
      tui.stopped = true;
      finish();
    },
    finish: (error?: Error) => finish(error),
  };
  return tui;
}

describe('full screen', () => {
  it('enters the alternate screen and leaves it when the TUI quits', async () => {
    const { written, raw, terminal } = fakeTerminal();
    const signals = new FakeSignals();
    const tui = fakeTui();
    const done = runFullScreen(terminal, signals, async () => () => tui);
    await new Promise((r) => setImmediate(r));
    expect(written[0].startsWith(ENTER_ALTERNATE_SCREEN)).toBe(true);
    expect(written).not.toContain(LEAVE_ALTERNATE_SCREEN);
    tui.finish();
    expect(await done).toBe(0);
    expect(written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
    expect(raw).toEqual([true, false]);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('exit')).toBe(0);
  });

  it('stops the TUI and leaves the alternate screen on SIGTERM and SIGINT', async () => {
    for (const [signal, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
      ['SIGHUP', 129],
    ] as const) {
      const { written, terminal } = fakeTerminal();
      const signals = new FakeSignals();
      const tui = fakeTui();
      const done = runFullScreen(terminal, signals, async () => () => tui);
      await new Promise((r) => setImmediate(r));
      signals.emit(signal);
      expect(await done).toBe(code);
      expect(tui.stopped).toBe(true);
      expect(written.filter((w) => w === LEAVE_ALTERNATE_SCREEN)).toHaveLength(1);
    }
  });

  it('leaves the alternate screen when the TUI fails, and passes the error on', async () => {
    const { written, terminal } = fakeTerminal();
    const tui = fakeTui();
    const done = runFullScreen(terminal, new FakeSignals(), async () => () => tui);
    await new Promise((r) => setImmediate(r));
    tui.finish(new Error('boom'));
    await expect(done).rejects.toThrow('boom');
    expect(written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
  });

  it('stops the TUI and leaves the alternate screen on an error thrown outside it, then reports it', async () => {
    const { written, terminal } = fakeTerminal();
    const signals = new FakeSignals();
    const tui = fakeTui();
    const done = runFullScreen(terminal, signals, async () => () => tui);
    await new Promise((r) => setImmediate(r));
    signals.emit('uncaughtException', new Error('a background job failed'));
    await expect(done).rejects.toThrow('a background job failed');
    expect(tui.stopped).toBe(true);
    expect(written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
    expect(signals.listenerCount('uncaughtException')).toBe(0);
  });

  it('leaves the alternate screen when the process exits underneath it', async () => {
    const { written, terminal } = fakeTerminal();
    const signals = new FakeSignals();
    const tui = fakeTui();
    void runFullScreen(terminal, signals, async () => () => tui);
    await new Promise((r) => setImmediate(r));
    signals.emit('exit');
    expect(written.at(-1)).toBe(LEAVE_ALTERNATE_SCREEN);
    tui.finish();
  });
});
