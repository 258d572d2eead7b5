/**
 * `npm run fuzz`: mutate the bundled models, scenarios and a policy the way a
 * hostile pull request would, run every command on each mutant in-process
 * and report what breaks (src/cli/fuzz/oracle.ts says what counts). A worker
 * process runs the mutants; this process watches it, and a mutant that makes
 * it stall is recorded as a hang and skipped. The first mutant of each new
 * kind of failure is saved as a regression case in test/fuzz-cases (or
 * --record <folder>, or nowhere with --no-record), which the test suite replays.
 *
 *   npm run fuzz [-- --mutants 100000] [--seed 1] [--from 0] [--record <folder> | --no-record]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultPolicyYaml } from '../model/policy.js';
import { CANARY, examine, loadXmlParser, type Failure, type Workspace } from './fuzz/oracle.js';
import { mutant, type Mutant, type Seed } from './fuzz/mutate.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** No word from the worker for this long (wall time, on a machine that may be busy): the mutant it is on hangs. */
const HANG_MS = 300_000;

/** The inputs mutants start from: every bundled model and scenario, and two policies. */
export function seeds(): Seed[] {
  const read = (folder: string, kind: Seed['kind']) =>
    readdirSync(join(ROOT, folder))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ kind, name: `${folder}/${f}`, text: readFileSync(join(ROOT, folder, f), 'utf8') }));
  return [
    ...read('models', 'model'),
    ...read('scenarios', 'scenario'),
    { kind: 'policy', name: 'default policy', text: defaultPolicyYaml() },
    { kind: 'policy', name: 'policy with rules and acceptances', text: EXAMPLE_POLICY },
  ];
}

const EXAMPLE_POLICY = `kind: policy
version: 1
thresholds:
  maxTtl: { default: 24h, prod: 1h }
  maxExposureWindow: 12h
  maxBlastRadiusScore: 50
  maxDelegationDepth: 2
rules:
  LR004: { severity: low }
  LR012: { enabled: false }
accept:
  - finding: LR001@credential:gh-pat-dana
    reason: migrating to a GitHub App
    owner: platform
    expires: 2030-06-30
  - finding: LR0*@credential:*
    reason: everything, for a while
    owner: security
    expires: 2020-01-01
`;

/**
 * A scratch repository holding copies of the bundled models and scenarios,
 * with secrets planted beside it (outside it) that no command may echo.
 */
export function workspace(): Workspace & { dispose(): void } {
  const top = mkdtempSync(join(tmpdir(), 'leakradius-fuzz-'));
  writeFileSync(join(top, 'secret.txt'), `token=${CANARY}\n`);
  writeFileSync(join(top, 'secret.yaml'), `version: 1\nname: ${CANARY}\n`);
  const root = join(top, 'work');
  for (const dir of ['.git', 'models', 'scenarios', 'mutants']) mkdirSync(join(root, dir), { recursive: true });
  for (const folder of ['models', 'scenarios'])
    for (const f of readdirSync(join(ROOT, folder))) copyFileSync(join(ROOT, folder, f), join(root, folder, f));
  return { root, dispose: () => rmSync(top, { recursive: true, force: true }) };
}

/** The recorded regression cases: each mutant's file, with what it showed when it was found. */
export const CASES = join(ROOT, 'test', 'fuzz-cases');

/** Runs recorded cases (files named `<id>.<kind>.yaml`) in this process; the failures they show now. */
export async function replayCases(files: readonly string[]): Promise<Failure[]> {
  await loadXmlParser();
  const ws = workspace();
  const home = process.cwd();
  process.chdir(ws.root);
  try {
    const failures: Failure[] = [];
    for (const [i, file] of files.entries()) {
      const kind = file.split('.').at(-2) as Seed['kind'];
      const m: Mutant = { kind, from: file, bytes: readFileSync(file), steps: [] };
      for (const f of await examine(ws, m, i)) failures.push({ ...f, detail: `${file}: ${f.detail}` });
    }
    return failures;
  } finally {
    process.chdir(home);
    ws.dispose();
  }
}

/** Runs mutants [from, to) of `seed` in this process, in the workspace; calls `each` after every one. */
export async function runSlice(
  seed: number,
  from: number,
  to: number,
  each: (index: number, m: Mutant, failures: Failure[]) => void,
  before: (index: number) => void = () => undefined,
): Promise<void> {
  await loadXmlParser();
  const all = seeds();
  const ws = workspace();
  const home = process.cwd();
  process.chdir(ws.root);
  try {
    for (let i = from; i < to; i++) {
      const m = mutant(all, seed, i);
      before(i);
      each(i, m, await examine(ws, m, i));
    }
  } finally {
    process.chdir(home);
    ws.dispose();
  }
}

interface Options {
  mutants: number;
  seed: number;
  from: number;
  record?: string;
}

