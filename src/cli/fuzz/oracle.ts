/**
 * Runs leakradius's commands on one mutant, in this process, as CI would run
 * them (validate; check in every format; simulate; graph; delegation;
 * recommend with its --write round trip; a scenario's simulate; check with a
 * policy), and says what went wrong: a fault (exit 3), an exit 2 without a
 * position, output that breaks its reader (JSON that does not parse, XML
 * that is not well formed, a control character or a workflow command on a
 * CI log, a link in Markdown), a file written or a secret echoed that the
 * command was not asked for, a model that --write leaves invalid, or a
 * command slow enough to be a hang.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../model/load.js';
import { runCli } from '../main.js';
import { EXIT, type Shell } from '../shell.js';
import type { InputKind, Mutant } from './mutate.js';

/** What the outside world must never see: planted outside the working folder, beside it. */
export const CANARY = 'CANARY-7f3a9c-NEVER-ECHO';

export interface Failure {
  /** Command and kind of failure, with the message reduced to its shape: the same bug gives the same signature. */
  readonly signature: string;
  readonly detail: string;
}

export interface Workspace {
  /** The working folder (a repository: it holds .git); every command runs here. */
  readonly root: string;
}

/** Processor time one command may take before it counts as a hang (in-process, so measured after the fact). */
export const SLOW_MS = 10_000;

/**
 * Recommendations re-run the worst case of the whole model for every
 * candidate change (quadratic: docs/performance.md): the round trip is tried
 * on mutants up to this many agents and credentials.
 */
const RECOMMEND_MAX_ELEMENTS = 40;

interface Run {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Processor time, user and system: what the command costs whatever else the machine runs. */
  readonly ms: number;
}

type Format =
  | 'text'
  | 'json'
  | 'sarif'
  | 'junit'
  | 'markdown'
  | 'github'
  | 'dot'
  | 'mermaid'
  | 'opengraph'
  | 'gexf'
  | 'html'
  | 'yaml-patch';

/** Where a mutant of each kind is written, relative to the workspace. */
export const MUTANT_FILE: Record<InputKind, string> = {
  model: 'mutants/m.yaml',
  scenario: 'scenarios/mutant.yaml',
  policy: 'mutants/policy.yaml',
};

export async function examine(ws: Workspace, mutant: Mutant, index: number): Promise<Failure[]> {
  const file = MUTANT_FILE[mutant.kind];
  writeFileSync(join(ws.root, file), mutant.bytes);
  const failures: Failure[] = [];
  const run = async (args: readonly string[], format: Format, allowed: readonly number[], outputs: string[] = []) => {
    const before = listing(ws.root);
    const r = await runIn(args);
    for (const f of judge(r, format, allowed)) failures.push(f);
    const after = listing(ws.root);
    const extra = [...after].filter((f) => !before.has(f) && !outputs.includes(f));
    if (extra.length > 0) failures.push(fail(args, 'wrote a file it was not asked to write', extra.join(', ')));
    return r;
  };
  try {
    if (mutant.kind === 'model') await examineModel(file, index, run, failures);
    else if (mutant.kind === 'scenario') {
      await run(['validate', file], 'text', [0, 2]);
      await run(['simulate', file], 'text', [0, 2]);
      await run(['simulate', file, '--format', 'json'], 'json', [0, 2]);
    } else {
      await run(['validate', file], 'text', [0, 2]);
      await run(['check', 'models/coding-agent.yaml', '--policy', file, '--format', 'json'], 'json', [0, 1, 2]);
    }
  } finally {
    for (const out of ['mutants/out.yaml', 'mutants/report.txt', 'mutants/again.yaml'])
      rmSync(join(ws.root, out), { force: true });
  }
  return failures;
}

type Runner = (args: readonly string[], format: Format, allowed: readonly number[], outputs?: string[]) => Promise<Run>;

/**
 * A valid model goes through every command; to keep a mutant cheap, each one
 * gets `check` as text and JSON (twice: the same bytes) plus one other format,
 * one graph format, and one mutant in four the recommend --write round trip,
 * chosen by its number, so every format is tried every few mutants.
 */
