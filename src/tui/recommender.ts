/**
 * Where the recommendations are computed. Measuring them re-runs every
 * credential's worst case once per candidate (seconds on a model of a few
 * hundred credentials), so on a terminal they are computed in a worker thread
 * while the keyboard stays live; tests compute them in process.
 */
import { Worker } from 'node:worker_threads';
import { recommend, type RecommendResult } from '../analyses/recommendations/index.js';
import type { LoadedModel } from '../model/load.js';

export type Recommendable = Pick<LoadedModel, 'document' | 'model' | 'relations'>;

export interface PendingRecommendations {
  readonly result: Promise<RecommendResult>;
  cancel(): void;
}

export type Recommender = (loaded: Recommendable) => PendingRecommendations;

/** Beyond this many credentials the measuring would run for minutes: `leakradius recommend` is the tool then. */
export const MAX_RECOMMENDED_CREDENTIALS = 500;

export const inProcessRecommender: Recommender = (loaded) => ({
  result: new Promise((resolve) => setImmediate(() => resolve(recommend(loaded)))),
  cancel: () => undefined,
});

export const workerRecommender: Recommender = (loaded) => {
  const worker = new Worker(new URL('./recommend-worker.js', import.meta.url), {
    workerData: { document: loaded.document, model: loaded.model, relations: loaded.relations } satisfies Recommendable,
  });
  const result = new Promise<RecommendResult>((resolve, reject) => {
    worker.once('message', (message: { ok: true; result: RecommendResult } | { ok: false; error: string }) => {
      void worker.terminate();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
  return { result, cancel: () => void worker.terminate() };
};
