/**
 * A large model's worst cases and findings come from the analyst (a worker
 * thread on a terminal): the TUI's thread only takes them in, and they are
 * exactly what the engine computes here, for the model and for a what-if
 * variant of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/analyses/check/engine.js';
import { riskPart } from '../../src/analyses/simulation/risk.js';
import { worstCases } from '../../src/analyses/simulation/worst-case.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import {
  ModelAnalyses,
  inProcessAnalyst,
  type Analyst,
  type AnalystInput,
  type AnalystMessage,
} from '../../src/tui/analyst.js';
import type { Edit } from '../../src/analyses/recommendations/types.js';
import { BULK_FROM_CREDENTIALS } from '../../src/tui/background.js';
import { changeEdits } from '../../src/tui/whatif.js';
import { TuiStore, type ModelSession } from '../../src/tui/session.js';
import { analysis, load } from '../helpers/model.js';
import { ManualScheduler, MemoryFiles } from './helpers.js';
import { manyCredentials } from './models.js';

const CHECK = { policy: DEFAULT_POLICY, today: '2026-01-01' };
const FILE = 'models/big.yaml';

function open(text: string, analyst: Analyst) {
  const scheduler = new ManualScheduler();
  const store = new TuiStore(
    new MemoryFiles({ [FILE]: text }),
    { files: [], open: FILE, check: CHECK, analyst },
    scheduler.schedule,
  );
  return { store, scheduler, session: store.session! };
}

/** Waits until the session's background work is done, running what it scheduled on this thread. */
async function settled(session: ModelSession, scheduler: ManualScheduler): Promise<void> {
  for (let i = 0; i < 2_000 && session.busy; i++) {
    scheduler.runAll();
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(session.busy).toBe(false);
}

describe('the analyst', () => {
  it('gives a large model its worst cases and findings with nothing run on the TUI thread, as computed here', async () => {
    const text = manyCredentials(BULK_FROM_CREDENTIALS + 500);
    const { store, scheduler, session } = open(text, inProcessAnalyst);
    expect(scheduler.pending).toBe(0); // no bulk step, no rule is scheduled on this thread
    await settled(session, scheduler);
    expect(session.risk.totalRisk?.leakedCopy.total).toBe(riskPart(worstCases(analysis(text))).total);
    const expected = runCheck([load(text, FILE)], { ...CHECK, failOn: 'high' }).findings;
    expect(expected.length).toBeGreaterThan(BULK_FROM_CREDENTIALS);
    expect(JSON.stringify(session.findings!.findings)).toBe(JSON.stringify(expected));
    store.dispose();
  });

  it("knows the edited credential's new worst case as soon as the variant is derived, and the variant's findings as computed here", async () => {
    const text = manyCredentials(BULK_FROM_CREDENTIALS + 500);
    const { store, scheduler, session } = open(text, inProcessAnalyst);
    await settled(session, scheduler);
    // c7 is written with ttl 8d (1 + 7 % 90): 1h instead, on the same line, so findings keep their places.
    session.whatIf.change('c7', 'ttl', '1h');
    scheduler.runAll(); // the variant derived
    const variantText = text.replace('{ id: c7, ttl: 8d,', '{ id: c7, ttl: 1h,');
    const variantCases = worstCases(analysis(variantText));
    const c7 = variantCases.find((w) => w.credential === 'c7')!;
    expect(JSON.stringify(session.whatIf.variant.knownWorstCase('c7'))).toBe(JSON.stringify(c7));
    expect(session.whatIf.risk.finished).toBe(false); // the rest still to come from the analyst
    await settled(session, scheduler);
    expect(session.whatIf.risk.totalRisk?.leakedCopy.total).toBe(riskPart(variantCases).total);
    const expected = runCheck([load(variantText, FILE)], { ...CHECK, failOn: 'high' }).findings;
    expect(JSON.stringify(session.whatIf.findings!.findings)).toBe(JSON.stringify(expected));
    expect(session.whatIf.findings!.findings).not.toEqual(session.findings!.findings);
    store.dispose();
  });

  it('computes them on the TUI thread after all when the analyst fails', async () => {
    const text = manyCredentials(BULK_FROM_CREDENTIALS + 10);
    const failing: Analyst = () => ({
      analyse: (_edits, feed) => {
        const handle = setImmediate(() => feed.failed('out of memory'));
        return { cancel: () => clearImmediate(handle) };
      },
      close: () => undefined,
    });
    const { store, scheduler, session } = open(text, failing);
    await settled(session, scheduler);
    expect(session.risk.totalRisk?.leakedCopy.total).toBe(riskPart(worstCases(analysis(text))).total);
    const expected = runCheck([load(text, FILE)], { ...CHECK, failOn: 'high' }).findings;
    expect(JSON.stringify(session.findings!.findings)).toBe(JSON.stringify(expected));
    store.dispose();
  });

  it('in a worker thread (the built one) sends what it computes in process, for the model and then a variant, a replaced request dropped', async () => {
    const file = 'models/orchestrator.yaml';
    const input: AnalystInput = { file, text: readFileSync(file, 'utf8'), fallbackName: 'x', check: CHECK };
    const loaded = load(input.text, file);
    const variant = changeEdits(
      loaded.document,
      new Map([[loaded.model.credentials[0].id, { binding: 'workload-bound' }]]),
    );
    const here = (edits?: readonly Edit[]) => {
      const messages: AnalystMessage[] = [];
      new ModelAnalyses(input).run(
        edits,
        (m) => messages.push(m),
        () => false,
      );
      return messages;
    };
    const built = (await import(
      join(process.cwd(), 'dist', 'tui', 'analyst.js')
    )) as typeof import('../../src/tui/analyst.js');
    const analyst = built.workerAnalyst(input);
    const there = (edits?: readonly Edit[]) => {
      const messages: AnalystMessage[] = [];
      let request: { cancel(): void } | undefined;
      const done = new Promise<AnalystMessage[]>((resolve, reject) => {
        const record = (message: AnalystMessage) => messages.push(message);
        request = analyst.analyse(edits, {
          worstCases: (chunk) => record({ type: 'worstCases', chunk }),
          worstCasesDone: () => record({ type: 'worstCasesDone' }),
          ruleDone: (rulesDone) => record({ type: 'ruleDone', rulesDone }),
          findings: (chunk) => record({ type: 'findings', chunk }),
          findingsDone: () => resolve([...messages, { type: 'findingsDone' }]),
          failed: (message) => reject(new Error(message)),
        });
      });
      return { done, request: request!, messages };
    };
    const model = there();
    const replaced = there([]);
    replaced.request.cancel();
    const changed = there(variant);
    expect(JSON.stringify(await model.done)).toBe(JSON.stringify(here()));
    const expected = here(variant);
    expect(JSON.stringify(await changed.done)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(expected)).not.toBe(JSON.stringify(here()));
    expect(expected.some((m) => m.type === 'findings' && m.chunk.length > 0)).toBe(true);
    expect(replaced.messages).toEqual([]);
    analyst.close();
  });
});
