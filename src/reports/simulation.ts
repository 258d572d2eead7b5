/**
 * The leak simulation as text for a person and as JSON for machines. The JSON
 * shape is documented in docs/simulation.md and kept stable: times are whole
 * seconds from the moment the leaked instance was issued, `null` for never.
 */
import { UNBOUNDED, formatDuration, type Seconds } from '../model/duration.js';
import type { Assumption, Model } from '../model/types.js';
import type { HijackResult } from '../analyses/simulation/hijack.js';
import { formatPath, type LeakResult, type PathHop } from '../analyses/simulation/leak.js';
import type { ModelRisk, RiskPart } from '../analyses/simulation/risk.js';
import type { UncertaintyResult } from '../analyses/simulation/uncertainty.js';
import { pad } from './layout.js';
import { safeInline, type Style } from './terminal.js';
import { timelineBar } from './timeline.js';

/** Seconds for JSON: whole seconds, or null when unbounded. */
export function secondsOrNull(s: Seconds): number | null {
  return s === UNBOUNDED ? null : Math.round(s);
}

/** Scores for JSON: two decimals, or null when unbounded. */
export function scoreOrNull(score: number): number | null {
  return score === UNBOUNDED ? null : Math.round(score * 100) / 100;
}

export function formatScore(score: number): string {
  return score === UNBOUNDED ? 'unbounded' : String(Math.round(score * 100) / 100);
}

/** A model's total risk as JSON: the sum, and each attacker's part (docs/simulation.md, "Two attackers"). */
export function riskJson(t: ModelRisk): object {
  const part = (p: RiskPart) => ({
    total: scoreOrNull(p.total),
    unbounded: p.unbounded,
    bounded: Math.round(p.bounded * 100) / 100,
  });
  return {
    total: scoreOrNull(t.total),
    unboundedCredentials: t.leakedCopy.unbounded,
    unboundedAgents: t.hijackedAgent.unbounded,
    boundedRisk: Math.round(t.bounded * 100) / 100,
    leakedCopy: part(t.leakedCopy),
    hijackedAgent: part(t.hijackedAgent),
  };
}

/** A path as a list of readable hops: `["gh-pat", "app-repo:read", "deploy-key", "prod-cluster:deploy"]`. */
export function pathStrings(path: readonly PathHop[]): string[] {
  return formatPath(path).split(' → ');
}

export function simulationJson(model: Model, result: LeakResult, uncertainty?: UncertaintyResult): object {
  const t = result.timeline;
  return {
    model: model.name,
    credential: result.credential,
    source: model.credentials.find((c) => c.id === result.credential)?.source ?? null,
    attacker: result.attacker,
    channel: result.channel,
    usable: result.usable,
    timeline: {
      issuedSeconds: secondsOrNull(t.issued),
      leakedSeconds: secondsOrNull(t.leaked),
      detectedSeconds: secondsOrNull(t.detected),
      revocationIssuedSeconds: secondsOrNull(t.revocationIssued),
      expiresSeconds: secondsOrNull(t.expires),
      stoppedSeconds: secondsOrNull(t.stopped),
    },
    exposureWindowSeconds: secondsOrNull(result.exposureWindow),
    revocationLagSeconds: secondsOrNull(result.revocationLag),
    ...reachJson(result),
    assumptions: result.assumptions,
    ...(uncertainty ? { uncertainty: uncertaintyJson(uncertainty) } : {}),
  };
}

/** A hijacked agent's worst case as JSON (docs/simulation.md, "The hijacked agent"). */
export function hijackJson(model: Model, result: HijackResult): object {
  return {
    model: model.name,
    agent: result.agent,
    attacker: 'hijacked-agent',
    detectedSeconds: secondsOrNull(result.detected),
    taskEndSeconds: secondsOrNull(result.taskEnd),
    hijackEndsSeconds: secondsOrNull(result.hijackEnds),
    holds: result.holds.map((h) => ({ credential: h.credential, untilSeconds: secondsOrNull(h.stop) })),
    ...reachJson(result),
    assumptions: result.assumptions,
  };
}

type ReachResult = Pick<
  LeakResult,
  'reached' | 'gated' | 'gatedInvocations' | 'acquired' | 'tasked' | 'score' | 'timeWeightedScore'
>;

