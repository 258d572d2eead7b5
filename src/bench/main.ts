/**
 * `npm run bench`: how leakradius's cost grows with the model. For generated
 * organisations of 100, 1,000 and 10,000 agents it times each phase in a
 * child process of its own (median of several runs, peak resident memory),
 * prints the growth exponent of each phase from 1,000 to 10,000 agents, the
 * percentiles of one leak with paths, the straightforward approach on a fixed
 * sample (extrapolated), and the bare js-yaml load of the same file that the
 * end-to-end target is measured against.
 *
 * Then the hostile shapes of src/bench/hostile.ts (rings, cliques, the limits).
 *
 *   npm run bench [-- --sizes 100,1000,10000] [--runs 5] [--seed 1] [--workflows 1000] [--no-hostile] [--write docs/performance.md]
 *   npm run bench -- --bars [--sizes 1000,10000]   # the bars alone, at the largest size
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, devNull, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModel, toYaml } from '../model/generate.js';
import { median } from './measure.js';
import { hostileReport, runHostile } from './hostile.js';
import { runImport, workflowRepository } from './import.js';
import { PHASES, type PhaseResult } from './phases.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const BENCH = join(ROOT, 'bin', 'bench.js');

interface Row {
  readonly key: string;
  readonly label: string;
  /** What the issue asks of it at 10,000 agents. */
  readonly target?: string;
}

const ROWS: readonly Row[] = [
  { key: 'yaml-load', label: 'bare js-yaml load (reference)' },
  { key: 'parse', label: 'YAML parse (events, checks, source map)' },
  { key: 'validate', label: 'validation (schema, references, defaults, relations)' },
  { key: 'load', label: 'parse + validation' },
  { key: 'graph', label: 'graph build (graphology)' },
  { key: 'index', label: 'reach index' },
  { key: 'worst-cases', label: 'worst-case leak of every credential', target: '< 300 ms, < 64 MB' },
  { key: 'rules', label: 'rules (all 16, analyses shared)' },
  { key: 'recommendations', label: 'recommendations (measured by re-simulation)' },
  { key: 'chokepoints', label: 'chokepoints (flow of 1,000 leaks, 15 cuts re-simulated)' },
  { key: 'report', label: '`report` end to end (CLI process, HTML written)' },
  { key: 'check', label: '`check` end to end (CLI process, SARIF)', target: '< 2 s, ≤ 2.5× bare load, < 400 MB' },
];

export async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--child') {
    const [, phase, file, runs] = argv;
    const result = await PHASES[phase](file, Number(runs));
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const options = parseOptions(argv);
  if (options.barsOnly && options.write) {
    process.stderr.write('leakradius bench: --write replaces every figure of the page; run it without --bars\n');
    process.exit(2);
  }
  const loadBefore = loadavg()[0];
  const results = new Map<string, Map<number, PhaseResult>>();
  const files = new Map<number, { file: string; bytes: number; credentials: number }>();
  for (const agents of options.sizes) {
    const { file, credentials } = modelFile(agents, options.seed);
    files.set(agents, { file, bytes: statSync(file).size, credentials });
    for (const phase of [...ROWS.map((r) => r.key), 'leak', 'tui', 'straightforward']) {
      if (phase === 'recommendations' && agents > options.recommendMax) continue;
      // The bars alone need only the TUI's turns at the largest size; the rest are measured by `measureBars`.
      if (options.barsOnly && (phase !== 'tui' || agents !== Math.max(...options.sizes))) continue;
      process.stderr.write(`  ${agents} agents: ${phase}…\n`);
      const result =
        phase === 'check'
          ? runCli(file, options.runs)
          : phase === 'report'
            ? await runReport(file)
            : runChild(
                phase,
                file,
                ['leak', 'tui', 'straightforward', 'recommendations', 'chokepoints'].includes(phase) ? 1 : options.runs,
              );
      if (!results.has(phase)) results.set(phase, new Map());
      results.get(phase)!.set(agents, result);
    }
  }
  // Recommendations grow faster than the rest: time them at half the largest size they run at too, for their growth.
  const half = Math.round(options.recommendMax / 2);
  if (half >= 10 && !options.barsOnly) {
    process.stderr.write(`  ${half} agents: recommendations…\n`);
    const { file } = modelFile(half, options.seed);
    if (!results.has('recommendations')) results.set('recommendations', new Map());
    results.get('recommendations')!.set(half, runChild('recommendations', file, 1));
  }
  const bars = measureBars(options, files);
  const bareBars = formatBars(bars, results, loadBefore);
  let report = options.barsOnly ? bareBars : `${formatReport(options, results, files)}\n${bareBars}`;
  if (options.workflows > 0 && !options.barsOnly) {
    process.stderr.write(`  import of ${options.workflows} workflow files…\n`);
    const folder = workflowRepository(options.workflows);
    const imported = runImport(join(ROOT, 'bin', 'leakradius.js'), folder, options.runs);
    const peak = Math.max(...imported.samples.map((s) => s.peakMb));
    report += `\`import\` of ${options.workflows.toLocaleString('en-US')} GitHub Actions workflow files (a repository folder, CLI process): ${ms(median(imported.samples.map((s) => s.ms)))} ms, ${Number.isNaN(peak) ? '?' : mb(peak)} MB peak.\n`;
  }
  if (options.hostile && !options.barsOnly)
    report += `\n${hostileReport(runHostile(join(ROOT, 'bin', 'leakradius.js'))).join('\n')}\n`;
  process.stdout.write(report);
  if (options.write) writeDocs(options.write, report);
}

