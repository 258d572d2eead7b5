/**
 * Work that runs between keypresses: every credential's worst case a slice at
 * a time (the risk badges and the total risk), the CI findings one rule per
 * turn of the event loop, and the recommendations off the thread. Each job
 * can be cancelled when its model is closed or replaced.
 */
import { compareFindings, ModelCheck, ruleOutcomes } from '../analyses/check/engine.js';
import type { Finding } from '../analyses/check/types.js';
import type { RecommendResult } from '../analyses/recommendations/index.js';
import { RULES } from '../analyses/rules/index.js';
import { modelRisk, type ModelRisk } from '../analyses/simulation/risk.js';
import type { WorstCase } from '../analyses/simulation/worst-case.js';
import type { LoadedModel, ModelOnly } from '../model/load.js';
import type { Policy } from '../model/policy.js';
import type { AnalysisSession } from './analysis-session.js';
import type { AnalystFeed } from './analyst.js';
import { MAX_RECOMMENDED_CREDENTIALS, type PendingRecommendations, type Recommender } from './recommender.js';

/**
 * Runs a function soon, after pending input: `setImmediate` on a terminal,
 * or after `delayMs` when given (so the frame showing a keypress is drawn
 * before slow work starts).
 */
export type Scheduler = (work: () => void, delayMs?: number) => { cancel(): void };

export const immediateScheduler: Scheduler = (work, delayMs) => {
  if (delayMs !== undefined && delayMs > 0) {
    const timer = setTimeout(work, delayMs);
    return { cancel: () => clearTimeout(timer) };
  }
  const handle = setImmediate(work);
  return { cancel: () => clearImmediate(handle) };
};

/** How long one slice of background work may hold the event loop. */
const SLICE_MS = 12;
/**
 * From this many credentials the badges come from one pass of the bulk
 * engine (about half a second at 50,000 credentials) instead of slices of
 * single worst cases (about a minute there, competing with every key).
 */
export const BULK_FROM_CREDENTIALS = 2_000;
/** How often progress is shown: each frame of a big list costs more than a slice. */
const PROGRESS_MS = 250;

/**
 * Every credential's worst case, then every agent's hijacked-agent worst
 * case, computed a slice at a time (the credentials' may come from an
 * analyst); the total risk, both parts, once all are known. The CI findings
 * need only the first (`whenWorstCasesKnown`).
 */
export class RiskJob {
  done = 0;
  private pending?: { cancel(): void };
  /** The analyst computing this job's results elsewhere, stopped with the job. */
  analyst?: { cancel(): void };
  private cancelled = false;
  private readonly finishedCallbacks: (() => void)[] = [];
  private readonly worstCaseCallbacks: (() => void)[] = [];

  constructor(
    private readonly session: AnalysisSession,
    private readonly schedule: Scheduler,
    private readonly onProgress: () => void,
  ) {}

  /** Worst cases to compute: one per credential and one per agent. */
  get total(): number {
    return this.session.model.credentials.length + this.session.model.agents.length;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Whether every credential's worst case is known (the agents' may still be computing). */
  get worstCasesKnown(): boolean {
    return this.done >= this.session.model.credentials.length;
  }

  /** The model's total risk, both attackers, once every worst case is known. */
  get totalRisk(): ModelRisk | undefined {
    if (!this.finished) return undefined;
    const { model } = this.session;
    return (this.total_ ??= modelRisk(
      model.credentials.map((c) => this.session.worstCase(c.id)),
      model.agents.map((a) => this.session.hijackCase(a.id)),
    ));
  }

  private total_?: ModelRisk;

  /** Runs the first slice now (small models finish here) and schedules the rest. */
  start(): this {
    this.slice();
    return this;
  }

  /** Worst cases computed elsewhere (an analyst), taken in as they come. */
  take(chunk: readonly WorstCase[]): void {
    if (this.cancelled) return;
    this.session.learn(chunk);
    this.done = Math.min(this.session.model.credentials.length, this.done + chunk.length);
    const now = performance.now();
    if (now - this.shown >= PROGRESS_MS) {
      this.shown = now;
      this.onProgress();
    }
  }

  /** The analyst failed before it gave every worst case: they are computed here after all. */
  computeHere(): void {
    if (this.cancelled || this.finished) return;
    this.done = 0;
    this.start();
  }

  /** Every credential's worst case has been taken in: the agents' hijacks are computed here, a slice at a time. */
  takenAll(): void {
    if (this.cancelled) return;
    this.done = this.session.model.credentials.length;
    this.slice();
    this.onProgress();
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
    this.analyst?.cancel();
  }

  /** Runs `callback` once every worst case is known (at once if they already are). */
  whenFinished(callback: () => void): void {
    if (this.finished) callback();
    else this.finishedCallbacks.push(callback);
  }

  /** Runs `callback` once every credential's worst case is known (at once if they already are). */
  whenWorstCasesKnown(callback: () => void): void {
    if (this.worstCasesKnown) callback();
    else this.worstCaseCallbacks.push(callback);
  }

  private slice(): void {
    if (this.cancelled) return;
    const { credentials, agents } = this.session.model;
    if (credentials.length >= BULK_FROM_CREDENTIALS && this.done === 0 && !this.bulkScheduled) {
      // After the first frame is drawn, not before it.
      this.bulkScheduled = true;
      this.pending = this.schedule(() => {
        this.session.computeAllWorstCases();
        this.done = credentials.length;
        this.slice();
        this.onProgress();
      }, 1);
      return;
    }
    const started = performance.now();
    while (this.done < this.total && performance.now() - started < SLICE_MS) {
      if (this.done < credentials.length) this.session.worstCase(credentials[this.done].id);
      else this.session.hijackCase(agents[this.done - credentials.length].id);
      this.done++;
    }
    if (this.worstCasesKnown) for (const callback of this.worstCaseCallbacks.splice(0)) callback();
    if (this.finished) for (const callback of this.finishedCallbacks.splice(0)) callback();
    else {
      this.pending = this.schedule(() => {
        this.slice();
        const now = performance.now();
        if (this.finished || now - this.shown >= PROGRESS_MS) {
          this.shown = now;
          this.onProgress();
        }
      });
    }
  }