function reachJson(result: ReachResult): object {
  return {
    blastRadius: {
      score: result.score,
      timeWeightedScore: scoreOrNull(result.timeWeightedScore),
      reached: result.reached.map((r) => ({
        resource: r.resource,
        action: r.action,
        impact: r.impact,
        fromSeconds: secondsOrNull(r.from),
        untilSeconds: secondsOrNull(r.until),
        heldSeconds: secondsOrNull(r.held),
        path: pathStrings(r.path),
        hops: r.path,
      })),
      gated: result.gated.map((g) => ({ resource: g.resource, action: g.action, path: pathStrings(g.path) })),
      gatedInvocations: result.gatedInvocations.map((g) => ({ agent: g.agent, path: pathStrings(g.path) })),
    },
    acquired: result.acquired.map((a) => ({
      credential: a.credential,
      how: a.how,
      usable: a.usable,
      fromSeconds: secondsOrNull(a.from),
      untilSeconds: secondsOrNull(a.until),
      path: pathStrings(a.path),
    })),
    tasked: result.tasked.map((a) => ({
      agent: a.agent,
      fromSeconds: secondsOrNull(a.from),
      untilSeconds: secondsOrNull(a.until),
      path: pathStrings(a.path),
    })),
  };
}

function uncertaintyJson(u: UncertaintyResult): object {
  const q = (x: { median: number; p90: number; p99: number }, f: (n: number) => number | null) => ({
    median: f(x.median),
    p90: f(x.p90),
    p99: f(x.p99),
  });
  return {
    runs: u.runs,
    seed: u.seed,
    exposureWindowSeconds: q(u.exposureWindow, secondsOrNull),
    timeWeightedScore: q(u.timeWeightedScore, scoreOrNull),
    revocationLagSeconds: q(u.revocationLag, secondsOrNull),
  };
}

const at = (s: Seconds) => (s === UNBOUNDED ? 'never' : formatDuration(s));

export function simulationText(
  model: Model,
  result: LeakResult,
  style: Style,
  width = 80,
  uncertainty?: UncertaintyResult,
): string {
  const lines: string[] = [];
  const credential = model.credentials.find((c) => c.id === result.credential);
  const kind = credential?.kind ? ` (${credential.kind})` : '';
  const channel = result.channel ?? 'an unlisted channel (detection.default)';
  lines.push(
    style.bold(
      `Leak of ${result.credential}${kind} through ${channel}, ${result.attacker} attacker, at ${at(result.timeline.leaked)}`,
    ),
  );
  if (credential?.source)
    lines.push(
      style.dim(
        `  imported from ${safeInline(credential.source.file)}:${credential.source.line}${credential.source.literal ? ', where its secret is written literally' : ''}`,
      ),
    );
  if (!result.usable) {
    const binding = credential?.binding ?? 'bound';
    lines.push(
      `  ${style.green('not replayable')}: the credential is ${binding}, so a copy works only inside its own workload; an ${result.attacker} attacker reaches nothing.`,
    );
  }
  const bar = timelineBar(result, Math.max(20, Math.min(72, width - 4)));
  lines.push(
    '',
    style.bold('Timeline') +
      style.dim(
        ` (0 → ${bar.end === UNBOUNDED ? 'never' : formatDuration(bar.end)}; ═ attacker holds the leaked credential)`,
      ),
  );
  lines.push(`  ${bar.bar}`, `  ${bar.marks}`, `  ${bar.legend}`);
  const lag = result.revocationLag === UNBOUNDED ? style.red('unbounded') : formatDuration(result.revocationLag);
  const window = result.exposureWindow === UNBOUNDED ? style.red('unbounded') : formatDuration(result.exposureWindow);
  lines.push(
    `  exposure window ${style.bold(window)}   revocation lag ${style.bold(lag)} (detection until everything the incident touched is dead)`,
  );

  lines.push(...reachLines(model, result, style));
  if (uncertainty) {
    const q = (x: { median: number; p90: number; p99: number }, f: (n: number) => string) =>
      `median ${f(x.median)}, p90 ${f(x.p90)}, p99 ${f(x.p99)}`;
    lines.push('', style.bold(`Uncertainty over ${uncertainty.runs} runs (seed ${uncertainty.seed})`));
    lines.push(`  exposure window     ${q(uncertainty.exposureWindow, at)}`);
    lines.push(`  time-weighted score ${q(uncertainty.timeWeightedScore, formatScore)}`);
    lines.push(`  revocation lag      ${q(uncertainty.revocationLag, at)}`);
  }
  if (result.attacker === 'external')
    lines.push(
      '',
      style.dim(
        "This worst case counts in the model's leaked-copy risk. An agent that holds the credential, hijacked by injected instructions, needs no copy: simulate --hijack <agent> shows that attacker, recommend both totals.",
      ),
    );
  lines.push(...assumptionLines(result.assumptions, style));
  return `${lines.join('\n')}\n`;
}

