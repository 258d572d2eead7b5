/**
 * What every analysis reads: the model, its derived relations and the compact
 * reach index, prepared once per model and shared by the CLI, the CI gate and
 * the TUI.
 */
import { buildReachIndex, type ReachIndex } from '../graph/reach-index.js';
import { relationsOf, type Relations } from '../model/relations.js';
import type { Model } from '../model/types.js';

export interface AnalysisContext {
  readonly model: Model;
  readonly relations: Relations;
  readonly index: ReachIndex;
}

export function prepareAnalysis(model: Model, relations: Relations = relationsOf(model)): AnalysisContext {
  return { model, relations, index: buildReachIndex(model, relations) };
}
