import {
  recommend,
  type Recommendation,
  type RecommendationKind,
  type RecommendResult,
} from '../../src/analyses/recommendations/index.js';
import { checkDocument } from '../../src/analyses/recommendations/measure.js';
import { applyEdits } from '../../src/analyses/recommendations/edits.js';
import type { ModelDocument } from '../../src/model/schema.js';
import { load } from '../helpers/model.js';

/**
 * Every hand-made model starts with these figures, so the arithmetic in the
 * tests is short: logs are noticed after 2 days, prompt contexts after 7,
 * anything else after 1; a person revokes 8h after detection, automation 2m.
 */
export const HEADER = `version: 1
detection: { default: 1d, channels: { logs: 2d, prompt-context: 7d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
`;

export function recommendFor(yaml: string, kinds?: readonly RecommendationKind[]): RecommendResult {
  return recommend(load(yaml), kinds ? { kinds } : {});
}

export function ids(result: RecommendResult): string[] {
  return result.recommendations.map((r) => r.id);
}

export function find(result: RecommendResult, id: string): Recommendation {
  const r = result.recommendations.find((x) => x.id === id);
  if (!r) throw new Error(`no recommendation ${id}; got ${ids(result).join(', ') || 'none'}`);
  return r;
}

/** Before → after of one credential in a recommendation's measured effect. */
export function change(r: Recommendation, credential: string) {
  const c = r.effect.credentials.find((x) => x.credential === credential);
  if (!c) throw new Error(`${r.id} does not change ${credential}`);
  return c;
}

/** The document with the recommendation applied; fails when it does not load as a file would. */
export function applied(result: RecommendResult, r: Recommendation): ModelDocument {
  const { document } = applyEdits(result.baseline.document, r.edits);
  const checked = checkDocument(document, 'test');
  if (!checked.ok) throw new Error(checked.reasons.join('\n'));
  return document;
}
