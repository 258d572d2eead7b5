/**
 * A large model's worst cases and CI findings, and those of each what-if
 * variant of it, computed off the TUI's thread (see analyst.ts). Requests run
 * one at a time, in order; one cancelled before it starts is skipped, and one
 * cancelled while it runs stops at the next rule.
 */
import type { Edit } from '../analyses/recommendations/types.js';
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  encode,
  ModelAnalyses,
  type AnalystInput,
  type AnalystMessage,
  type AnalystReply,
  type AnalystRequest,
} from './analyst.js';

const port = parentPort as MessagePort;
const analyses = new ModelAnalyses(workerData as AnalystInput);
const queue: { id: number; edits?: readonly Edit[] }[] = [];
const cancelled = new Set<number>();
let scheduled = false;

function take(request: AnalystRequest): void {
  if (request.type === 'analyse') queue.push(request);
  else cancelled.add(request.id);
}

/** Requests that came while a request runs, read without waiting for the event loop. */
function poll(): void {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port))
    take(m.message as AnalystRequest);
}

function work(): void {
  scheduled = false;
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    const { id } = job;
    if (cancelled.has(id)) continue;
    const post = (message: AnalystMessage) => port.postMessage({ id, data: encode(message) } satisfies AnalystReply);
    try {
      analyses.run(job.edits, post, () => {
        poll();
        return cancelled.has(id);
      });
    } catch (error) {
      post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

port.on('message', (request: AnalystRequest) => {
  take(request);
  if (!scheduled) {
    scheduled = true;
    setImmediate(work);
  }
});
