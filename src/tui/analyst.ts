/**
 * Where a large model's background analyses run: every credential's worst
 * case and the CI findings, for the open model or for a what-if variant of it.
 * On a model of thousands of credentials each takes from a few hundred
 * milliseconds to seconds in one piece, which would hold every key that long;
 * on a terminal they run in a worker thread, which loads the model from its
 * text again (the loaded model would take longer to copy across than to
 * parse), and the results come back in chunks small enough that taking one
 * in is a short turn. Tests run the same analyses in process.
 */
import { Worker } from 'node:worker_threads';
import { compareFindings, ModelCheck, ruleOutcomes } from '../analyses/check/engine.js';
import { plainFinding } from '../analyses/check/finding.js';
import type { Finding } from '../analyses/check/types.js';
import { applyEdits } from '../analyses/recommendations/edits.js';
import type { Edit } from '../analyses/recommendations/types.js';
import { RULES } from '../analyses/rules/index.js';
import { worstCases, type WorstCase } from '../analyses/simulation/worst-case.js';
import { prepareAnalysis } from '../analyses/context.js';
import { loadModel, type ModelOnly } from '../model/load.js';
import type { Policy } from '../model/policy.js';
import { deriveModel } from './whatif.js';

/** What the analyses are run on: a model file's text, and for a variant the edits the what-if applied to it. */
export interface AnalystInput {
  readonly file: string;
  readonly text: string;
  /** The variant's edits of the document as written (none: the model itself). */
  readonly edits?: readonly Edit[];
  /** The model's name, for a variant whose document has none. */
  readonly fallbackName: string;
  /** The check's settings; without them no findings are computed. */
  readonly check?: { readonly policy: Policy; readonly today: string };
}

/** Told of results as they come, in this order: worst cases (in chunks), rules done, findings (in chunks, in report order). */
export interface AnalystFeed {
  worstCases(chunk: readonly WorstCase[]): void;
  worstCasesDone(): void;
  ruleDone(rulesDone: number): void;
  findings(chunk: readonly Finding[]): void;
  findingsDone(): void;
  failed(message: string): void;
}

export type Analyst = (input: AnalystInput, feed: AnalystFeed) => { cancel(): void };

/** Results per message: taking in a chunk of this many is a few milliseconds. */
const CHUNK = 2_000;

export type AnalystMessage =
  | { readonly type: 'worstCases'; readonly chunk: readonly WorstCase[] }
  | { readonly type: 'worstCasesDone' }
  | { readonly type: 'ruleDone'; readonly rulesDone: number }
  | { readonly type: 'findings'; readonly chunk: readonly Finding[] }
  | { readonly type: 'findingsDone' }
  | { readonly type: 'failed'; readonly message: string };

/**
 * The analyses of `input`, each result posted as a message as soon as it is
 * known. The same code runs in the worker and, for tests, in process.
 */
export function analyse(input: AnalystInput, post: (message: AnalystMessage) => void): void {
  const loaded = loadModel(input.file, input.text);
  if (!loaded.ok) return post({ type: 'failed', message: 'the model no longer loads' });
  let subject: ModelOnly = loaded.loaded;
  if (input.edits !== undefined && input.edits.length > 0) {
    const { document } = applyEdits(loaded.loaded.document, input.edits);
    const derived = deriveModel(document, input.fallbackName);
    if (!derived.ok) return post({ type: 'failed', message: derived.problems[0] ?? 'the variant is not valid' });
    // The source map of the file as written: lines of findings point into the original.
    subject = { ...loaded.loaded, model: derived.model, relations: derived.relations };
  }
  const ctx = prepareAnalysis(subject.model, subject.relations);
  const cases = worstCases(ctx);
  for (let i = 0; i < cases.length; i += CHUNK) post({ type: 'worstCases', chunk: cases.slice(i, i + CHUNK) });
  post({ type: 'worstCasesDone' });
  if (!input.check) return;
  const outcomes = ruleOutcomes(RULES, input.check.policy);
  const byCredential = new Map(cases.map((c) => [c.credential, c]));
  const check = new ModelCheck(
    subject,
    {
      policy: input.check.policy,
      today: input.check.today,
      failOn: 'high',
      prepared: () => ({ ctx, worstCases: byCredential }),
    },
    outcomes,
  );
  const found: Finding[] = [];
  RULES.forEach((rule, i) => {
    if (outcomes.get(rule.id)!.enabled) for (const f of check.run(rule)) found.push(f);
    post({ type: 'ruleDone', rulesDone: i + 1 });
  });
  const sorted = found.sort(compareFindings).map(plainFinding);
  for (let i = 0; i < sorted.length; i += CHUNK) post({ type: 'findings', chunk: sorted.slice(i, i + CHUNK) });
  post({ type: 'findingsDone' });
}

function deliver(message: AnalystMessage, feed: AnalystFeed): void {
  switch (message.type) {
    case 'worstCases':
      return feed.worstCases(message.chunk);
    case 'worstCasesDone':
      return feed.worstCasesDone();
    case 'ruleDone':
      return feed.ruleDone(message.rulesDone);
    case 'findings':
      return feed.findings(message.chunk);
    case 'findingsDone':
      return feed.findingsDone();
    case 'failed':
      return feed.failed(message.message);
  }
}

/** The analyses in process, each message delivered on a later turn (as from a worker): for tests. */
export const inProcessAnalyst: Analyst = (input, feed) => {
  let cancelled = false;
  const handle = setImmediate(() => {
    const messages: AnalystMessage[] = [];
    analyse(input, (m) => messages.push(m));
    const next = () => {
      const message = messages.shift();
      if (cancelled || message === undefined) return;
      deliver(message, feed);
      setImmediate(next);
    };
    next();
  });
  return {
    cancel: () => {
      cancelled = true;
      clearImmediate(handle);
    },
  };
};

/** The analyses in a worker thread, stopped when cancelled. */
export const workerAnalyst: Analyst = (input, feed) => {
  const worker = new Worker(new URL('./analyst-worker.js', import.meta.url), { workerData: input });
  let finished = false;
  worker.on('message', (message: AnalystMessage) => {
    if (finished) return;
    if (
      message.type === 'failed' ||
      message.type === 'findingsDone' ||
      (message.type === 'worstCasesDone' && !input.check)
    ) {
      finished = true;
      void worker.terminate();
    }
    deliver(message, feed);
  });
  worker.once('error', (error) => {
    if (finished) return;
    finished = true;
    feed.failed(error.message);
  });
  return {
    cancel: () => {
      finished = true;
      void worker.terminate();
    },
  };
};
