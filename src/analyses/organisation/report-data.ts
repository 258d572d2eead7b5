/**
 * Everything the HTML report shows about one model, from the analyses that
 * already exist: the model's total risk and each credential's worst case
 * (`measure`, as `recommend` and `chokepoints` measure), each credential's
 * worst-case leak (`simulateLeak`: its timeline and what it reaches), the CI
 * findings (`runCheck`) and, when asked, the recommendations. Kept compact:
 * a report of 50,000 credentials keeps what each reaches, not every path.
 */
import type { LoadedModel } from '../../model/load.js';
import type { Policy } from '../../model/policy.js';
import { UNBOUNDED, type Seconds } from '../../model/duration.js';
import { runCheck } from '../check/engine.js';
import type { Finding } from '../check/types.js';
import { prepareAnalysis } from '../context.js';
import { recommend, type RecommendResult } from '../recommendations/index.js';
import { measure, type Measured } from '../recommendations/measure.js';
import { simulateLeak } from '../simulation/leak.js';

/** Above this many reached pairs in all, the report keeps the resources each credential reaches, not the pairs. */
export const PAIR_DETAIL_LIMIT = 250_000;

export interface CredentialReach {
  readonly credential: string;
  readonly timeline: {
    readonly detected: Seconds;
    readonly revocationIssued: Seconds;
    readonly expires: Seconds;
    readonly stopped: Seconds;
    /** Detection + revocation lag: when everything the incident touched is dead. */
    readonly allDead: Seconds;
  };
  readonly usable: boolean;
  /** Pairs reached, as indices into `ReportData.pairs`, with their windows; empty when only resources are kept. */
  readonly pairs: readonly { readonly pair: number; readonly from: Seconds; readonly until: Seconds }[];
  /** Resources reached, as indices into the model's resources. */
  readonly resources: readonly number[];
  readonly acquired: readonly string[];
  readonly tasked: readonly string[];
}

export interface ReportData {
  readonly file: string;
  readonly loaded: LoadedModel;
  readonly measured: Measured;
  readonly reach: readonly CredentialReach[];
  /** (resource index, action, impact) of every pair some credential reaches. */
  readonly pairs: readonly { readonly resource: number; readonly action: string; readonly impact: number }[];
  readonly pairDetail: boolean;
  readonly findings: readonly Finding[];
  /** Undefined when recommendations were not computed; `skipped` says why. */
  readonly recommendations?: RecommendResult;
  readonly skipped?: string;
}

export interface ReportOptions {
  readonly policy: Policy;
  readonly today: string;
  /** Compute recommendations (slow on large models: every candidate re-runs the whole model). */
  readonly recommendations: boolean;
  readonly skippedBecause?: string;
}

export function reportData(file: string, loaded: LoadedModel, options: ReportOptions): ReportData {
  const { model, relations } = loaded;
  const measured = measure(model, relations);
  const ctx = prepareAnalysis(model, relations);
  const resourceIndex = new Map(model.resources.map((r, i) => [r.id, i]));
  const pairIndex = new Map<string, number>();
  const pairs: { resource: number; action: string; impact: number }[] = [];
  const reach: CredentialReach[] = [];
  let total = 0;
  for (const c of model.credentials) {
    const leak = simulateLeak(ctx, { credential: c.id });
    const t = leak.timeline;
    const own: { pair: number; from: Seconds; until: Seconds }[] = [];
    const resources = new Set<number>();
    for (const p of leak.reached) {
      const key = `${p.resource}\u0000${p.action}`;
      let k = pairIndex.get(key);
      if (k === undefined) {
        pairIndex.set(key, (k = pairs.length));
        pairs.push({ resource: resourceIndex.get(p.resource)!, action: p.action, impact: p.impact });
      }
      own.push({ pair: k, from: p.from, until: p.until });
      resources.add(resourceIndex.get(p.resource)!);
    }
    total += own.length;
    reach.push({
      credential: c.id,
      timeline: {
        detected: t.detected,
        revocationIssued: t.revocationIssued,
        expires: t.expires,
        stopped: t.stopped,
        allDead: leak.revocationLag === UNBOUNDED ? UNBOUNDED : t.detected + leak.revocationLag,
      },
      usable: leak.usable,
      pairs: own,
      resources: [...resources].sort((a, b) => a - b),
      acquired: leak.acquired.filter((a) => a.usable && a.how !== 'leaked').map((a) => a.credential),
      tasked: leak.tasked.map((a) => a.agent),
    });
  }
  const pairDetail = total <= PAIR_DETAIL_LIMIT;
  const compact = pairDetail ? reach : reach.map((r) => ({ ...r, pairs: [] }));
  const check = runCheck([loaded], {
    policy: options.policy,
    today: options.today,
    failOn: 'critical',
    prepared: () => ({ ctx, worstCases: measured.cases }),
  });
  return {
    file,
    loaded,
    measured,
    reach: compact,
    pairs,
    pairDetail,
    findings: check.findings,
    ...(options.recommendations ? { recommendations: recommend(loaded) } : { skipped: options.skippedBecause }),
  };
}
