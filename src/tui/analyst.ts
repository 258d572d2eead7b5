/**
 * Where a large model's background analyses run: every credential's worst
 * case and the CI findings, for the open model and then for each what-if
 * variant of it. On a model of thousands of credentials each takes from a few
 * hundred milliseconds to seconds in one piece, which would hold every key
 * that long. On a terminal they run in one worker thread per open model,
 * which loads the model from its text once (the loaded model would take
 * longer to copy across than to parse) and keeps it for the variants; results
 * come back serialized in chunks, and the TUI's thread takes in one chunk a
 * turn. Tests run the same analyses in process.
 */
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { compareFindings, ModelCheck, ruleOutcomes } from '../analyses/check/engine.js';
import { plainFinding } from '../analyses/check/finding.js';
import type { Finding } from '../analyses/check/types.js';
import { prepareAnalysis } from '../analyses/context.js';
import { applyEdits } from '../analyses/recommendations/edits.js';
import type { Edit } from '../analyses/recommendations/types.js';
import { RULES } from '../analyses/rules/index.js';
import { worstCases, type WorstCase } from '../analyses/simulation/worst-case.js';
import { loadModel, type LoadResult, type ModelOnly } from '../model/load.js';
import type { Policy } from '../model/policy.js';
import { deriveModel } from './whatif.js';

/** The model the analyses are run on: its file's text, and the check's settings (without them, no findings). */
export interface AnalystInput {
  readonly file: string;
  readonly text: string;
  /** The model's name, for a variant whose document has none. */
  readonly fallbackName: string;
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

/** The analyst of one open model: its own analyses (no edits), then a variant's for each what-if (its edits). */
export interface AnalystSession {
  analyse(edits: readonly Edit[] | undefined, feed: AnalystFeed): { cancel(): void };
  close(): void;
}

export type Analyst = (input: AnalystInput) => AnalystSession;

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
 * The analyses of one model and its variants, each result posted as a
 * message as soon as it is known. The same code runs in the worker and, for
 * tests, in process. The model is loaded once, on the first request.
 */
export class ModelAnalyses {
  private loaded?: LoadResult;

  constructor(private readonly input: AnalystInput) {}

  /** Runs one request; `stopped` is asked between rules, so a variant replaced meanwhile is dropped early. */
  run(edits: readonly Edit[] | undefined, post: (message: AnalystMessage) => void, stopped: () => boolean): void {
    const { input } = this;
    const loaded = (this.loaded ??= loadModel(input.file, input.text));
    if (!loaded.ok) return post({ type: 'failed', message: 'the model no longer loads' });
    let subject: ModelOnly = loaded.loaded;
    if (edits !== undefined && edits.length > 0) {
      const { document } = applyEdits(loaded.loaded.document, edits);
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
    for (const [i, rule] of RULES.entries()) {
      if (stopped()) return;
      if (outcomes.get(rule.id)!.enabled) for (const f of check.run(rule)) found.push(f);
      post({ type: 'ruleDone', rulesDone: i + 1 });
    }
    const sorted = found.sort(compareFindings).map(plainFinding);
    for (let i = 0; i < sorted.length; i += CHUNK) post({ type: 'findings', chunk: sorted.slice(i, i + CHUNK) });
    post({ type: 'findingsDone' });
  }
}

/** Whether a request has nothing more to say after `message`. */
function isLast(message: AnalystMessage, input: AnalystInput): boolean {
  return (
    message.type === 'failed' || message.type === 'findingsDone' || (message.type === 'worstCasesDone' && !input.check)
  );
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
export const inProcessAnalyst: Analyst = (input) => {
  const analyses = new ModelAnalyses(input);
  return {
    analyse(edits, feed) {
      let cancelled = false;
      const handle = setImmediate(() => {
        const messages: AnalystMessage[] = [];
        analyses.run(
          edits,
          (m) => messages.push(m),
          () => cancelled,
        );
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
    },
    close: () => undefined,
  };
};

/** A request to the worker, or the cancellation of one. */
export type AnalystRequest =
  | { readonly type: 'analyse'; readonly id: number; readonly edits?: readonly Edit[] }
  | { readonly type: 'cancel'; readonly id: number };

/** A result from the worker: an `AnalystMessage` serialized, taken in (deserialized) on a turn of its own. */
export interface AnalystReply {
  readonly id: number;
  readonly data: Uint8Array;
}

/** Serializes a message the way the TUI's thread reads it back (Infinity and undefined kept, unlike JSON). */
export function encode(message: AnalystMessage): Uint8Array {
  return serialize(message);
}

/** The analyses in a worker thread kept for the open model, stopped when it is closed. */
export const workerAnalyst: Analyst = (input) => {
  const worker = new Worker(new URL('./analyst-worker.js', import.meta.url), { workerData: input });
  worker.unref();
  const feeds = new Map<number, AnalystFeed>();
  const inbox: AnalystReply[] = [];
  let draining = false;
  let nextId = 0;
  // One chunk a turn: the port hands over every waiting message at once, and taking in all of them is a long turn.
  const drain = () => {
    const reply = inbox.shift();
    if (reply === undefined) {
      draining = false;
      return;
    }
    const feed = feeds.get(reply.id);
    if (feed) {
      const message = deserialize(reply.data) as AnalystMessage;
      if (isLast(message, input)) feeds.delete(reply.id);
      deliver(message, feed);
    }
    setImmediate(drain);
  };
  worker.on('message', (reply: AnalystReply) => {
    if (!feeds.has(reply.id)) return;
    inbox.push(reply);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  });
  worker.on('error', (error) => {
    const waiting = [...feeds.values()];
    feeds.clear();
    for (const feed of waiting) feed.failed(error.message);
  });
  return {
    analyse(edits, feed) {
      const id = nextId++;
      feeds.set(id, feed);
      worker.postMessage({ type: 'analyse', id, edits } satisfies AnalystRequest);
      return {
        cancel: () => {
          if (feeds.delete(id)) worker.postMessage({ type: 'cancel', id } satisfies AnalystRequest);
        },
      };
    },
    close: () => {
      feeds.clear();
      void worker.terminate();
    },
  };
};
