import { runCheck, type CheckOptions } from '../../src/analyses/check/engine.js';
import type { CheckReport, Finding } from '../../src/analyses/check/types.js';
import { ruleById } from '../../src/analyses/rules/index.js';
import { DEFAULT_POLICY, loadPolicy, type Policy } from '../../src/model/policy.js';
import { RULE_IDS } from '../../src/analyses/rules/index.js';
import { load } from './model.js';

export const TODAY = '2025-06-01';

/** Runs the check on one model given as YAML text. */
export function checkYaml(yaml: string, options: Partial<CheckOptions> & { file?: string } = {}): CheckReport {
  return runCheck([load(yaml, options.file ?? 'test.yaml')], {
    policy: DEFAULT_POLICY,
    today: TODAY,
    failOn: 'high',
    ...options,
  });
}

/** The findings of one rule alone on a model. */
export function findingsOf(ruleId: string, yaml: string, policy: Policy = DEFAULT_POLICY): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return checkYaml(yaml, { rules: [rule], policy }).findings as Finding[];
}

/** A policy from YAML text, failing the test with its diagnostics when it is invalid. */
export function policy(yaml: string, file = 'policy.yaml'): Policy {
  const result = loadPolicy(file, yaml, RULE_IDS);
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
  return result.policy;
}

/**
 * Line and column (1-based) where `needle` starts in `text`, its `nth` occurrence:
 * the expected location of a finding, read from the model text, not from the output.
 */
export function at(text: string, needle: string, nth = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** `{ id, severity, line, column }` of each finding, for compact assertions. */
export function summary(
  findings: readonly Finding[],
): { id: string; severity: string; line: number; column: number }[] {
  return findings.map((f) => ({ id: f.id, severity: f.severity, line: f.line, column: f.column }));
}
