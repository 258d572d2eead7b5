/**
 * Leaked-token replay: given a leaked credential, what the attacker reaches,
 * from when, until when, and through which path. The rules are those of
 * docs/simulation.md: the leaked instance's own timeline comes from
 * ./lifetime.ts, what the attacker reaches from ./attack.ts.
 */
import { type Seconds } from '../../model/duration.js';
import { assumptionPositions } from '../../model/assumptions.js';
import type { Assumption } from '../../model/types.js';
import { BINDING_BEARER } from '../../graph/reach-index.js';
import type { AnalysisContext } from '../context.js';
import { exploreAttack, type AcquiredCredential, type AttackerStart, type HeldAtStart } from './attack.js';
import {
  channelDetection,
  detectionSeconds,
  lifetime,
  revocationLag,
  worstChannel,
  type Lifetime,
} from './lifetime.js';
import type { ReachFigures } from './pairs.js';
import { compareText } from './scores.js';

export type { AcquiredCredential, TaskedAgent } from './attack.js';
export type { GatedInvocation, GatedPair, ReachedPair } from './pairs.js';
export { formatPath, type CredentialHow, type PathHop } from './paths.js';
export { blastRadiusScore, compareText, timeWeightedScore } from './scores.js';

export type Attacker = 'external' | 'in-workload';

export interface LeakInput {
  readonly credential: string;
  /** When the leak happens, from the moment the leaked instance was issued. Default 0. */
  readonly at?: Seconds;
  readonly attacker?: Attacker;
  /** The channel it leaks through; default: its worst (latest-detected) channel. */
  readonly channel?: string;
  /** Time each hop (harvest, mint, invoke, delegation) takes. Default 0. */
  readonly hopDelay?: Seconds;
  /** Detection delay to use instead of the channel's figure (a sampled value, in uncertainty runs). */
  readonly detectionDelay?: Seconds;
  /** false: leave every path empty (the figures alone, for worst cases and sampling runs). Default true. */
  readonly paths?: boolean;
}

export interface LeakResult extends ReachFigures {
  readonly credential: string;
  readonly attacker: Attacker;
  /** The leak channel used for detection; null when the credential lists none (detection.default). */
  readonly channel: string | null;
  readonly usable: boolean;
  readonly timeline: { readonly issued: Seconds; readonly leaked: Seconds } & Lifetime;
  readonly exposureWindow: Seconds;
  readonly revocationLag: Seconds;
}

export class UnknownCredentialError extends Error {}

export function simulateLeak(ctx: AnalysisContext, input: LeakInput): LeakResult {
  const { model, relations, index } = ctx;
  if (!index.credentialIndex.has(input.credential))
    throw new UnknownCredentialError(`unknown credential "${input.credential}"`);
  const at = input.at ?? 0;
  const attacker = input.attacker ?? 'external';
  const channel = input.channel ?? worstChannel(model, relations, input.credential);
  const detected = at + (input.detectionDelay ?? detectionSeconds(channelDetection(model, channel)));
  const root = index.credentialIndex.get(input.credential)!;
  const rootLife = lifetime(index, model, root, 0, detected);
  const start = leakStart(ctx, input.credential, attacker, at, rootLife.stopped, detected);
  const usable = start.held.some((h) => h.how === 'leaked');

  const reach = exploreAttack(ctx, start, {
    hopDelay: input.hopDelay ?? 0,
    harvestedDetection: detected + model.detection.harvested,
    paths: input.paths,
  });
  const acquired = usable ? reach.acquired : withUnusableLeak(reach.acquired, input.credential, at);
  return {
    credential: input.credential,
    attacker,
    channel: channel ?? null,
    usable,
    timeline: { issued: 0, leaked: at, ...rootLife },
    exposureWindow: usable ? Math.max(0, rootLife.stopped - at) : 0,
    // From detection until the leaked instance and every credential the attacker holds are dead.
    revocationLag: revocationLag(Math.max(rootLife.stopped, reach.lastStop), detected),
    reached: reach.reached,
    gated: reach.gated,
    gatedInvocations: reach.gatedInvocations,
    acquired,
    tasked: reach.tasked,
    score: reach.score,
    timeWeightedScore: reach.timeWeightedScore,
    assumptions: relevantAssumptions(
      ctx,
      acquired.map((a) => a.credential),
    ),
  };
}

/**
 * What the attacker holds at the leak: the leaked instance when it can replay
 * it, and for an attacker inside the workload every credential there, each
 * until the incident stops it.
 */
function leakStart(
  ctx: AnalysisContext,
  credential: string,
  attacker: Attacker,
  at: Seconds,
  stopped: Seconds,
  detected: Seconds,
): AttackerStart {
  const { index, model } = ctx;
  const inWorkload = attacker === 'in-workload' ? workloadCredentials(ctx, credential) : new Set<string>();
  const held: HeldAtStart[] = [];
  if (index.binding[index.credentialIndex.get(credential)!] === BINDING_BEARER || inWorkload.has(credential))
    held.push({ credential, from: at, until: stopped, how: 'leaked' });
  for (const c of inWorkload) {
    if (c === credential) continue;
    const until = lifetime(index, model, index.credentialIndex.get(c)!, 0, detected).stopped;
    held.push({ credential: c, from: at, until, how: 'in-workload' });
  }
  return { held, inWorkload, pinned: credential };
}

/** Every credential present in the workloads of the agents that can use `credential` (bound ones included), in model order. */
export function workloadCredentials(ctx: AnalysisContext, credential: string): Set<string> {
  const out = new Set<string>([credential]);
  for (const [, credentials] of ctx.relations.available) {
    if (!credentials.includes(credential)) continue;
    for (const c of credentials) out.add(c);
  }
  return out;
}

function withUnusableLeak(
  acquired: readonly AcquiredCredential[],
  credential: string,
  at: Seconds,
): AcquiredCredential[] {
  const leaked: AcquiredCredential = {
    credential,
    how: 'leaked',
    usable: false,
    from: at,
    until: at,
    path: [{ kind: 'credential', id: credential, how: 'leaked' }],
  };
  return [...acquired, leaked].sort((a, b) => a.from - b.from || compareText(a.credential, b.credential));
}

/** The model's assumptions about the model itself or the given credentials, in model order. */
export function relevantAssumptions(ctx: AnalysisContext, credentials: readonly string[]): Assumption[] {
  const { model } = ctx;
  const positions = [...assumptionPositions(model, 'model')];
  for (const c of new Set(credentials))
    for (const i of assumptionPositions(model, `credential:${c}`)) positions.push(i);
  return positions.sort((a, b) => a - b).map((i) => model.assumptions[i]);
}
