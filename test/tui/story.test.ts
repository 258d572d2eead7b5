/** Workshop stories are read off one simulation result; the numbers are those of test/tui/models.ts. */
import { describe, expect, it } from 'vitest';
import { simulateLeak } from '../../src/analyses/simulation/leak.js';
import { holdingsAt, scenarioLeakInput, storyEvents } from '../../src/tui/story.js';
import { analysis, D, H } from '../helpers/model.js';
import { PAT_MODEL, TOKEN_MODEL } from './models.js';

describe('story of a leak', () => {
  const result = simulateLeak(analysis(PAT_MODEL), { credential: 'pat', channel: 'prompt-context' });
  const events = storyEvents(result);

  it('has the events in time order, the harvest after the first replay at the same second', () => {
    expect(events.map((e) => [e.kind, e.at])).toEqual([
      ['issued', 0],
      ['leaked', 0],
      ['first-replay', 0],
      ['harvest', 0],
      ['detection', 7 * D],
      ['revocation', 7 * D + 8 * H],
      ['stop', 7 * D + 8 * H],
      ['all-dead', 8 * D + 8 * H], // deploy-key: detected 7d + 1d, revoked 8h later
    ]);
  });

  it('gives what the attacker holds at each event', () => {
    const held = events.map((_, i) => {
      const h = holdingsAt(result, events, i);
      return [h.credentials.map((c) => c.id).join(','), h.impact];
    });
    expect(held).toEqual([
      ['', 0], // issued: nothing leaked yet
      ['pat', 0], // leaked: the attacker has the PAT, has not used it
      ['pat', 15], // first replay: repo read 5 + write 10
      ['deploy-key,pat', 55], // harvest: + cluster deploy 40
      ['deploy-key,pat', 55], // detection changes nothing by itself
      ['deploy-key', 40], // revocation at 7d8h with no propagation: the PAT is dead
      ['deploy-key', 40],
      ['', 0], // 8d8h: the deploy key stops too
    ]);
  });

  it('tells a leak that cannot be replayed', () => {
    const bound = simulateLeak(analysis(PAT_MODEL), { credential: 'wiki-token' });
    const story = storyEvents(bound);
    expect(story.find((e) => e.kind === 'first-replay')?.text).toContain('cannot replay wiki-token');
    expect(story.every((_, i) => holdingsAt(bound, story, i).credentials.length === 0)).toBe(true);
  });

  it('says when the credential expires rather than being revoked', () => {
    const short = simulateLeak(analysis(TOKEN_MODEL.replace('ttl: 30d', 'ttl: 1d')), { credential: 'token' });
    expect(storyEvents(short).find((e) => e.kind === 'stop')).toEqual({ kind: 'stop', at: D, text: 'token expires' });
  });

  it('reads the leak a scenario describes', () => {
    expect(
      scenarioLeakInput({
        kind: 'scenario',
        version: 1,
        name: 'x',
        model: 'm.yaml',
        leak: { credential: 'pat', at: '1h', channel: 'logs' },
        hopDelay: '5m',
      }),
    ).toEqual({
      credential: 'pat',
      at: H,
      channel: 'logs',
      attacker: 'external',
      hopDelay: 300,
    });
  });
});