export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--worker') return worker(argv.slice(1).map(Number));
  const options = parseOptions(argv);
  const found = new Map<string, { count: number; first: number; detail: string; kind: string }>();
  const known = options.record ? recordedSignatures(options.record) : new Set<string>();
  const started = Date.now();
  let next = options.from;
  const end = options.from + options.mutants;
  let lastReport = 0;
  while (next < end) {
    const outcome = await supervise(options.seed, next, end, (index, failures, kind) => {
      for (const f of failures) {
        const seen = found.get(f.signature);
        if (seen) seen.count++;
        else {
          found.set(f.signature, { count: 1, first: index, detail: f.detail, kind });
          process.stderr.write(`  new failure at mutant ${index}: ${f.detail}\n`);
          if (options.record && !known.has(f.signature)) {
            record(options.record, options.seed, index, f);
            known.add(f.signature);
          }
        }
      }
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        const rate = (index + 1 - options.from) / ((Date.now() - started) / 1000);
        process.stderr.write(`  ${index + 1 - options.from} of ${options.mutants} mutants, ${rate.toFixed(1)}/s\n`);
      }
    });
    next = outcome.next;
    if (outcome.hung !== undefined) {
      const f = { signature: 'any | hang (no progress for 300 s) | ', detail: `mutant ${outcome.hung}: hang` };
      found.set(`${f.signature}${outcome.hung}`, { count: 1, first: outcome.hung, detail: f.detail, kind: '?' });
      process.stderr.write(`  mutant ${outcome.hung} hangs: skipped\n`);
      if (options.record) record(options.record, options.seed, outcome.hung, f);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const failures = [...found.values()].reduce((n, f) => n + f.count, 0);
  process.stdout.write(
    `leakradius fuzz: ${options.mutants} mutants of seed ${options.seed} (from ${options.from}) in ${seconds.toFixed(0)} s, ` +
      `${failures} failure(s) of ${found.size} kind(s)\n`,
  );
  for (const [signature, f] of [...found].sort((a, b) => b[1].count - a[1].count))
    process.stdout.write(`  ${f.count} × ${signature}\n    first: mutant ${f.first}: ${f.detail.slice(0, 300)}\n`);
  process.exitCode = found.size > 0 ? 1 : 0;
}

/** Runs a worker from `from`; returns where to go on, and the mutant it hung on, if any. */
function supervise(
  seed: number,
  from: number,
  to: number,
  each: (index: number, failures: Failure[], kind: string) => void,
): Promise<{ next: number; hung?: number }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'fuzz.js'), '--worker', String(seed), String(from), String(to)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let current = from;
    let finished = from;
    let timer = setTimeout(hang, HANG_MS);
    function hang() {
      child.kill('SIGKILL');
    }
    createInterface({ input: child.stdout }).on('line', (line) => {
      clearTimeout(timer);
      timer = setTimeout(hang, HANG_MS);
      const message = JSON.parse(line) as { start?: number; done?: number; kind?: string; failures?: Failure[] };
      if (message.start !== undefined) current = message.start;
      if (message.done !== undefined) {
        finished = message.done + 1;
        each(message.done, message.failures ?? [], message.kind ?? '');
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (finished >= to) done({ next: to });
      else if (current >= finished) done({ next: current + 1, hung: current });
      else done({ next: finished });
    });
  });
}

async function worker([seed, from, to]: number[]): Promise<void> {
  await runSlice(
    seed,
    from,
    to,
    (index, m, failures) => process.stdout.write(`${JSON.stringify({ done: index, kind: m.kind, failures })}\n`),
    (index) => process.stdout.write(`${JSON.stringify({ start: index })}\n`),
  );
}

/** Saves a mutant as a regression case: its bytes, and what it showed. */
function record(folder: string, seed: number, index: number, failure: Failure): void {
  mkdirSync(folder, { recursive: true });
  const m = mutant(seeds(), seed, index);
  const name = createHash('sha256').update(failure.signature).digest('hex').slice(0, 12);
  writeFileSync(join(folder, `${name}.${m.kind}.yaml`), m.bytes);
  writeFileSync(
    join(folder, `${name}.json`),
    `${JSON.stringify({ signature: failure.signature, seed, index, from: m.from, steps: m.steps, detail: failure.detail }, null, 2)}\n`,
  );
}

function recordedSignatures(folder: string): Set<string> {
  if (!existsSync(folder)) return new Set();
  return new Set(
    readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => (JSON.parse(readFileSync(join(folder, f), 'utf8')) as { signature: string }).signature),
  );
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { mutants: 1000, seed: 1, from: 0, record: CASES };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--mutants':
        options.mutants = Number(value);
        i++;
        break;
      case '--seed':
        options.seed = Number(value);
        i++;
        break;
      case '--from':
        options.from = Number(value);
        i++;
        break;
      case '--record':
        options.record = resolve(value);
        i++;
        break;
      case '--no-record':
        options.record = undefined;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}; see the comment at the top of src/cli/fuzz.ts`);
    }
  }
  for (const [k, v] of Object.entries(options))
    if (k !== 'record' && (!Number.isInteger(v) || (v as number) < 0)) throw new Error(`--${k} must be a whole number`);
  return options;
}
