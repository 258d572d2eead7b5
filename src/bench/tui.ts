/**
 * The TUI on a big model, without a terminal: a model session opened with a
 * scheduler that times every turn of background work (worst cases, findings,
 * a what-if variant). Input is read between turns, so the longest turn is the
 * longest a key can wait before the TUI even sees it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_POLICY } from '../model/policy.js';
import type { LoadedModel } from '../model/load.js';
import { immediateScheduler, ModelSession, type Scheduler } from '../tui/session.js';
import { workerAnalyst } from '../tui/analyst.js';
import type { PhaseResult } from './phases.js';

export async function tuiTurns(loaded: LoadedModel, text: string): Promise<PhaseResult> {
  const turns: { stage: string; ms: number }[] = [];
  let stage = 'open';
  // The terminal's scheduler, with every turn timed.
  const schedule: Scheduler = (work, delayMs) =>
    immediateScheduler(() => {
      const start = performance.now();
      work();
      turns.push({ stage, ms: performance.now() - start });
    }, delayMs);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let start = performance.now();
  const session = new ModelSession(loaded, text, schedule, () => undefined, {
    check: { policy: DEFAULT_POLICY, today: '2026-01-01' },
    // As on a terminal: a large model's worst cases and findings in a worker thread.
    analyst: workerAnalyst,
  });
  const openMs = performance.now() - start;
  await settled(session);
  const openSettledMs = performance.now() - start;
  const openDelayMs = delay.max / 1e6;
  delay.reset();
  stage = 'what-if';
  start = performance.now();
  const edited = loaded.model.credentials[0].id;
  session.whatIf.change(edited, 'ttl', '1h');
  // The edited credential's new window is on screen once the variant knows its worst case.
  const windowMs = await until(
    () => session.whatIf.variant !== session.analysis && session.whatIf.variant.knownWorstCase(edited) !== undefined,
  );
  await settled(session);
  const whatIfSettledMs = performance.now() - start;
  const whatIfDelayMs = delay.max / 1e6;
  delay.disable();
  session.dispose();
  const longest = (name: string) => Math.max(0, ...turns.filter((t) => t.stage === name).map((t) => t.ms));
  return {
    samples: [{ ms: openSettledMs, peakMb: Number.NaN, baseMb: 0 }],
    notes: {
      openMs,
      openSettledMs,
      // Opening the session is a turn of its own, before the event loop's delay is first sampled.
      openLongestTurnMs: Math.max(longest('open'), openDelayMs, openMs),
      whatIfSettledMs,
      whatIfWindowMs: windowMs - start,
      whatIfLongestTurnMs: Math.max(longest('what-if'), whatIfDelayMs),
      turns: turns.length,
    },
  };
}

/** Resolves with the time at which `done` first holds, polled every millisecond. */
function until(done: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const poll = () => (done() ? resolve(performance.now()) : setTimeout(poll, 1));
    poll();
  });
}

/** Resolves once every background job of the session and its what-if variant has finished. */
function settled(session: ModelSession): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (session.busy ? setTimeout(poll, 5) : resolve());
    poll();
  });
}