async function examineModel(file: string, index: number, run: Runner, failures: Failure[]): Promise<void> {
  const valid = await run(['validate', file], 'text', [0, 2]);
  if (index % 4 === 1) await run(['validate', file, '--format', 'json'], 'json', [0, 2]);
  if (valid.code !== 0) {
    // An invalid model is refused the same way by every command.
    await run(['check', file, '--format', 'sarif'], 'sarif', [2]);
    return;
  }
  await run(['check', file], 'text', [0, 1]);
  const formats = ['sarif', 'junit', 'markdown', 'github'] as const;
  const format = formats[index % formats.length];
  await run(['check', file, '--format', format], format, [0, 1]);
  const first = await run(['check', file, '--format', 'json'], 'json', [0, 1]);
  const again = await run(['check', file, '--format', 'json'], 'json', [0, 1]);
  if (again.stdout !== first.stdout) failures.push(fail(['check'], 'output differs between two runs', ''));
  const loaded = loadModel(file, readFileSync(file, 'utf8'));
  const credentials = loaded.ok ? loaded.loaded.model.credentials : [];
  if (credentials.length > 0) {
    const credential = credentials[index % credentials.length].id;
    await run(['simulate', file, '--leak', credential], 'text', [0]);
    if (index % 2 === 0) await run(['simulate', file, '--leak', credential, '--format', 'json'], 'json', [0]);
  }
  const graph = (['json', 'dot', 'mermaid', 'opengraph', 'gexf'] as const)[index % 5];
  await run(['graph', file, '--format', graph], graph, [0]);
  if (index % 8 === 3) await run(['report', file, '--recommendations', 'off'], 'html', [0]);
  await run(
    ['delegation', file, ...(index % 2 === 0 ? [] : ['--format', 'json'])],
    index % 2 === 0 ? 'text' : 'json',
    [0],
  );
  const elements = loaded.ok ? loaded.loaded.model.agents.length + credentials.length : 0;
  if (index % 4 === 0 && elements <= RECOMMEND_MAX_ELEMENTS) await recommendRoundTrip(file, run, failures);
}

/** `recommend --write`: the input untouched, the written model valid, and recommend runs on it too. */
async function recommendRoundTrip(file: string, run: Runner, failures: Failure[]): Promise<void> {
  const before = readFileSync(file);
  const rec = await run(
    ['recommend', file, '--write', 'mutants/out.yaml', '-o', 'mutants/report.txt'],
    'text',
    [0],
    ['mutants/out.yaml', 'mutants/report.txt'],
  );
  if (!readFileSync(file).equals(before)) failures.push(fail(['recommend'], 'changed its input', ''));
  if (rec.code !== 0) return;
  const written = await run(['validate', 'mutants/out.yaml'], 'text', [0]);
  if (written.code === 0) await run(['recommend', 'mutants/out.yaml', '--format', 'yaml-patch'], 'yaml-patch', [0]);
}

async function runIn(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const shell: Shell = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false, columns: 80 },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    stdin: { isTTY: false },
    env: { NO_COLOR: '1' },
    exitCode: EXIT.ok,
  };
  const started = process.cpuUsage();
  const code = await runCli(args, shell);
  const used = process.cpuUsage(started);
  return { args, code, stdout, stderr, ms: (used.user + used.system) / 1000 };
}

