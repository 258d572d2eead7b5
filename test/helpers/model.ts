import { prepareAnalysis, type AnalysisContext } from '../../src/analyses/context.js';
import { hijackCases } from '../../src/analyses/simulation/hijack.js';
import { modelRisk, type ModelRisk } from '../../src/analyses/simulation/risk.js';
import { worstCase, worstCases } from '../../src/analyses/simulation/worst-case.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import type { Diagnostic } from '../../src/yaml/diagnostic.js';

/** Loads a model from YAML text, failing the test with its diagnostics when it is invalid. */
export function load(yaml: string, file = 'test.yaml'): LoadedModel {
  const result = loadModel(file, yaml);
  if (!result.ok)
    throw new Error(
      `model did not load:\n${result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n')}`,
    );
  return result.loaded;
}

/**
 * The analysis context of a model. Every hand-made model a test analyses is
 * also a check of the bulk worst case: it must agree, credential by
 * credential, with simulating each leak on its own.
 */
export function analysis(yaml: string): AnalysisContext {
  const loaded = load(yaml);
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  assertBulkAgrees(ctx);
  return ctx;
}

/** Throws when `worstCases` differs in any figure from `worstCase` run on each credential. */
export function assertBulkAgrees(ctx: AnalysisContext): void {
  const bulk = worstCases(ctx);
  ctx.model.credentials.forEach((c, i) => {
    const single = worstCase(ctx, c.id);
    const a = JSON.stringify(single);
    const b = JSON.stringify(bulk[i]);
    if (a !== b || !Object.is(single.timeWeightedScore, bulk[i].timeWeightedScore)) {
      throw new Error(`bulk worst case of ${c.id} differs from its single simulation:\n single ${a}\n bulk   ${b}`);
    }
  });
}

/** The diagnostics of a model that must not load. */
export function diagnosticsOf(yaml: string, file = 'bad.yaml'): Diagnostic[] {
  const result = loadModel(file, yaml);
  if (result.ok) throw new Error('expected the model to be rejected, but it loaded');
  return result.diagnostics;
}

export function messagesOf(yaml: string, file = 'bad.yaml'): string[] {
  return diagnosticsOf(yaml, file).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

export const H = 3_600;
export const D = 86_400;
export const M = 60;

/** A model's total risk, both attackers, computed afresh: every credential's worst-case leak and every agent's hijack. */
export function modelRiskOf(loaded: Pick<LoadedModel, 'model' | 'relations'>): ModelRisk {
  const ctx = prepareAnalysis(loaded.model, loaded.relations);
  return modelRisk(worstCases(ctx), hijackCases(ctx));
}
