/**
 * Segmentation and delegation: credentials shared between tools, agents and
 * environments, or handed on by passthrough. Weights: medium 2, high 5,
 * critical 10; read 1, write 2, delete 3, deploy 4.
 */
import { describe, expect, it } from 'vitest';
import { baselineOf, rankCandidates, type Candidate } from '../../src/analyses/recommendations/index.js';
import { load } from '../helpers/model.js';
import { HEADER, applied, change, find, ids, recommendFor } from './helpers.js';

const tools = (grants: string) => `${HEADER}
agents: [{ id: bot, environment: prod, tools: [reader, writer] }]
tools:
  - { id: reader, kind: mcp, credential: shared }
  - { id: writer, kind: mcp, credential: shared }
resources:
  - { id: docs, kind: wiki, sensitivity: medium }
  - { id: db, kind: database, sensitivity: high }
credentials:
  - { id: shared, ttl: 10h, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [${grants}] }
workflows:
  - { id: w, agent: bot, duration: 20m, steps: [{ tool: reader, resource: docs, action: read }, { tool: writer, resource: db, action: write }] }
`;

describe('segmentation per tool', () => {
  it('gives each tool its own credential, narrowed to what its steps use', () => {
    const result = recommendFor(
      tools('{ resource: docs, actions: [read] }, { resource: db, actions: [write, delete] }'),
      ['segmentation'],
    );
    const r = find(result, 'segmentation:shared/user');
    expect(r.edits).toEqual([
      { op: 'remove', path: ['credentials', 0, 'grants', 1], old: { resource: 'db', actions: ['write', 'delete'] } },
      {
        op: 'copy-credential',
        from: ['credentials', 0],
        fields: { id: 'shared-writer', name: 'shared for tool writer' },
        keep: ['resource:db#write'],
        stored: true,
      },
      { op: 'set', path: ['tools', 1, 'credential'], old: 'shared', value: 'shared-writer' },
    ]);
    // Every credential stops at its 10h expiry, after bot's 20m task. Before: shared 2 + 10 + 15 = 27 for 10h = 270,
    // leaked, and as much for bot hijacked (it holds shared): 540.
    // After: shared (docs read) 2 x 10 = 20; shared-writer (db write) 10 x 10 = 100; 120 leaked, and bot holds both:
    // 120 hijacked. Total 240.
    expect(change(r, 'shared').after.timeWeightedScore).toBe(20);
    expect(change(r, 'shared-writer')).toEqual({
      credential: 'shared-writer',
      before: null,
      after: { exposureWindow: 36_000, score: 10, timeWeightedScore: 100 },
    });
    expect(r.effect.before.total).toBe(540);
    expect(r.effect.after.leakedCopy.total).toBe(120);
    expect(r.effect.after.total).toBe(240);
    const doc = applied(result, r);
    expect(doc.tools!.map((t) => t.credential)).toEqual(['shared', 'shared-writer']);
  });

  it('is not shown when splitting removes nothing: the two halves add up to the whole', () => {
    // Before (2 + 10) x 10 = 120; after 20 + 100 = 120.
    const result = recommendFor(tools('{ resource: docs, actions: [read] }, { resource: db, actions: [write] }'), [
      'segmentation',
    ]);
    expect(result.considered).toBe(1);
    expect(ids(result)).toEqual([]);
  });
});

const environments = (extraProdBot: boolean) => `${HEADER}
agents:
  - { id: prod-bot, environment: prod, credentials: [key] }
${extraProdBot ? '  - { id: prod-bot-2, environment: prod, credentials: [key] }\n' : ''}  - { id: stg-bot, environment: staging, credentials: [key] }
resources:
  - { id: prod-db, kind: database, sensitivity: critical, environment: prod }
  - { id: stg-db, kind: database, sensitivity: medium, environment: staging }
credentials:
  - id: key
    ttl: 10h
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    environments: [prod, staging]
    exposure: [logs]
    grants: [{ resource: prod-db, actions: [read, delete] }, { resource: stg-db, actions: [read, write] }]
workflows:
  - { id: report, agent: prod-bot, duration: 20m, steps: [{ resource: prod-db, action: read }] }
${extraProdBot ? '  - { id: report-2, agent: prod-bot-2, duration: 20m, steps: [{ resource: prod-db, action: read }] }\n' : ''}  - { id: test, agent: stg-bot, duration: 20m, steps: [{ resource: stg-db, action: read }, { resource: stg-db, action: write }] }
`;

