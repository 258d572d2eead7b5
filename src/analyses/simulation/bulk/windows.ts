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
import { BINDING_BEARER } from '../../../graph/reach-index.js';
import type { AnalysisContext } from '../../context.js';
import { channelDetection, detectionSeconds, copyShift, stopTime, worstChannel } from '../lifetime.js';

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
  /** Bearer, and alive in some class when taken at the latest moment: can be acquired and expanded. */
  readonly alive: Uint8Array;
  /**
   * Classes where some credential alive in another class reaches nothing
   * (its window is empty there): reachability then depends on the class,
   * which the shared closure does not model, so those leaks are simulated one by one.
   */
  readonly unsafe: Uint8Array;
  /**
   * Per credential and class: a copy read from a store at the latest moment
   * stops at min(reader's end + mintShift, mintedCap), which depends on the
   * reader's window (the shift is shorter than the cap). The closure takes
   * every harvested copy to last its cap, so leaks that can read such a store
   * in that class are simulated one by one.
   */
  readonly lateHarvest: Uint8Array;
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
  const bearer = new Uint8Array(C);
  const alive = new Uint8Array(C);
  const unsafe = new Uint8Array(K);
  const lateHarvest = new Uint8Array(C * K);
  for (let c = 0; c < C; c++) {
    classOf[c] = classIndex.get(detected[c])!;
    rootStop[c] = stopTime(index, model, c, 0, detected[c]);
    bearer[c] = index.binding[c] === BINDING_BEARER ? 1 : 0;
    mintShift[c] = copyShift(index, c);
    issueDependent[c] = mintShift[c] !== Infinity ? 1 : 0;
    let alivePart = 0;
    for (let d = 0; d < K; d++) {
      acquired[c * K + d] = stopTime(index, model, c, 0, classes[d] + model.detection.harvested);
      mintedCap[c * K + d] = stopTime(index, model, c, Infinity, classes[d] + model.detection.harvested);
      if (mintedCap[c * K + d] > 0) alivePart++;
    }
    // A copy taken at the latest moment lives when its cap is after 0. Where it is dead in some classes
    // only, what the leak reaches depends on the class: those classes are searched one by one.
    if (bearer[c] && alivePart > 0) {
      alive[c] = 1;
      for (let d = 0; d < K; d++) {
        if (!(mintedCap[c * K + d] > 0)) unsafe[d] = 1;
        else if (mintShift[c] < mintedCap[c * K + d]) lateHarvest[c * K + d] = 1;
      }
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
    lateHarvest,
  };
}