/** Every failure one run shows. */
function judge(r: Run, format: Format, allowed: readonly number[]): Failure[] {
  const out: Failure[] = [];
  const add = (kind: string, detail: string) => out.push(fail(r.args, kind, detail));
  if (r.code === EXIT.internal) add('fault (exit 3)', firstLine(r.stderr));
  else if (!allowed.includes(r.code)) add(`exit ${r.code}`, firstLine(r.stderr) || firstLine(r.stdout));
  if (r.code === EXIT.invalid && !located(r, format)) add('exit 2 without a position', firstLine(r.stderr));
  if (r.ms > SLOW_MS) add('slow (a hang?)', `${Math.round(r.ms)} ms of processor time`);
  if (r.stdout.includes(CANARY) || r.stderr.includes(CANARY)) add('echoed a file outside the repository', '');
  if (format !== 'github') {
    for (const [name, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
    ] as const) {
      const bad = unsafeForLog(text);
      if (bad) add(`${name}: ${bad}`, lineWith(text, bad));
    }
  } else if (/##\[/.test(r.stderr) || /^\s*::/m.test(r.stderr)) add('stderr: a workflow command', firstLine(r.stderr));
  if (r.code === EXIT.ok || r.code === EXIT.findings) {
    const problem = readerProblem(r.stdout, format);
    if (problem) add(`${format} output: ${problem}`, '');
  }
  return out;
}

/** Whether an exit 2 says where: `file:line:col:` on stderr, a usage message, or positions in a JSON report. */
function located(r: Run, format: Format): boolean {
  if (/:\d+:\d+: |^leakradius: /m.test(r.stderr)) return true;
  if (format !== 'json') return false;
  try {
    const report = JSON.parse(r.stdout) as { files?: { diagnostics?: { line?: number }[] }[]; errors?: unknown[] };
    return (
      (report.files ?? []).some((f) => (f.diagnostics ?? []).some((d) => (d.line ?? 0) > 0)) ||
      (report.errors ?? []).length > 0
    );
  } catch {
    return false;
  }
}

/** What a CI log or a terminal must not get: controls, invisible characters, workflow commands. */
function unsafeForLog(text: string): string | undefined {
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) return 'a control character';
  if (/[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/.test(text))
    return 'an invisible or bidirectional character';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) return 'a lone surrogate';
  if (/^\s*::/m.test(text)) return 'a line starting with ::';
  if (text.includes('##[')) return '##[';
  return undefined;
}

let xmlParser: ((xml: string) => string | undefined) | undefined;

/** Whether the report parses as what it claims to be. */
function readerProblem(text: string, format: Format): string | undefined {
  try {
    if (format === 'json' || format === 'sarif' || format === 'opengraph') {
      const value = JSON.parse(text) as { version?: string };
      if (format === 'sarif' && value.version !== '2.1.0') return 'not SARIF 2.1.0';
    }
  } catch (error) {
    return `does not parse (${(error as Error).message.slice(0, 60)})`;
  }
  if (format === 'junit' || format === 'gexf') return xmlParser?.(text);
  if (format === 'html' && /<script>alert|<!--\]\]>/.test(text)) return 'markup from the model';
  if (format === 'markdown' && /https?:\/\/|www\./i.test(text)) return 'a link GitHub would make';
  return undefined;
}

/** jsdom's XML parser, loaded once (a development dependency, so only the fuzzer loads it). */
export async function loadXmlParser(): Promise<void> {
  const { JSDOM } = await import('jsdom');
  xmlParser = (xml) => {
    try {
      new JSDOM(xml, { contentType: 'application/xml' });
      return undefined;
    } catch (error) {
      return `not well-formed XML (${(error as Error).message.replace(/^about:blank:\d+:\d+: /, '')})`;
    }
  };
}

function fail(args: readonly string[], kind: string, detail: string): Failure {
  const command = [
    args[0],
    ...args.filter((a) => a.startsWith('--format')).map(() => args[args.indexOf('--format') + 1]),
  ]
    .filter(Boolean)
    .join(' ');
  return { signature: `${command} | ${kind} | ${shape(detail)}`, detail: `${args.join(' ')}: ${kind}: ${detail}` };
}

/** A message with its particulars (numbers, quoted values, paths) taken out. */
function shape(text: string): string {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/[0-9]+/g, 'N')
    .replace(/\S*\.ya?ml/g, 'FILE')
    .slice(0, 120);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.slice(0, 300) ?? ''
  );
}

function lineWith(text: string, what: string): string {
  return JSON.stringify(
    text
      .split('\n')
      .find((l) => unsafeForLog(l) === what)
      ?.slice(0, 200) ?? '',
  );
}

function listing(root: string): Set<string> {
  const out = new Set<string>();
  for (const dir of ['', 'mutants', 'scenarios', 'models']) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full)) out.add(dir === '' ? name : `${dir}/${name}`);
  }
  return out;
}
