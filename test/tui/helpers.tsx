/** Drives the TUI in tests: an in-memory file system, keys from the keymap, and a tick after every write. */
import { render } from 'ink-testing-library';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { App } from '../../src/tui/app.js';
import { inProcessRecommender } from '../../src/tui/recommender.js';
import type { TuiIo } from '../../src/tui/io.js';
import { sequenceOf, type CommandId, type KeyContext } from '../../src/tui/keymap.js';
import { TuiStore, type Scheduler } from '../../src/tui/session.js';
import type { ViewId } from '../../src/tui/state.js';

/** The date the findings are checked on: acceptances hold through their expiry day. */
export const TODAY = '2025-06-01';

/** Lets Ink read the input and render: needed after every stdin write. */
export const tick = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

export class MemoryFiles implements TuiIo {
  readonly files = new Map<string, string>();
  readonly watchers = new Map<string, Set<() => void>>();
  scenarios: string[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [name, text] of Object.entries(files)) this.files.set(name, text);
  }

  modelFiles(folder?: string) {
    const prefix = folder === undefined ? 'models/' : `${folder.replace(/\/$/, '')}/`;
    const files = [...this.files.keys()].filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f)).sort();
    return { files, diagnostics: [] };
  }

  scenarioFiles() {
    return this.scenarios;
  }

  readText(file: string) {
    const text = this.files.get(file);
    return text === undefined
      ? { ok: false as const, diagnostics: [{ file, line: 1, column: 1, message: 'no such file or folder' }] }
      : { ok: true as const, text };
  }

  scenarioModel(file: string, relative: string) {
    const parts = file.split('/').slice(0, -1);
    for (const part of relative.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    return { ok: true as const, file: parts.join('/') };
  }

  watch(file: string, onChange: () => void) {
    const set = this.watchers.get(file) ?? new Set();
    set.add(onChange);
    this.watchers.set(file, set);
    return () => set.delete(onChange);
  }

  saveBeside(file: string, suffix: string, text: string) {
    const stem = file.replace(/\.ya?ml$/, '');
    let n = 1;
    let name = `${stem}.${suffix}.yaml`;
    while (this.files.has(name)) name = `${stem}.${suffix}-${++n}.yaml`;
    this.files.set(name, text);
    return name;
  }

  /** Writes a file and tells its watchers, as an editor saving it would. */
  edit(file: string, text: string) {
    this.files.set(file, text);
    for (const w of this.watchers.get(file) ?? []) w();
  }
}

/** Runs background slices when the test says so, so progress can be observed step by step. */
export class ManualScheduler {
  private queue: (() => void)[] = [];
  readonly schedule: Scheduler = (work) => {
    this.queue.push(work);
    return { cancel: () => (this.queue = this.queue.filter((w) => w !== work)) };
  };
  get pending(): number {
    return this.queue.length;
  }
  runOne(): void {
    this.queue.shift()?.();
  }
  runAll(): void {
    while (this.queue.length > 0) this.runOne();
  }
}

/** Like the terminal's scheduler but without delays, so one tick after a key runs what the key started. */
export const testScheduler: Scheduler = (work) => {
  const handle = setImmediate(work);
  return { cancel: () => clearImmediate(handle) };
};

/** Ticks until the background work a key started is done (with the test scheduler it runs on setImmediate). */
export async function settle(store: TuiStore): Promise<void> {
  for (let i = 0; i < 200 && store.busy; i++) await tick();
  await tick();
}

export interface Driven {
  readonly store: TuiStore;
  frame(): string;
  press(command: CommandId, context: KeyContext, times?: number): Promise<void>;
  type(text: string): Promise<void>;
  unmount(): void;
}

export async function drive(
  io: MemoryFiles,
  options: {
    open?: string;
    files?: string[];
    view?: ViewId;
    width?: number;
    height?: number;
    scheduler?: Scheduler;
  } = {},
): Promise<Driven> {
  const files = options.files ?? io.modelFiles().files;
  const store = new TuiStore(
    io,
    { files, open: options.open, check: { policy: DEFAULT_POLICY, today: TODAY }, recommender: inProcessRecommender },
    options.scheduler ?? testScheduler,
  );
  const view = options.view ?? (options.open !== undefined ? 'inventory' : 'picker');
  const ui = render(
    <App store={store} initialView={view} width={options.width ?? 100} height={options.height ?? 30} />,
  );
  await tick();
  if (!options.scheduler) await settle(store);
  return {
    store,
    frame: () => ui.lastFrame() ?? '',
    async press(command, context, times = 1) {
      for (let i = 0; i < times; i++) {
        ui.stdin.write(sequenceOf(command, context));
        await tick();
      }
      if (!options.scheduler) await settle(store); // a test with its own scheduler runs the work itself
    },
    async type(text) {
      for (const ch of text) {
        ui.stdin.write(ch);
        await tick();
      }
    },
    unmount: () => {
      ui.unmount();
      store.dispose();
    },
  };
}
