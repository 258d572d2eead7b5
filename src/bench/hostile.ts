/**
 * Shapes a hostile pull request can give a model, timed by `npm run bench`
 * as CI meets them: `leakradius validate` and `leakradius check`, each a
 * process of its own (wall time, peak memory, exit code). Rings and cliques
 * of agents passing their credentials on by passthrough delegation (a ring
 * of 400 once took 52 s to validate), an MCP configuration of thousands of
 * servers (its import was once quadratic), the largest compact model the
 * limits accept, and one past them (refused before it is parsed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostileShape {
  readonly key: string;
  readonly label: string;
  readonly yaml: () => string;
  /** An MCP configuration rather than a model: `import` is timed instead of `validate`. */
  readonly config?: boolean;
}

/** n agents each holding its own key (granting read on a shared store), delegating by passthrough around a ring or to all the others. */
export function passthroughModel(n: number, shape: 'ring' | 'clique'): string {
  const lines = ['version: 1', 'resources:', '  - { id: store, kind: database, sensitivity: high }', 'agents:'];
  for (let i = 0; i < n; i++) {
    const to = shape === 'ring' ? [(i + 1) % n] : Array.from({ length: n - 1 }, (_, j) => (j < i ? j : j + 1));
    lines.push(
      `  - { id: a${i}, credentials: [k${i}], delegates: [${to.map((j) => `{ to: a${j}, mode: passthrough }`).join(', ')}] }`,
    );
  }
  lines.push('credentials:');
  for (let i = 0; i < n; i++)
    lines.push(`  - { id: k${i}, ttl: never, exposure: [logs], grants: [{ resource: store, actions: [read] }] }`);
  return `${lines.join('\n')}\n`;
}

/** Agents and long-lived keys written as tightly as YAML allows: about 19 nodes and 100 bytes a pair. */
export function compactModel(pairs: number): string {
  const agents: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < pairs; i++) {
    agents.push(`- {id: a${i}, credentials: [k${i}]}`);
    credentials.push(`- {id: k${i}, ttl: never, grants: [{resource: s, actions: [read]}]}`);
  }
  return `version: 1\nresources:\n- {id: s, kind: db, sensitivity: low}\nagents:\n${agents.join('\n')}\ncredentials:\n${credentials.join('\n')}\n`;
}

/** An MCP configuration of `n` servers, each with a token read from the environment: one agent holds them all. */
export function mcpConfig(n: number): string {
  const servers = Array.from(
    { length: n },
    (_, i) => `"s${i}": { "command": "npx", "args": ["-y", "server-${i}"], "env": { "GITHUB_TOKEN": "\${GH${i}}" } }`,
  );
  return `{ "mcpServers": {\n${servers.join(',\n')}\n} }\n`;
}

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  { key: 'ring-400', label: 'passthrough ring of 400 agents', yaml: () => passthroughModel(400, 'ring') },
  {
    key: 'ring-1500',
    label: 'passthrough ring of 1,500 agents (2.25 million pairs)',
    yaml: () => passthroughModel(1500, 'ring'),
  },
  { key: 'clique-60', label: 'all-to-all passthrough, 60 agents', yaml: () => passthroughModel(60, 'clique') },
  {
    key: 'clique-300',
    label: 'all-to-all passthrough, 300 agents (89,700 delegations)',
    yaml: () => passthroughModel(300, 'clique'),
  },
  {
    key: 'compact-200k',
    label: 'compact model, 200,000 agents and keys (3.8 million nodes)',
    yaml: () => compactModel(200_000),
  },
  {
    key: 'mcp-20k',
    label: 'MCP configuration of 20,000 servers (imported and checked)',
    yaml: () => mcpConfig(20_000),
    config: true,
  },
  {
    key: 'compact-500k',
    label: 'compact model, 500,000 agents and keys (past the limits)',
    yaml: () => compactModel(500_000),
  },
];

export interface HostileRun {
  readonly command: string;
  readonly ms: number;
  readonly peakMb: number;
  readonly exit: number | null;
  readonly message: string;
}

/** Writes each shape once to the system's temporary folder and runs validate and check on it. */
export function runHostile(
  cli: string,
  shapes: readonly HostileShape[] = HOSTILE_SHAPES,
): Map<string, { bytes: number; runs: HostileRun[] }> {
  const dir = join(tmpdir(), 'leakradius-bench');
  mkdirSync(dir, { recursive: true });
  const out = new Map<string, { bytes: number; runs: HostileRun[] }>();
  for (const shape of shapes) {
    process.stderr.write(`  hostile: ${shape.key}…\n`);
    const file = join(dir, `hostile-${shape.key}${shape.config ? '.mcp.json' : '.yaml'}`);
    if (!existsSync(file)) writeFileSync(file, shape.yaml());
    const runs = [
      shape.config ? timed(cli, ['import', file, '--out', devNull]) : timed(cli, ['validate', file]),
      timed(cli, ['check', file, '--format', 'sarif', '--output', devNull]),
    ];
    out.set(shape.key, { bytes: statSync(file).size, runs });
  }
  return out;
}

function timed(cli: string, args: readonly string[]): HostileRun {
  const withTime = existsSync('/usr/bin/time');
  const start = performance.now();
  const child = withTime
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, cli, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  const rss = /maxrss (\d+)/.exec(child.stderr ?? '');
  const message = (child.stderr ?? '').split('\n').find((l) => l !== '' && !l.startsWith('maxrss')) ?? '';
  return { command: args[0], ms, peakMb: rss ? Number(rss[1]) / 1e3 : NaN, exit: child.status, message };
}

/** The section of the report: one row per shape. */
export function hostileReport(
  results: Map<string, { bytes: number; runs: HostileRun[] }>,
  shapes: readonly HostileShape[] = HOSTILE_SHAPES,
): string[] {
  const lines = [
    'Hostile shapes (each command a process of its own; wall ms / peak MB, exit code):',
    '',
    '| shape | file | `validate` (`import` of a configuration) | `check` (SARIF) |',
    '|---|---:|---:|---:|',
  ];
  for (const shape of shapes) {
    const r = results.get(shape.key);
    if (!r) continue;
    const cell = (run: HostileRun) => `${run.ms.toFixed(0)} / ${run.peakMb.toFixed(0)}, exit ${run.exit}`;
    lines.push(`| ${shape.label} | ${(r.bytes / 1e6).toFixed(1)} MB | ${cell(r.runs[0])} | ${cell(r.runs[1])} |`);
  }
  const refused = shapes.flatMap(
    (s) =>
      results
        .get(s.key)
        ?.runs.filter((x) => x.exit === 2)
        .map((x) => `${s.key}: ${x.message}`) ?? [],
  );
  if (refused.length > 0) lines.push('', ...[...new Set(refused)].map((m) => `refused: ${m}`));
  return lines;
}