interface Options {
  sizes: number[];
  /** Recommendations re-simulate the model once per candidate: run only up to this size. */
  recommendMax: number;
  runs: number;
  seed: number;
  write?: string;
  /** Seconds after which `recommend` is stopped (the bars: 10 s at 1,000 agents, 2 min at 10,000). */
  recommendLimit: number;
  /** Workflow files in the import bench (0: not run). */
  workflows: number;
  /** Only the bars (`--bars`): no phase table, no import, no hostile shapes. */
  barsOnly: boolean;
  /** Also time the hostile shapes (rings, cliques, the limits): on unless --no-hostile. */
  hostile: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [100, 1_000, 10_000],
    recommendMax: 100,
    runs: 5,
    seed: 1,
    recommendLimit: 150,
    workflows: 1_000,
    barsOnly: false,
    hostile: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--bars') {
      options.barsOnly = true;
      continue;
    }
    if (argv[i] === '--no-hostile') {
      options.hostile = false;
      continue;
    }
    if (argv[i] === '--sizes') options.sizes = value.split(',').map(Number);
    else if (argv[i] === '--runs') options.runs = Number(value);
    else if (argv[i] === '--recommend-max') options.recommendMax = Number(value);
    else if (argv[i] === '--seed') options.seed = Number(value);
    else if (argv[i] === '--write') options.write = value;
    else if (argv[i] === '--recommend-limit') options.recommendLimit = Number(value);
    else if (argv[i] === '--workflows') options.workflows = Number(value);
    else continue;
    i++;
  }
  return options;
}