/** A hijacked agent's worst case for a person. */
export function hijackText(model: Model, result: HijackResult, style: Style): string {
  const lines: string[] = [];
  const ends =
    result.hijackEnds === result.taskEnd
      ? `at the end of its task, ${at(result.taskEnd)}`
      : `at ${at(result.hijackEnds)}, when the response stops it (detection + response.manual)`;
  lines.push(
    style.bold(
      `Hijack of agent ${safeInline(result.agent)}: injected instructions steer it from the start of its task`,
    ),
  );
  lines.push(
    `  detected ${at(result.detected)} (the prompt-context channel) · its task ends ${result.taskEnd === UNBOUNDED ? 'never (no workflow)' : at(result.taskEnd)} · the hijack ends ${ends}`,
  );
  lines.push(
    style.dim(
      '  It acts from its own workload with every credential it holds, bound ones included; each stays usable there until it stops (docs/simulation.md, "The hijacked agent").',
    ),
  );
  if (result.holds.length === 0) lines.push('  it holds no credential');
  for (const h of result.holds) lines.push(`  holds ${safeInline(h.credential)} until ${at(h.stop)}`);
  lines.push(...reachLines(model, result, style));
  lines.push(
    '',
    style.dim(
      "This worst case counts in the model's hijacked-agent risk: binding does not lower it; narrower grants, shorter lifetimes, per-task issuance and approval do.",
    ),
  );
  lines.push(...assumptionLines(result.assumptions, style));
  return `${lines.join('\n')}\n`;
}

/** Blast radius, approval-gated pairs, credentials obtained and agents tasked: what every attacker's report shows. */
function reachLines(model: Model, result: ReachResult, style: Style): string[] {
  const lines: string[] = [];
  lines.push(
    '',
    style.bold(`Blast radius: score ${result.score}, time-weighted ${formatScore(result.timeWeightedScore)}`) +
      style.dim(' (impact × hours of access)'),
  );
  if (result.reached.length === 0) lines.push('  nothing reached');
  const sensitivity = new Map(model.resources.map((r) => [r.id, r.sensitivity]));
  let current = '';
  for (const r of result.reached) {
    if (r.resource !== current) {
      current = r.resource;
      lines.push(`  ${style.bold(safeInline(r.resource))} (${sensitivity.get(r.resource) ?? '?'})`);
    }
    // Where the paths leave gaps, the time actually held is less than from → until.
    const held = r.held < r.until - r.from ? ` (held ${at(r.held)})` : '';
    lines.push(
      `    ${pad(safeInline(r.action), 8)} impact ${String(r.impact).padStart(3)}  ${at(r.from)} → ${at(r.until)}${held}  ${style.dim(safeInline(formatPath(r.path)))}`,
    );
  }
  if (result.gated.length > 0 || result.gatedInvocations.length > 0) {
    lines.push(
      '',
      style.bold('Held back by human approval') + style.dim(' (reachable, but each use needs a person to approve)'),
    );
    for (const g of result.gated)
      lines.push(`  ${safeInline(`${g.resource}:${g.action}`)}  ${style.dim(safeInline(formatPath(g.path)))}`);
    for (const g of result.gatedInvocations)
      lines.push(`  ${safeInline(`invoke ${g.agent}`)}  ${style.dim(safeInline(formatPath(g.path)))}`);
  }
  const others = result.acquired.filter((a) => a.how !== 'leaked');
  if (others.length > 0) {
    lines.push('', style.bold('Credentials the attacker obtains'));
    for (const a of others) {
      const use = a.usable ? `${at(a.from)} → ${at(a.until)}` : style.green('bound, not replayable');
      lines.push(
        `  ${pad(safeInline(a.credential), 20)} ${a.how.padEnd(9)} ${use}  ${style.dim(safeInline(formatPath(a.path)))}`,
      );
    }
  }
  if (result.tasked.length > 0) {
    lines.push('', style.bold('Agents the attacker can task') + style.dim(' (confused deputy)'));
    for (const a of result.tasked)
      lines.push(
        `  ${pad(safeInline(a.agent), 20)} ${at(a.from)} → ${at(a.until)}  ${style.dim(safeInline(formatPath(a.path)))}`,
      );
  }
  return lines;
}

export function assumptionLines(assumptions: readonly Assumption[], style: Style): string[] {
  if (assumptions.length === 0) return [];
  const lines = [
    '',
    style.bold('Assumed figures') + style.dim(' (not written in the model; set them to replace these)'),
  ];
  for (const a of assumptions)
    lines.push(`  ${safeInline(a.element)} ${a.field} = ${safeInline(a.value)}  ${style.dim(`(${a.source})`)}`);
  return lines;
}