describe('segmentation per environment', () => {
  it('gives staging its own credential, so a staging leak no longer reaches prod', () => {
    const result = recommendFor(environments(false), ['segmentation']);
    expect(ids(result)).toEqual(['segmentation:key/environment']); // one agent per environment: one split, named by environment
    const r = find(result, 'segmentation:key/environment');
    expect(r.edits).toEqual([
      { op: 'remove', path: ['credentials', 0, 'grants', 0, 'actions', 1], old: 'delete' },
      { op: 'remove', path: ['credentials', 0, 'grants', 1], old: { resource: 'stg-db', actions: ['read', 'write'] } },
      { op: 'set', path: ['credentials', 0, 'environments'], old: ['prod', 'staging'], value: ['prod'] },
      {
        op: 'copy-credential',
        from: ['credentials', 0],
        fields: { id: 'key-staging', name: 'key for staging', environments: ['staging'] },
        keep: ['resource:stg-db#read', 'resource:stg-db#write'],
        stored: true,
      },
      { op: 'remove', path: ['agents', 1, 'credentials', 0], old: 'key' },
      { op: 'append', path: ['agents', 1, 'credentials'], value: 'key-staging' },
    ]);
    // Before: 10 + 30 + 2 + 4 = 46 for 10h = 460 leaked, and 460 for each bot hijacked (both hold key, whose 10h
    // outlasts their 20m tasks): 1,380. After: key 10 x 10 = 100, key-staging 6 x 10 = 60, leaked; prod-bot holds
    // key (100), stg-bot key-staging (60): 320.
    expect(r.effect.before.total).toBe(1_380);
    expect(r.effect.after.leakedCopy.total).toBe(160);
    expect(r.effect.after.hijackedAgent.total).toBe(160);
    const doc = applied(result, r);
    expect(doc.credentials!.map((c) => [c.id, c.environments])).toEqual([
      ['key', ['prod']],
      ['key-staging', ['staging']],
    ]);
  });

  it('gives new credentials ids that no other credential has', () => {
    // A credential already called key-staging: the new one becomes key-staging-2.
    const taken = environments(false).replace(
      'workflows:',
      `  - { id: key-staging, ttl: 1h, grants: [{ resource: stg-db, actions: [read] }] }\nworkflows:`,
    );
    const r = find(recommendFor(taken, ['segmentation']), 'segmentation:key/environment');
    const copy = r.edits.find((e) => e.op === 'copy-credential');
    expect(copy && copy.op === 'copy-credential' && copy.fields.id).toBe('key-staging-2');
    expect(r.edits).toContainEqual({ op: 'append', path: ['agents', 1, 'credentials'], value: 'key-staging-2' });
  });

  it('offers per-agent and per-environment splits as alternatives, and combines only one', () => {
    const result = recommendFor(environments(true), ['segmentation']);
    // Before: 460 leaked + 3 x 460 hijacked = 1,840.
    // Per environment: key 100 (both prod bots read prod-db) + key-staging 60 = 160 leaked; the bots hijacked
    // 100 + 100 + 60 = 260: 420.
    // Per agent: key 100 + key-prod-bot-2 100 + key-stg-bot 60 = 260 leaked, and 260 hijacked: 520. Both below 1,840,
    // so both are shown.
    expect(ids(result)).toEqual(['segmentation:key/environment', 'segmentation:key/user']);
    expect(find(result, 'segmentation:key/environment').effect.after.total).toBe(420);
    expect(find(result, 'segmentation:key/user').effect.after.total).toBe(520);
    expect(find(result, 'segmentation:key/environment').conflicts).toEqual(['segmentation:key/user']);
    expect(result.combined.applied).toEqual(['segmentation:key/environment']);
    expect(result.combined.skipped.map((s) => s.id)).toEqual(['segmentation:key/user']);
    expect(result.combined.effect.after.total).toBe(420);
  });
});

const CHAIN = `${HEADER}
agents:
  - { id: boss, credentials: [tok], delegates: [{ to: sub, mode: passthrough }] }
  - { id: sub, credentials: [sub-key], delegates: [{ to: subsub, mode: passthrough }] }
  - { id: subsub }
resources:
  - { id: wiki, kind: wiki, sensitivity: medium }
  - { id: repo, kind: repository, sensitivity: high }
  - { id: pipeline, kind: ci-pipeline, sensitivity: critical }
credentials:
  - { id: tok, ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [logs], grants: [{ resource: wiki, actions: [read] }, { resource: repo, actions: [write] }, { resource: pipeline, actions: [deploy] }] }
  - { id: sub-key, ttl: 30d, binding: bearer, revocation: { mode: manual, propagation: 0s }, exposure: [prompt-context] }
workflows:
  - { id: lead, agent: boss, duration: 1h, steps: [{ resource: pipeline, action: deploy }, { delegate: sub }] }
  - { id: research, agent: sub, duration: 20m, steps: [{ resource: wiki, action: read, credential: tok }, { delegate: subsub }] }
  - { id: patch, agent: subsub, duration: 10m, steps: [{ resource: repo, action: write }] }
`;