/** The generated model of `agents` agents, written once per machine (the generator is deterministic). */
function modelFile(agents: number, seed: number): { file: string; credentials: number } {
  const dir = join(tmpdir(), 'leakradius-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `org-${agents}-seed-${seed}.yaml`);
  const model = generateModel({ agents, seed });
  const text = toYaml(model);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  return { file, credentials: model.credentials?.length ?? 0 };
}

function runChild(phase: string, file: string, runs: number): PhaseResult {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', BENCH, '--child', phase, file, String(runs)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`bench phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as PhaseResult;
}

const TIME = '/usr/bin/time';

/** `leakradius check` as CI runs it, in a process of its own: wall time, and peak resident memory where /usr/bin/time can tell. */
function runCli(file: string, runs: number): PhaseResult {
  const cli = join(ROOT, 'bin', 'leakradius.js');
  const args = ['check', file, '--format', 'sarif', '--output', devNull];
  const timed = existsSync(TIME);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const child = timed
      ? spawnSync(TIME, ['-f', 'maxrss %M', process.execPath, cli, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    const ms = performance.now() - start;
    if (child.status !== 0 && child.status !== 1)
      throw new Error(`leakradius check failed (exit ${child.status}):\n${child.stderr}`);
    const rss = /maxrss (\d+)/.exec(child.stderr ?? '');
    samples.push({ ms, peakMb: rss ? Number(rss[1]) / 1e3 : NaN, baseMb: 0 });
  }
  return { samples };
}

const CHROMIUM = '/usr/bin/chromium';

/**
 * `leakradius report` as a user runs it, once (it simulates every credential's leak): wall time, peak
 * memory, the size of the HTML; then, where Debian's Chromium is installed, how long the file takes to
 * open in it (until the graph is drawn).
 */
async function runReport(file: string): Promise<PhaseResult> {
  const cli = join(ROOT, 'bin', 'leakradius.js');
  const out = join(tmpdir(), 'leakradius-bench', `report-${process.pid}.html`);
  const args = ['report', file, '--out', out, '--today', '2026-01-01'];
  const timed = existsSync(TIME);
  const start = performance.now();
  const child = timed
    ? spawnSync(TIME, ['-f', 'maxrss %M', process.execPath, cli, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`leakradius report failed (exit ${child.status}):\n${child.stderr}`);
  const rss = /maxrss (\d+)/.exec(child.stderr ?? '');
  const notes: Record<string, number> = { bytes: statSync(out).size };
  if (existsSync(CHROMIUM)) notes.openMs = await openInChromium(out);
  rmSync(out, { force: true });
  return { samples: [{ ms, peakMb: rss ? Number(rss[1]) / 1e3 : NaN, baseMb: 0 }], notes };
}

/** Milliseconds from navigation until the report's graph is drawn, in headless Chromium with the network off. */
async function openInChromium(file: string): Promise<number> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await (await browser.newContext({ offline: true })).newPage();
    const start = performance.now();
    await page.goto(`file://${file}`, { timeout: 300_000 });
    await page.waitForSelector('.graph[data-rendered]', { timeout: 300_000 });
    return performance.now() - start;
  } finally {
    await browser.close();
  }
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const mb = (value: number) => value.toFixed(0);

function formatReport(
  options: Options,
  results: Map<string, Map<number, PhaseResult>>,
  files: Map<number, { bytes: number; credentials: number }>,
): string {
  const sizes = options.sizes;
  const [small, large] = sizes.length >= 2 ? sizes.slice(-2) : [sizes[0], sizes[0]];
  const time = (key: string, n: number) => {
    const r = results.get(key)?.get(n);
    return r ? median(r.samples.map((s) => s.ms)) : undefined;
  };
  const peak = (key: string, n: number) => {
    const r = results.get(key)?.get(n);
    return r ? Math.max(0, ...r.samples.map((s) => s.peakMb - s.baseMb)) : undefined;
  };
  const absolutePeak = (key: string, n: number) => {
    const r = results.get(key)?.get(n);
    return r ? Math.max(...r.samples.map((s) => s.peakMb)) : undefined;
  };
  const exponent = (key: string) => {
    const a = time(key, small);
    const b = time(key, large);
    if (a !== undefined && b !== undefined && large > small) return Math.log(b / a) / Math.log(large / small);
    // A phase run only on smaller models: its growth between the two largest it ran at.
    const ran = sizes.filter((n) => time(key, n) !== undefined);
    if (ran.length < 2) return undefined;
    const [x, y] = ran.slice(-2);
    return Math.log(time(key, y)! / time(key, x)!) / Math.log(y / x);
  };
  const lines: string[] = [];
  lines.push(
    `leakradius bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, seed ${options.seed}, median of ${options.runs} runs per phase`,
  );
  lines.push('');
  lines.push(`| model | ${sizes.map((n) => `${n.toLocaleString('en-US')} agents`).join(' | ')} |`);
  lines.push(`|---|${sizes.map(() => '---:').join('|')}|`);
  lines.push(
    `| file | ${sizes.map((n) => `${(files.get(n)!.bytes / 1e6).toFixed(1)} MB, ${files.get(n)!.credentials.toLocaleString('en-US')} credentials`).join(' | ')} |`,
  );
  lines.push('');
  lines.push(
    `| phase | ${sizes.map((n) => `${n.toLocaleString('en-US')}: ms / MB`).join(' | ')} | growth ${small.toLocaleString('en-US')}→${large.toLocaleString('en-US')} | target at 10,000 |`,
  );
  lines.push(`|---|${sizes.map(() => '---:').join('|')}|---:|---|`);
  for (const row of ROWS) {
    if (!results.has(row.key)) {
      lines.push(`| ${row.label} | ${sizes.map(() => 'not run').join(' | ')} | | ${row.target ?? ''} |`);
      continue;
    }
    const cells = sizes.map((n) =>
      results.get(row.key)!.has(n)
        ? `${ms(time(row.key, n)!)} / ${mb(row.key === 'check' ? absolutePeak(row.key, n)! : peak(row.key, n)!)}`
        : 'not run',
    );
    const e = exponent(row.key);
    lines.push(
      `| ${row.label} | ${cells.join(' | ')} | ${e === undefined ? '' : `n^${e.toFixed(2)}${e > 1.15 ? ' ⚠' : ''}`} | ${row.target ?? ''} |`,
    );
  }
  lines.push('');
  lines.push(
    'ms: median wall time of the phase; MB: peak resident memory the phase adds over its inputs (check: of the whole process).',
  );
  lines.push(
    'growth: exponent k of time ∝ agents^k; n log n from 1,000 to 10,000 agents is about n^1.12, ⚠ marks faster growth.',
  );
  lines.push('');
  const leak = results.get('leak');
  if (leak) {
    lines.push(
      `One leak with paths (fixed sample of up to 1,000 credentials): ${sizes
        .map((n) => {
          const notes = leak.get(n)!.notes!;
          return `${n.toLocaleString('en-US')} agents p50 ${ms(notes.p50 as number)} ms, p95 ${ms(notes.p95 as number)} ms, p99 ${ms(notes.p99 as number)} ms`;
        })
        .join('; ')} (target: p95 < 5 ms).`,
    );
  }
  const tui = results.get('tui');
  if (tui) {
    lines.push(
      `TUI background work, longest turn of the event loop (a key waits at most that long, plus one frame): ${sizes
        .map((n) => {
          const notes = tui.get(n)!.notes!;
          return `${n.toLocaleString('en-US')} agents: on open ${ms(notes.openLongestTurnMs as number)} ms (all settled in ${ms(notes.openSettledMs as number)} ms), after a what-if change ${ms(notes.whatIfLongestTurnMs as number)} ms (settled in ${ms(notes.whatIfSettledMs as number)} ms)`;
        })
        .join('; ')} (targets: no turn over 100 ms, a what-if edit under 50 ms).`,
    );
  }
  const straight = results.get('straightforward');
  if (straight) {
    for (const n of sizes) {
      const notes = straight.get(n)!.notes!;
      const bulk = time('worst-cases', n)!;
      const extrapolated = notes.extrapolatedMs as number;
      lines.push(
        `Straightforward approach at ${n.toLocaleString('en-US')} agents (one search per credential over the graphology graph, nothing shared; ${notes.sampled} sampled of ${notes.credentials}): ${ms(notes.perCredentialMs as number)} ms a credential, ${ms(extrapolated / 1000)} s for all, ${Math.round(extrapolated / bulk).toLocaleString('en-US')}× the shared closure; same answers on the sample: ${notes.disagree === 0 ? 'yes' : `no (${notes.disagree} differ)`}.`,
      );
    }
  }
  const recs = results.get('recommendations');
  if (recs && recs.size >= 2) {
    const [x, y] = [...recs.keys()].sort((a, b) => a - b).slice(-2);
    const [tx, ty] = [time('recommendations', x)!, time('recommendations', y)!];
    lines.push(
      `Recommendations at ${x} and ${y} agents: ${(tx / 1000).toFixed(1)} s and ${(ty / 1000).toFixed(1)} s, growth n^${(Math.log(ty / tx) / Math.log(y / x)).toFixed(2)}: each candidate change is measured by re-running the worst case of the whole model (not run above ${options.recommendMax} agents; see docs/performance.md).`,
    );
  }
  const report = results.get('report');
  if (report) {
    lines.push(
      `\`report\`: ${sizes
        .filter((n) => report.has(n))
        .map((n) => {
          const notes = report.get(n)!.notes!;
          const open =
            notes.openMs === undefined
              ? 'not opened (no Chromium)'
              : `opens in ${ms(notes.openMs as number)} ms in headless Chromium`;
          return `${n.toLocaleString('en-US')} agents ${((notes.bytes as number) / 1e6).toFixed(1)} MB of HTML, ${open}`;
        })
        .join('; ')} (target at 10,000: opens under 5 s).`,
    );
  }
  const bare = time('yaml-load', large);
  const loadTime = time('load', large);
  if (bare && loadTime)
    lines.push(
      `Parse + validation at ${large.toLocaleString('en-US')} agents: ${(loadTime / bare).toFixed(2)}× the bare js-yaml load of the same file.`,
    );
  const check = time('check', large);
  if (bare && check)
    lines.push(
      `\`check\` end to end at ${large.toLocaleString('en-US')} agents: ${(check / bare).toFixed(2)}× the bare js-yaml load (target ≤ 2.5×).`,
    );
  return `${lines.join('\n')}\n`;
}

interface ProcessRun {
  readonly ms: number;
  readonly peakMb: number;
  readonly status: number | null;
}

/** One process, timed from spawn to exit, with its peak resident memory where /usr/bin/time can tell. */
function timeProcess(args: readonly string[], timeoutMs?: number): ProcessRun {
  // With a time limit, node runs without /usr/bin/time: stopping `time` would leave node running.
  const timed = existsSync(TIME) && timeoutMs === undefined;
  const start = performance.now();
  const child = timed
    ? spawnSync(TIME, ['-f', 'maxrss %M', process.execPath, ...args], {
        encoding: 'utf8',
        cwd: ROOT,
        timeout: timeoutMs,
        maxBuffer: 256 * 1024 * 1024,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, timeout: timeoutMs });
  const ms = performance.now() - start;
  const rss = /maxrss (\d+)/.exec(child.stderr ?? '');
  return { ms, peakMb: rss ? Number(rss[1]) / 1e3 : NaN, status: child.status };
}

function medianRun(runs: number, args: readonly string[]): { ms: number; peakMb: number } {
  const samples = Array.from({ length: runs }, () => timeProcess(args));
  return { ms: median(samples.map((r) => r.ms)), peakMb: Math.max(...samples.map((r) => r.peakMb)) };
}

/** The figures the bars are set on, at the largest size (recommend at 1,000 agents too). */
interface Bars {
  readonly agents: number;
  readonly bare: { ms: number; peakMb: number };
  readonly check: { ms: number; peakMb: number };
  readonly sarif: { results: number; findings: number; bytes: number; gzipped: number; leftOut: boolean };
  readonly version: { ms: number };
  readonly node: { ms: number };
  readonly recommend: { agents: number; ms: number; finished: boolean; limitMs: number }[];
}

function measureBars(options: Options, files: Map<number, { file: string }>): Bars {
  const agents = Math.max(...options.sizes);
  const file = files.get(agents)!.file;
  const cli = join(ROOT, 'bin', 'leakradius.js');
  process.stderr.write(`  ${agents} agents: the bars (bare load, check, SARIF, --version, recommend)…\n`);
  const bareScript = `import { load } from 'js-yaml'; import { readFileSync } from 'node:fs'; load(readFileSync(${JSON.stringify(file)}, 'utf8'));`;
  const bare = medianRun(options.runs, ['--input-type=module', '-e', bareScript]);
  const check = medianRun(options.runs, [cli, 'check', file, '--format', 'sarif', '--output', devNull]);
  const out = join(tmpdir(), 'leakradius-bench', `check-${agents}.sarif`);
  timeProcess([cli, 'check', file, '--format', 'sarif', '--output', out]);
  const text = readFileSync(out);
  const log = JSON.parse(text.toString('utf8')) as {
    runs: { results: { properties?: { count?: number } }[]; invocations?: unknown[] }[];
  };
  const results = log.runs[0].results;
  const sarif = {
    results: results.length,
    findings: results.reduce((n, r) => n + (r.properties?.count ?? 1), 0),
    bytes: text.length,
    gzipped: gzipSync(text).length,
    leftOut: (log.runs[0].invocations?.length ?? 0) > 0,
  };
  const version = medianRun(Math.max(options.runs, 5), [cli, '--version']);
  const node = medianRun(Math.max(options.runs, 5), ['-e', '0']);
  const recommend = [1_000, agents]
    .filter((n, i, all) => files.has(n) && all.indexOf(n) === i && options.recommendLimit > 0)
    .map((n) => {
      const limitMs = (n <= 1_000 ? Math.min(30, options.recommendLimit) : options.recommendLimit) * 1000;
      const run = timeProcess([cli, 'recommend', files.get(n)!.file, '--output', devNull], limitMs);
      return { agents: n, ms: run.ms, finished: run.status === 0 || run.status === 1, limitMs };
    });
  return { agents, bare, check, sarif, version, node, recommend };
}

function formatBars(bars: Bars, results: Map<string, Map<number, PhaseResult>>, loadBefore: number): string {
  const n = bars.agents.toLocaleString('en-US');
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  const holds = (ok: boolean) => (ok ? 'yes' : '**no**');
  const lines = [
    `Bars at ${n} agents, each beside its figure (same run; machine load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${cpus().length} cores):`,
    '',
    '| bar | measured | holds? |',
    '|---|---|---|',
  ];
  const ratio = bars.check.ms / bars.bare.ms;
  lines.push(
    `| \`check --format sarif\` wall ≤ 2× the bare js-yaml load | ${seconds(bars.check.ms)}, ${ratio.toFixed(2)}× the bare load's ${seconds(bars.bare.ms)} (both whole processes) | ${holds(ratio <= 2)} |`,
  );
  lines.push(
    `| \`check\` peak RSS ≤ the bare load's | ${mb(bars.check.peakMb)} MB against ${mb(bars.bare.peakMb)} MB (${(bars.check.peakMb / bars.bare.peakMb).toFixed(2)}×) | ${holds(bars.check.peakMb <= bars.bare.peakMb)} |`,
  );
  const s = bars.sarif;
  lines.push(
    `| SARIF usable by code scanning: ≤ 25,000 results (5,000 shown), ≤ 10 MB gzipped | ${s.results.toLocaleString('en-US')} results for ${s.findings.toLocaleString('en-US')} findings, ${(s.bytes / 1e6).toFixed(1)} MB, ${(s.gzipped / 1e6).toFixed(2)} MB gzipped${s.leftOut ? '; some causes left out, as the run says' : ''} | ${holds(s.results <= 5_000 && s.gzipped <= 10e6)} |`,
  );
  for (const r of bars.recommend) {
    const bar = r.agents <= 1_000 ? 10_000 : 120_000;
    lines.push(
      `| \`recommend\` at ${r.agents.toLocaleString('en-US')} agents ≤ ${r.agents <= 1_000 ? '10 s' : '2 min'} | ${r.finished ? seconds(r.ms) : `stopped after ${seconds(r.limitMs)}, not finished`} | ${holds(r.finished && r.ms <= bar)} |`,
    );
  }
  if (bars.recommend.length === 0) lines.push('| `recommend` ≤ 10 s at 1,000 agents, ≤ 2 min at 10,000 | not run | |');
  const tui = results.get('tui')?.get(bars.agents)?.notes;
  if (tui) {
    const open = tui.openLongestTurnMs as number;
    const after = tui.whatIfLongestTurnMs as number;
    lines.push(
      `| TUI: longest input-thread turn on open / after a what-if ≤ 100 ms | ${ms(open)} ms / ${ms(after)} ms (every turn of the event loop, opening the session included: ${ms(tui.openMs as number)} ms; the file's load before it not counted) | ${holds(open <= 100 && after <= 100)} |`,
    );
    const window = tui.whatIfWindowMs as number;
    const settled = tui.whatIfSettledMs as number;
    lines.push(
      `| TUI what-if: the edited credential's new window ≤ 50 ms; the whole model settled ≤ 3 s | ${ms(window)} ms; ${seconds(settled)} | ${holds(window <= 50 && settled <= 3_000)} |`,
    );
  }
  lines.push(
    `| \`leakradius --version\` ≤ 0.15 s | ${seconds(bars.version.ms)} (bare \`node -e 0\`: ${seconds(bars.node.ms)}, ${(bars.version.ms / bars.node.ms).toFixed(2)}×) | ${holds(bars.version.ms <= 150)} |`,
  );
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the figures between the bench markers of a Markdown file. */
function writeDocs(file: string, report: string): void {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} … ${END} section`);
  writeFileSync(file, `${text.slice(0, from + START.length)}\n\n${report}\n${text.slice(to)}`);
}
