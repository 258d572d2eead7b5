/** The session caches analyses, computes risk in slices, and carries what-if changes across reloads. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/analyses/check/engine.js';
import { riskPart } from '../../src/analyses/simulation/risk.js';
import { worstCases } from '../../src/analyses/simulation/worst-case.js';
import { BULK_FROM_CREDENTIALS } from '../../src/tui/background.js';
import { TuiStore } from '../../src/tui/session.js';
import { policy } from '../helpers/check.js';
import { analysis, load } from '../helpers/model.js';
import { ManualScheduler, MemoryFiles } from './helpers.js';
import { BAD_MODEL, TOKEN_MODEL, manyCredentials } from './models.js';

describe('session', () => {
  it('computes every worst case in slices and then the same total risk as the engine', () => {
    const text = manyCredentials(BULK_FROM_CREDENTIALS - 500);
    const scheduler = new ManualScheduler();
    const store = new TuiStore(
      new MemoryFiles({ 'models/big.yaml': text }),
      { files: [], open: 'models/big.yaml' },
      scheduler.schedule,
    );
    const job = store.session!.risk;
    expect(job.finished).toBe(false);
    expect(job.totalRisk).toBeUndefined();
    let slices = 0;
    let done = job.done;
    while (scheduler.pending > 0) {
      scheduler.runOne();
      expect(job.done).toBeGreaterThanOrEqual(done);
      done = job.done;
      slices++;
    }
    expect(slices).toBeGreaterThan(0);
    expect(job.done).toBe(BULK_FROM_CREDENTIALS - 500); // no agent, so no hijacked-agent worst case to compute
    expect(job.totalRisk?.leakedCopy.total).toBe(riskPart(worstCases(analysis(text))).total);
    expect(job.totalRisk?.hijackedAgent.total).toBe(0);
    store.dispose();
  });

  it('on a large model, computes every worst case in one bulk step after the first frame', () => {
    const text = manyCredentials(BULK_FROM_CREDENTIALS + 500);
    const scheduler = new ManualScheduler();
    const store = new TuiStore(
      new MemoryFiles({ 'models/big.yaml': text }),
      { files: [], open: 'models/big.yaml' },
      scheduler.schedule,
    );
    const job = store.session!.risk;
    expect(job.done).toBe(0); // nothing before the first frame
    scheduler.runOne();
    expect(job.finished).toBe(true);
    const expected = worstCases(analysis(text));
    expect(job.totalRisk?.leakedCopy.total).toBe(riskPart(expected).total);
    expect(JSON.stringify(store.session!.analysis.knownWorstCase(expected[7].credential))).toBe(
      JSON.stringify(expected[7]),
    );
    store.dispose();
  });

  it('shows the same findings as leakradius check, one rule per turn, under a policy that disables and accepts', () => {
    const file = 'models/orchestrator.yaml';
    const text = readFileSync(file, 'utf8');
    const settings = {
      policy: policy(
        'kind: policy\nversion: 1\nrules: { LR016: { enabled: false }, LR001: { severity: low } }\naccept:\n  - { finding: "LR005@credential:*", owner: sec-team, reason: workshop, expires: 2030-01-01 }\n',
      ),
      today: '2026-01-01',
    };
    const scheduler = new ManualScheduler();
    const store = new TuiStore(
      new MemoryFiles({ [file]: text }),
      { files: [], open: file, check: settings },
      scheduler.schedule,
    );
    let turns = 0;
    while (scheduler.pending > 0) {
      scheduler.runOne();
      turns++;
    }
    const shown = store.session!.findings!.findings!;
    const expected = runCheck([load(text, file)], { ...settings, failOn: 'high' }).findings;
    expect(turns).toBeGreaterThan(16); // the 16 rules, a turn each
    expect(shown.some((f) => f.rule === 'LR016')).toBe(false);
    expect(shown.filter((f) => f.rule === 'LR005').every((f) => f.status === 'accepted')).toBe(true);
    expect(shown.find((f) => f.rule === 'LR001')?.severity).toBe('low');
    expect(JSON.stringify(shown)).toBe(JSON.stringify(expected));
    store.dispose();
  });

  it('stops its background work when the model is closed', () => {
    const scheduler = new ManualScheduler();
    const store = new TuiStore(
      new MemoryFiles({ 'models/big.yaml': manyCredentials(2000) }),
      { files: [], open: 'models/big.yaml' },
      scheduler.schedule,
    );
    store.dispose();
    expect(scheduler.pending).toBe(0);
  });

  it('keeps what-if changes across a reload, and across an invalid save in between', () => {
    const io = new MemoryFiles({ 'models/t.yaml': TOKEN_MODEL });
    const scheduler = new ManualScheduler();
    const store = new TuiStore(io, { files: [], open: 'models/t.yaml' }, scheduler.schedule);
    store.session!.whatIf.change('token', 'ttl', '1d');
    store.session!.whatIf.change('token', 'binding', 'workload-bound');
    store.session!.whatIf.change('token', 'binding', 'bearer'); // back to as written: dropped
    expect(store.session!.whatIf.deriving).toBe(true);
    expect(scheduler.pending).toBe(1); // keys pressed together are derived once
    scheduler.runAll();
    expect(store.session!.whatIf.variant.worstCase('token').exposureWindow).toBe(86_400);
    io.edit('models/t.yaml', TOKEN_MODEL.replace('sensitivity: high', 'sensitivity: critical'));
    expect(store.session!.whatIf.describe()).toEqual(['ttl of token: 30d → 1d']);
    io.edit('models/t.yaml', BAD_MODEL);
    expect(store.opened?.kind).toBe('invalid');
    io.edit('models/t.yaml', TOKEN_MODEL);
    expect(store.session!.whatIf.describe()).toEqual(['ttl of token: 30d → 1d']);
    scheduler.runAll();
    // 1d of access to repo (high: read 5 + write 10): 15 × 24 = 360.
    expect(store.session!.whatIf.variant.worstCase('token').timeWeightedScore).toBe(360);
    store.dispose();
  });

  it('refuses a change the loader refuses, and keeps the last valid changes', () => {
    const io = new MemoryFiles({
      'models/s.yaml': 'version: 1\ncredentials:\n  - { id: s, kind: aws-sts-session, ttl: 1h }\n',
    });
    const scheduler = new ManualScheduler();
    const store = new TuiStore(io, { files: [], open: 'models/s.yaml' }, scheduler.schedule);
    const whatIf = store.session!.whatIf;
    whatIf.change('s', 'ttl', '8h');
    scheduler.runAll();
    whatIf.change('s', 'ttl', '1d');
    scheduler.runAll();
    expect(whatIf.refused).toContain('above the 12h maximum');
    expect(whatIf.describe()).toEqual(['ttl of s: 1h → 8h']);
    store.dispose();
  });

  it('ignores a change event when the text did not change', () => {
    const io = new MemoryFiles({ 'models/t.yaml': TOKEN_MODEL });
    const store = new TuiStore(io, { files: [], open: 'models/t.yaml' });
    const before = store.session;
    io.edit('models/t.yaml', TOKEN_MODEL);
    expect(store.session).toBe(before);
    store.dispose();
    expect(io.watchers.get('models/t.yaml')?.size).toBe(0);
  });

  it('reports a scenario whose model or credential is missing', () => {
    const io = new MemoryFiles({ 'models/t.yaml': TOKEN_MODEL });
    const store = new TuiStore(io, { files: [] });
    const story = store.runScenario({
      file: 'scenarios/s.yaml',
      scenario: { kind: 'scenario', version: 1, name: 's', model: '../models/t.yaml', leak: { credential: 'nope' } },
      diagnostics: [],
    });
    expect(story.kind).toBe('invalid');
    if (story.kind === 'invalid') expect(story.diagnostics[0].message).toContain('"nope"');
    const missing = store.runScenario({
      file: 'scenarios/s.yaml',
      scenario: { kind: 'scenario', version: 1, name: 's', model: '../models/x.yaml', leak: { credential: 'token' } },
      diagnostics: [],
    });
    expect(missing).toMatchObject({ kind: 'invalid', file: 'models/x.yaml' });
  });
});
