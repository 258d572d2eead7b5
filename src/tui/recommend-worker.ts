/** The recommendations of one model, computed off the TUI's thread (see recommender.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { recommend } from '../analyses/recommendations/index.js';
import type { Recommendable } from './recommender.js';

try {
  parentPort?.postMessage({ ok: true, result: recommend(workerData as Recommendable) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
