/** A large model's worst cases and CI findings, computed off the TUI's thread (see analyst.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { analyse, type AnalystInput } from './analyst.js';

try {
  analyse(workerData as AnalystInput, (message) => parentPort?.postMessage(message));
} catch (error) {
  parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
