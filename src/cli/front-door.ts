/**
 * What `leakradius` with no command starts from: the default models (./models,
 * else the bundled examples) and, where the TUI cannot run (no terminal), a
 * short summary of the default model. The TUI itself opens from ./tui.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareAnalysis } from '../analyses/context.js';
import { hijackCases } from '../analyses/simulation/hijack.js';
import { modelRisk } from '../analyses/simulation/risk.js';
import { worstCases } from '../analyses/simulation/worst-case.js';
import { formatDuration, UNBOUNDED } from '../model/duration.js';
import { formatScore } from '../reports/simulation.js';
import { pad } from '../reports/layout.js';
import { safeInline } from '../reports/terminal.js';
import { collectModelFiles } from './inputs.js';
import { displayPath, requireModel } from './io.js';
import { styleFor, type Shell } from './shell.js';

/** The examples shipped with leakradius, wherever it is installed. */
export const BUNDLED_MODELS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');

/** Models in ./models when the working directory has some, else the bundled examples. */
export function defaultModelFiles(): string[] {
  const local = resolve('models');
  if (existsSync(local)) {
    const { files } = collectModelFiles([local]);
    if (files.length > 0) return files;
  }
  return collectModelFiles([BUNDLED_MODELS]).files;
}

/** The model a bare `leakradius` summarises: coding-agent.yaml when present, else the first. */
export function defaultModelFile(files: readonly string[] = defaultModelFiles()): string | undefined {
  return files.find((f) => f.endsWith('/coding-agent.yaml') || f === 'coding-agent.yaml') ?? files[0];
}

export function printSummary(shell: Shell, file: string): void {
  const style = styleFor(shell);
  const loaded = requireModel(file);
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  const cases = worstCases(ctx).sort(
    (a, b) => b.timeWeightedScore - a.timeWeightedScore || (a.credential < b.credential ? -1 : 1),
  );
  const m = loaded.model;
  const risk = modelRisk(cases, hijackCases(ctx));
  const lines = [
    style.bold(`${safeInline(m.name)}`) + style.dim(` (${displayPath(file)})`),
    `${m.agents.length} agents, ${m.tools.length} tools, ${m.resources.length} resources, ${m.credentials.length} credentials, ${m.workflows.length} workflows`,
    `total risk ${style.bold(formatScore(risk.total))} = leaked copy ${formatScore(risk.leakedCopy.total)} + hijacked agent ${formatScore(risk.hijackedAgent.total)}` +
      style.dim(' (sums of worst-case time-weighted scores: each credential leaked, each agent hijacked)'),
    '',
    style.bold('Riskiest credentials if leaked now') + style.dim(' (external attacker, worst channel)'),
  ];
  for (const c of cases.slice(0, 5)) {
    const window = c.exposureWindow === UNBOUNDED ? 'unbounded' : formatDuration(c.exposureWindow);
    lines.push(
      `  ${pad(safeInline(c.credential), 24)} exposure ${window.padEnd(9)} blast radius ${String(c.score).padStart(4)}  time-weighted ${formatScore(c.timeWeightedScore)}`,
    );
  }
  lines.push(
    '',
    `Next: leakradius simulate ${displayPath(file)} --leak <credential>   (what one leak reaches, and for how long)`,
    `      leakradius check ${displayPath(dirname(file))}                   (the CI gate)`,
    '      leakradius --help',
  );
  shell.stdout.write(`${lines.join('\n')}\n`);
}
