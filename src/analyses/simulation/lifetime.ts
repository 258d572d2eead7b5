/**
 * When a credential instance stops working: the rules of docs/simulation.md,
 * "Lifetime". All times are seconds from the moment the leaked instance was
 * issued; `UNBOUNDED` (Infinity) means never.
 */
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import type { DetectionTime, Model } from '../../model/types.js';
import type { Relations } from '../../model/relations.js';
import { REVOCATION, type ReachIndex } from '../../graph/reach-index.js';

export interface Lifetime {
  /** issue + ttl (or maxLifetime for a refreshable credential). */
  readonly expires: Seconds;
  readonly detected: Seconds;
  /** When the revocation is issued (UNBOUNDED for mode none). */
  readonly revocationIssued: Seconds;
  /** min(expires, revocationIssued + propagation). */
  readonly stopped: Seconds;
}

/** The median of a detection time: what a single, deterministic run uses. */
export function detectionSeconds(time: DetectionTime): Seconds {
  return time.kind === 'fixed' ? time.seconds : time.median;
}

/** Detection delay of a channel: its own figure, else `detection.default`. */
export function channelDetection(model: Model, channel: string | undefined): DetectionTime {
  return (channel !== undefined ? model.detection.channels.get(channel) : undefined) ?? model.detection.default;
}

/**
 * The worst channel of a credential: the one detected last among those it can
 * leak through (ties: the first listed). Undefined when it lists none, in which
 * case `detection.default` applies.
 */
export function worstChannel(model: Model, relations: Relations, credential: string): string | undefined {
  let worst: string | undefined;
  let longest = -1;
  for (const channel of relations.exposure.get(credential) ?? []) {
    const seconds = detectionSeconds(channelDetection(model, channel));
    if (seconds > longest) {
      worst = channel;
      longest = seconds;
    }
  }
  return worst;
}

/**
 * Lifetime of the instance of credential `c` issued at `issued`, whose leak is
 * detected at `detected`: revocation follows the credential's mode, then takes
 * its propagation time to bite.
 */
export function lifetime(index: ReachIndex, model: Model, c: number, issued: Seconds, detected: Seconds): Lifetime {
  const expires = issued + index.life[c];
  const revocationIssued = revocationTime(index, model, c, issued, detected);
  const stopped = Math.min(expires, revocationIssued + index.propagation[c]);
  return { expires, detected, revocationIssued, stopped };
}

/**
 * How long after its issue an instance of credential c can last whatever the
 * incident: its life, or its task's end plus propagation when it is revoked at
 * task end. A copy issued at t stops at min(t + shift, stopTime(c, never, ...)),
 * the same figure `stopTime` gives (the searches compose these).
 */
export function copyShift(index: ReachIndex, c: number): Seconds {
  const taskEnd = index.revocationMode[c] === REVOCATION['on-task-end'] && !Number.isNaN(index.taskDuration[c]);
  return Math.min(index.life[c], taskEnd ? index.taskDuration[c] + index.propagation[c] : UNBOUNDED);
}

/**
 * Revocation lag: from detection until `lastStop`, never negative. Unbounded
 * when something never stops, even if the leak is never detected either (an
 * unbounded stop minus an unbounded detection is not a number).
 */
export function revocationLag(lastStop: Seconds, detected: Seconds): Seconds {
  return lastStop === UNBOUNDED ? UNBOUNDED : Math.max(0, lastStop - detected);
}

/** `lifetime(...).stopped`, by the same arithmetic, without building the record (the bulk worst case calls it C × classes times). */
export function stopTime(index: ReachIndex, model: Model, c: number, issued: Seconds, detected: Seconds): Seconds {
  return Math.min(issued + index.life[c], revocationTime(index, model, c, issued, detected) + index.propagation[c]);
}

function revocationTime(index: ReachIndex, model: Model, c: number, issued: Seconds, detected: Seconds): Seconds {
  switch (index.revocationMode[c]) {
    case REVOCATION.manual:
      return detected + model.response.manual;
    case REVOCATION.automated:
      return detected + model.response.automated;
    case REVOCATION['on-task-end']: {
      // Revoked when the task that minted it ends, or by the automation on detection if that comes first.
      const task = index.taskDuration[c];
      const onDetection = detected + model.response.automated;
      return Number.isNaN(task) ? onDetection : Math.min(issued + task, onDetection);
    }
    default:
      return UNBOUNDED;
  }
}
