/**
 * TTL: a credential should live as long as the longest workflow that uses it,
 * plus a margin, and no longer. A per-task or per-session credential that
 * lives far longer (more than twice that workflow) gets that TTL; a static or
 * never-expiring credential an autonomous agent acts with is issued per task
 * with it.
 */
import { UNBOUNDED, parseDuration, type Seconds } from '../../model/duration.js';
import { credentialKind } from '../../model/credential-kinds.js';
import type { Credential } from '../../model/types.js';
import { canIssuePerTask, kindFacts, providerOf } from './capability.js';
import type { Facts } from './facts.js';
import { credentialDocument, credentialPath, duration, list, setEdit } from './shared.js';
import type { Candidate, Edit } from './types.js';

/** The margin on the longest workflow: 25%. */
export const TTL_MARGIN = 1.25;
/** "Far exceeds": a lifetime more than this many times the longest workflow. */
export const FAR_FACTOR = 2;

/**
 * The TTL to give a credential used by workflows up to `longest` long: that
 * plus 25%, rounded up to a readable value, and never below the kind's
 * published minimum (an issuer refuses shorter).
 */
export function suggestedTtl(longest: Seconds, kind?: string): Seconds {
  let ttl = readableCeiling(Math.ceil(longest * TTL_MARGIN));
  const minimum = kind === undefined ? undefined : credentialKind(kind)?.minTtl;
  const floor = minimum === undefined ? undefined : parseDuration(minimum);
  if (floor !== undefined && ttl < floor) ttl = floor;
  return ttl;
}

/** Rounds up to whole minutes under 10m, 5m steps under 1h, 30m steps under 6h, whole hours under 2d, whole days beyond. */
export function readableCeiling(seconds: Seconds): Seconds {
  const up = (step: number) => Math.ceil(seconds / step) * step;
  if (seconds <= 60) return 60;
  if (seconds < 600) return up(60);
  if (seconds < 3_600) return up(300);
  if (seconds < 21_600) return up(1_800);
  if (seconds < 172_800) return up(3_600);
  return up(86_400);
}

/** How long a leaked copy can be used: the ttl, or for a refreshable credential its maximum life. */
export function usableLife(c: Credential): Seconds {
  return Math.max(c.ttl, c.maxLifetime ?? 0);
}

export function ttlCandidates(facts: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const c of facts.model.credentials) {
    const use = facts.longestUse.get(c.id);
    if (!use) continue; // no workflow says how long it must live
    const suggestion = suggestedTtl(use.seconds, c.kind);
    const life = usableLife(c);
    if (life <= suggestion) continue;
    const autonomous = autonomousUsers(facts, c.id);
    const reissue = c.issuance === 'static';
    if (reissue ? autonomous.length === 0 : life <= FAR_FACTOR * use.seconds) continue;
    const kind = kindFacts(c, facts.model);
    const perTask = canIssuePerTask(kind);
    if (reissue && perTask === 'no') continue; // the provider cannot: the migration recommendation says what can

    const path = credentialPath(facts, c.id);
    const doc = credentialDocument(facts, c.id);
    const edits: Edit[] = [];
    const text = duration(suggestion);
    if (reissue) edits.push(setEdit([...path, 'issuance'], doc.issuance, 'per-task'));
    if (c.ttl > suggestion) edits.push(setEdit([...path, 'ttl'], doc.ttl, text));
    if (c.maxLifetime !== undefined && c.maxLifetime > suggestion)
      edits.push(setEdit([...path, 'maxLifetime'], doc.maxLifetime, text));

    const kindFloor = suggestion > suggestedTtl(use.seconds) ? ` (the ${c.kind} minimum)` : '';
    const lives =
      c.maxLifetime !== undefined && c.maxLifetime > c.ttl
        ? `can be refreshed for ${duration(c.maxLifetime)}`
        : c.ttl === UNBOUNDED
          ? 'never expires'
          : `lives ${duration(c.ttl)}`;
    const basis = `the longest workflow that uses it, ${use.workflow}, takes ${duration(use.seconds)}; ${text} is that plus 25%, rounded up${kindFloor}`;
    if (reissue) {
      out.push({
        id: `ttl:${c.id}`,
        kind: 'ttl',
        title: `Issue ${c.id} per task with a ${text} TTL`,
        why:
          `${c.id} is issued once and ${lives}, and the autonomous ${list(autonomous)} ${autonomous.length === 1 ? 'acts' : 'act'} with it, so a copy taken today still works long after. ` +
          `Issued per task, a copy dies with the task: ${basis}.`,
        takes: `an issuer that mints a fresh ${c.id} for each task (a token service, workload identity federation, or the provider's short-lived tokens), and a code change to fetch it at the start of the task`,
        ...(perTask === 'unknown'
          ? {
              condition: `if ${providerOf(kind, c.id)} can issue it per task with a ${text} lifetime; otherwise replace ${c.id} with a kind that can`,
            }
          : {}),
        subjects: [c.id],
        edits,
      });
    } else {
      const what = c.ttl > suggestion ? `Shorten ${c.id}'s TTL to ${text}` : `Stop refreshing ${c.id} after ${text}`;
      out.push({
        id: `ttl:${c.id}`,
        kind: 'ttl',
        title: what,
        why: `${c.id} is issued ${c.issuance} and ${lives}, more than twice as long as it is needed: ${basis}.`,
        takes:
          c.ttl > suggestion
            ? `a setting: the lifetime ${c.id} is requested or issued with`
            : `a setting: the refresh token's lifetime at the issuer of ${c.id}`,
        subjects: [c.id],
        edits,
      });
    }
  }
  return out;
}

/** Autonomous agents that can act with the credential, in model order. */
export function autonomousUsers(facts: Facts, credential: string): string[] {
  return facts.model.agents
    .filter((a) => a.autonomy === 'autonomous' && (facts.relations.available.get(a.id) ?? []).includes(credential))
    .map((a) => a.id);
}
