import { prepareAnalysis, type AnalysisContext } from '../../src/analyses/context.js';
import { loadModel, type LoadedModel } from '../../src/model/load.js';
import type { Diagnostic } from '../../src/yaml/diagnostic.js';

/** Loads a model from YAML text, failing the test with its diagnostics when it is invalid. */
export function load(yaml: string, file = 'test.yaml'): LoadedModel {
  const result = loadModel(file, yaml);
  if (!result.ok) throw new Error(`model did not load:\n${result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n')}`);
  return result.loaded;
}

export function analysis(yaml: string): AnalysisContext {
  const loaded = load(yaml);
  return prepareAnalysis(loaded.model, loaded.relations);
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
