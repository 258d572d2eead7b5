/**
 * Acceptance patterns are matched in linear time, without regular
 * expressions: a pattern of stars cannot hang `check`, and a pattern too long
 * to read is refused, its value cut in the message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFindingPattern, matchesFinding } from '../../src/analyses/check/acceptance.js';
import { checkYaml } from '../helpers/check.js';
import { messagesOf } from '../helpers/model.js';

// One credential with a static bearer PAT: several findings, each matched against the patterns.
const MODEL = `version: 1
agents:
  - { id: coder, credentials: [pat] }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - { id: pat, subject: human, ttl: never, exposure: [logs], grants: [{ resource: repo, actions: [read, write] }] }
`;

/** A glob matcher written the obvious way, to compare against: each `*` tries every split. */
function slowMatch(pattern: string, id: string): boolean {
  if (pattern === '') return id === '';
  if (pattern[0] === '*') {
    for (let k = 0; k <= id.length; k++) if (slowMatch(pattern.slice(1), id.slice(k))) return true;
    return false;
  }
  return id !== '' && id[0] === pattern[0] && slowMatch(pattern.slice(1), id.slice(1));
}

describe('acceptance patterns', () => {
  it('match as globs: `*` any run of characters, everything else literally', () => {
    const m = (p: string, id: string) => matchesFinding(compileFindingPattern(p), id);
    expect(m('LR004@credential:*', 'LR004@credential:ci-token')).toBe(true);
    expect(m('LR004@credential:*', 'LR004@agent:ci')).toBe(false);
    expect(m('LR0*@*:gh-*', 'LR014@credential:gh-pat')).toBe(true);
    expect(m('LR0*@*:gh-*', 'LR014@credential:pat')).toBe(false);
    expect(m('LR001@credential:a.b', 'LR001@credential:aXb')).toBe(false);
    expect(m('*aa*aa', 'aaa')).toBe(false);
    expect(m('*aa*aa', 'aaaa')).toBe(true);
    expect(m('LR001@credential:pat', 'LR001@credential:pat')).toBe(true);
  });

  it('agree with the obvious matcher on random patterns and ids over a small alphabet', () => {
    const word = fc.stringMatching(/^[ab*]{0,8}$/);
    fc.assert(
      fc.property(word, fc.stringMatching(/^[ab]{0,10}$/), (pattern, id) => {
        expect(matchesFinding(compileFindingPattern(pattern), id)).toBe(slowMatch(pattern, id));
      }),
      { seed: 18, numRuns: 2000 },
    );
  });

  it('a pattern of many stars checks a model at once (a regular expression took 13.7 s a finding at 12 stars)', () => {
    const stars = '*'.repeat(40);
    const yaml = `${MODEL}accept:\n  - { finding: "LR*@${stars}:Q", reason: r, owner: o, expires: 2030-01-01 }\n`;
    const started = performance.now();
    const report = checkYaml(yaml);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.status === 'open')).toBe(true); // nothing ends in :Q
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a pattern of a million characters is refused, and the message quotes only its start', () => {
    const yaml = `${MODEL}accept:\n  - { finding: "LR*@${'*'.repeat(1_000_000)}:Q", reason: r, owner: o, expires: 2030-01-01 }\n`;
    const messages = messagesOf(yaml);
    expect(messages).toEqual([
      `bad.yaml:9:16: acceptance "LR*@${'*'.repeat(76)}…": finding: longer than 256 characters`,
    ]);
  });

  it('at most 200 acceptances of a file may use `*`; those without one are not limited', () => {
    const wild = Array.from(
      { length: 201 },
      (_, i) => `  - { finding: "LR*@*:x${i}*", reason: r, owner: o, expires: 2030-01-01 }`,
    );
    expect(messagesOf(`${MODEL}accept:\n${wild.join('\n')}\n`)).toEqual([
      'bad.yaml:9:3: accept: more than 200 acceptances use * (each is matched against every finding); name the other findings by their id',
    ]);
    const exact = Array.from(
      { length: 1000 },
      (_, i) => `  - { finding: "LR001@credential:x${i}", reason: r, owner: o, expires: 2030-01-01 }`,
    );
    expect(checkYaml(`${MODEL}accept:\n${exact.join('\n')}\n`).stale).toHaveLength(1000);
  });
});