  private shown = performance.now();
  private bulkScheduled = false;
}

/**
 * A large model's risk and findings jobs, fed by an analyst (a worker thread):
 * this thread only takes the results in, a chunk a turn. Should the analyst
 * fail, they are computed here after all.
 */
export function analysedJobs(
  analysis: AnalysisSession,
  loaded: ModelOnly,
  request: (feed: AnalystFeed) => { cancel(): void },
  check: CheckSettings | undefined,
  schedule: Scheduler,
  notify: () => void,
): { risk: RiskJob; findings?: FindingsJob } {
  const risk = new RiskJob(analysis, schedule, notify);
  const findings = check ? new FindingsJob(loaded, analysis, risk, check, schedule, notify, true) : undefined;
  risk.analyst = request({
    worstCases: (chunk) => risk.take(chunk),
    worstCasesDone: () => risk.takenAll(),
    ruleDone: (n) => findings?.ruleDone(n),
    findings: (chunk) => findings?.take(chunk),
    findingsDone: () => findings?.takenAll(),
    failed: () => {
      risk.computeHere();
      findings?.computeHere();
    },
  });
  return { risk, findings };
}

/** What `leakradius check` holds the model to: the TUI shows the same findings. */
export interface CheckSettings {
  readonly policy: Policy;
  /** YYYY-MM-DD, for the expiry of accepted risks. */
  readonly today: string;
}

/**
 * The CI findings of a model, computed once its worst cases are known (the
 * rules reuse them), one rule per turn of the event loop: on a model of
 * thousands of credentials a single rule can take a few hundred milliseconds.
 */
export class FindingsJob {
  findings?: readonly Finding[];
  /** Rules run so far, of `RULES.length`. */
  rulesDone = 0;
  private pending?: { cancel(): void };
  private cancelled = false;
  /** Findings taken in from an analyst so far, in report order. */
  private received: Finding[] = [];
  private readonly compute: () => void;

  /** `fed`: the findings come from an analyst (`take`, `ruleDone`, `takenAll`) and nothing is computed here unless it fails. */
  constructor(
    loaded: ModelOnly,
    analysis: AnalysisSession,
    risk: RiskJob,
    check: CheckSettings,
    schedule: Scheduler,
    private readonly notify: () => void,
    fed = false,
  ) {
    this.compute = () => {
      const found: Finding[] = [];
      let model: ModelCheck | undefined;
      const outcomes = ruleOutcomes(RULES, check.policy);
      const runRule = (index: number) => {
        this.pending = undefined;
        if (this.cancelled) return;
        if (index === RULES.length) {
          this.findings = found.sort(compareFindings);
          notify();
          return;
        }
        model ??= new ModelCheck(
          loaded,
          {
            policy: check.policy,
            today: check.today,
            failOn: 'high',
            prepared: () => ({ ctx: analysis.ctx, worstCases: analysis.worstCaseMap() }),
          },
          outcomes,
        );
        const rule = RULES[index];
        if (outcomes.get(rule.id)!.enabled) for (const f of model.run(rule)) found.push(f);
        this.rulesDone = index + 1;
        this.pending = schedule(() => runRule(index + 1));
      };
      risk.whenWorstCasesKnown(() => {
        if (!this.cancelled) this.pending = schedule(() => runRule(0));
      });
    };
    if (!fed) this.compute();
  }

  get done(): boolean {
    return this.findings !== undefined;
  }

  ruleDone(rulesDone: number): void {
    if (this.cancelled) return;
    this.rulesDone = rulesDone;
    this.notify();
  }

  take(chunk: readonly Finding[]): void {
    if (!this.cancelled) for (const f of chunk) this.received.push(f);
  }

  takenAll(): void {
    if (this.cancelled) return;
    this.findings = this.received;
    this.notify();
  }

  /** The analyst failed: the findings are computed here after all. */
  computeHere(): void {
    if (this.cancelled || this.done) return;
    this.received = [];
    this.rulesDone = 0;
    this.compute();
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
  }
}

/** The model's recommendations, measured by the recommendation engine off the keyboard's path. */
export class RecommendationsJob {
  result?: RecommendResult;
  /** Why there are none to show, when there cannot be (too big a model, a failure). */
  unavailable?: string;
  private pending?: PendingRecommendations;
  private cancelled = false;

  constructor(loaded: LoadedModel, recommender: Recommender, notify: () => void) {
    const count = loaded.model.credentials.length;
    if (count > MAX_RECOMMENDED_CREDENTIALS) {
      this.unavailable = `${count} credentials: measuring every recommendation would take minutes here; run leakradius recommend ${loaded.file}`;
      return;
    }
    this.pending = recommender(loaded);
    this.pending.result.then(
      (result) => {
        if (this.cancelled) return;
        this.result = result;
        notify();
      },
      (error: unknown) => {
        if (this.cancelled) return;
        this.unavailable = `the recommendations could not be computed: ${error instanceof Error ? error.message : String(error)}`;
        notify();
      },
    );
  }

  get done(): boolean {
    return this.result !== undefined || this.unavailable !== undefined;
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
  }
}