describe('delegation', () => {
  // Before: tok is handed to sub, whose own key leaks through prompt contexts, so tok does too:
  // worst channel prompt-context, detected at 7d, manual revocation at 7d8h = 176h (expiry 30d is later).
  // tok reaches wiki read 2 + repo write 10 + pipeline deploy 40 = 52: 52 x 176 = 9,152. sub-key grants nothing.
  // Hijacked (detected through prompt-context at 7d), boss, sub and subsub each hold tok (sub and subsub by
  // passthrough), which the workload keeps using until 176h: 9,152 each, 27,456. Total 36,608.
  it('exchanges a passed-through token for one narrowed to what the delegates use', () => {
    const result = recommendFor(CHAIN, ['delegation']);
    expect(result.considered).toBe(2); // boss -> sub and sub -> subsub
    // sub -> subsub alone mints tok-for-subsub (repo write, 15m: 10m patch + 25%, rounded up) for subsub: leaked
    // copies tok 9,152 + tok-for-subsub (logs, expires first) 10 x 15/60 = 2.5; hijacked boss 9,152, sub 9,152,
    // subsub 2.5: 27,461. Below 36,608, so it is shown, after boss -> sub (below).
    expect(ids(result)).toEqual(['delegation:boss->sub', 'delegation:sub->subsub']);
    expect(find(result, 'delegation:sub->subsub').effect.after.total).toBeCloseTo(27_461, 9);
    const r = find(result, 'delegation:boss->sub');
    expect(r.edits).toEqual([
      {
        op: 'copy-credential',
        from: ['credentials', 0],
        fields: {
          id: 'tok-for-sub',
          name: 'tok exchanged for sub',
          description:
            'Minted by token exchange when boss delegates to sub, with only what the delegated workflows use.',
          ttl: '25m',
          issuance: 'per-task',
          derivedFrom: 'tok',
          revokedWithParent: true,
          // wiki read is sub's; repo write is subsub's, which gets the token from sub: a naive
          // narrowing to sub's own workflow would stop workflow `patch`.
          grants: [
            { resource: 'wiki', actions: ['read'] },
            { resource: 'repo', actions: ['write'] },
          ],
        },
        omit: ['maxLifetime'],
        stored: false,
      },
      { op: 'set', path: ['agents', 0, 'delegates', 0, 'mode'], old: 'passthrough', value: 'exchange' },
      { op: 'set', path: ['agents', 0, 'delegates', 0, 'credential'], value: 'tok-for-sub' },
      { op: 'set', path: ['workflows', 1, 'steps', 0, 'credential'], old: 'tok', value: 'tok-for-sub' },
    ]);
    expect(r.effect.before.leakedCopy.total).toBe(9_152);
    expect(r.effect.before.total).toBe(36_608);
    // After: tok leaks only through logs: 2d + 8h = 56h, 52 x 56 = 2,912.
    // tok-for-sub: 25m TTL (20m research + 25%); it sits with sub, so it leaks through prompt contexts,
    // but expires first: (2 + 10) x 25/60 = 5.
    // Hijacked: boss still holds tok (9,152; the tok-for-sub it can mint dies with tok). sub holds tok-for-sub until
    // 25m (its task, 20m, ends first): 5; subsub, handed it by passthrough: 5. 9,162.
    expect(change(r, 'tok').after.timeWeightedScore).toBe(2_912);
    expect(change(r, 'tok-for-sub').after.timeWeightedScore).toBeCloseTo(5, 9);
    expect(r.effect.after.leakedCopy.total).toBeCloseTo(2_917, 9);
    expect(r.effect.after.hijackedAgent.total).toBeCloseTo(9_162, 9);
    applied(result, r); // loads, every workflow permitted
  });

  it('withholds a naive exchange that would stop a downstream workflow', () => {
    const loaded = load(CHAIN);
    const good = find(recommendFor(CHAIN, ['delegation']), 'delegation:boss->sub');
    const naive: Candidate = {
      ...good,
      id: 'naive',
      edits: good.edits.map((e) =>
        e.op === 'copy-credential'
          ? { ...e, fields: { ...e.fields, grants: [{ resource: 'wiki', actions: ['read'] }] } }
          : e,
      ),
    };
    const result = rankCandidates(baselineOf(loaded), [naive]);
    expect(result.recommendations).toEqual([]);
    expect(result.withheld).toEqual([
      {
        id: 'naive',
        title: good.title,
        reason: 'workflow "patch" step 1: no credential available to agent "subsub" grants "write" on "repo"',
      },
    ]);
  });

  it('does not appear for an exchange; for a passthrough that exposes nothing new, it is measured on the hijack', () => {
    const exchanged = CHAIN.replace('{ to: sub, mode: passthrough }', '{ to: sub, mode: exchange, credential: tok }');
    expect(ids(recommendFor(exchanged, ['delegation']))).not.toContain('delegation:boss->sub');
    // Without sub's prompt-context channel, the exchange changes nothing about how tok leaks and adds a token that
    // can leak: the leaked-copy risk rises by tok-for-sub's 5 (logs, 2d, after its 25m expiry; tok 52 x 56 = 2,912
    // either way). But sub and subsub no longer hold tok: hijacked, they fall from 9,152 each to 5 each, so the
    // total falls from 2,912 + 27,456 = 30,368 to 2,917 + 9,162 = 12,079.
    const quiet = CHAIN.replace('exposure: [prompt-context]', 'exposure: [logs]');
    const r = find(recommendFor(quiet, ['delegation']), 'delegation:boss->sub');
    expect(r.effect.before.total).toBe(30_368);
    expect(r.effect.after.leakedCopy.total - r.effect.before.leakedCopy.total).toBeCloseTo(5, 9);
    expect(r.effect.after.total).toBeCloseTo(12_079, 9);
  });
});
