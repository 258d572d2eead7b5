/**
 * The windows of the worst case, computed with the same arithmetic as the
 * `lifetime` function a single leak uses (`stopTime`), so every number is bit-for-bit the one `simulateLeak`
 * would compute.
 *
 * In the worst case (leak at 0, no hop delay) every capability is gained at 0,
 * so a window is just its stop time. The leaked credential r stops at
 * `rootStop[r]` (detected at `detected[r]`, the detection time of its worst
 * channel). A credential acquired during that incident (harvested or minted)
 * stops at `acquired[c * K + d]`, which depends only on the incident's
 * detection class d (its detection is the incident's plus `detection.harvested`):
 * the classes are the distinct detection times of the credentials' worst channels.
 */
import { BINDING_BEARER, REVOCATION } from '../../../graph/reach-index.js';
import type { AnalysisContext } from '../../context.js';
import { channelDetection, detectionSeconds, stopTime, worstChannel } from '../lifetime.js';

export interface WindowTable {
  /** Number of detection classes. */
  readonly K: number;
  /** Detection time of each class, ascending. */
  readonly classes: Float64Array;
  readonly classOf: Int32Array;
  readonly detected: Float64Array;
  readonly rootStop: Float64Array;
  readonly acquired: Float64Array;
  /**
   * Per credential and class, the stop of an instance minted at the latest
   * moment its parent allows and revoked with it: the parent's window capped
   * by this, since expiry and task end only come after the parent stops.
   */
  readonly mintedCap: Float64Array;
  /**
   * Credentials whose window, when minted at the latest moment from a parent
   * that outlives them otherwise, depends on that parent's window (a finite
   * TTL, or revocation at task end): not a function of the class alone.
   */
  readonly issueDependent: Uint8Array;
  /**
   * How long after its issue an instance can last whatever the incident:
   * min(TTL, task end + propagation). Minted at the parent's stop w, it stops
   * at min(w + mintShift, mintedCap): the same figure `stopTime` gives.
   */
  readonly mintShift: Float64Array;
  readonly bearer: Uint8Array;
  /** Bearer and positive in some class (harvested at once, or minted at the latest moment): can be acquired and expanded. */
  readonly alive: Uint8Array;
  /**
   * Classes where some credential alive in another class reaches nothing
   * (its window is empty there): reachability then depends on the class,
   * which the shared closure does not model, so those leaks are simulated one by one.
   */
  readonly unsafe: Uint8Array;
}

export function windowTable(ctx: AnalysisContext): WindowTable {
  const { model, relations, index } = ctx;
  const C = index.credentials.length;
  const detected = new Float64Array(C);
  const byChannel = new Map<string | undefined, number>();
  for (let c = 0; c < C; c++) {
    const channel = worstChannel(model, relations, index.credentials[c]);
    let D = byChannel.get(channel);
    if (D === undefined) byChannel.set(channel, (D = 0 + detectionSeconds(channelDetection(model, channel))));
    detected[c] = D;
  }
  const classes = Float64Array.from(new Set(byChannel.values())).sort();
  const K = classes.length;
  const classIndex = new Map<number, number>();
  classes.forEach((D, d) => classIndex.set(D, d));
  const classOf = new Int32Array(C);
  const rootStop = new Float64Array(C);
  const acquired = new Float64Array(C * K);
  const mintedCap = new Float64Array(C * K);
  const issueDependent = new Uint8Array(C);
  const mintShift = new Float64Array(C);
  const minted = new Uint8Array(C);
  for (let k = 0; k < index.mints.targets.length; k++) minted[index.mints.targets[k]] = 1;
  const bearer = new Uint8Array(C);
  const alive = new Uint8Array(C);
  const unsafe = new Uint8Array(K);
  for (let c = 0; c < C; c++) {
    classOf[c] = classIndex.get(detected[c])!;
    rootStop[c] = stopTime(index, model, c, 0, detected[c]);
    bearer[c] = index.binding[c] === BINDING_BEARER ? 1 : 0;
    const taskEnd = index.revocationMode[c] === REVOCATION['on-task-end'] && !Number.isNaN(index.taskDuration[c]);
    mintShift[c] = Math.min(index.life[c], taskEnd ? index.taskDuration[c] + index.propagation[c] : Infinity);
    issueDependent[c] = mintShift[c] !== Infinity ? 1 : 0;
    let positive = 0;
    let mintedPositive = 0;
    let emptyWhenMinted = false;
    for (let d = 0; d < K; d++) {
      const stop = stopTime(index, model, c, 0, classes[d] + model.detection.harvested);
      acquired[c * K + d] = stop;
      mintedCap[c * K + d] = stopTime(index, model, c, Infinity, classes[d] + model.detection.harvested);
      if (stop > 0) positive++;
      if (minted[c] && mintedCap[c * K + d] > 0) mintedPositive++;
      else if (minted[c]) emptyWhenMinted = true;
    }
    // A credential that lives only when minted late (a zero TTL) is alive, and its classes are unsafe: searched one by one.
    if (bearer[c] && (positive > 0 || mintedPositive > 0)) {
      alive[c] = 1;
      if (positive < K) for (let d = 0; d < K; d++) if (!(acquired[c * K + d] > 0)) unsafe[d] = 1;
      if (emptyWhenMinted) for (let d = 0; d < K; d++) if (!(mintedCap[c * K + d] > 0)) unsafe[d] = 1;
    }
  }
  return {
    K,
    classes,
    classOf,
    detected,
    rootStop,
    acquired,
    mintedCap,
    issueDependent,
    mintShift,
    bearer,
    alive,
    unsafe,
  };
}
