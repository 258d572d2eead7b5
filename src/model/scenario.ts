/**
 * Scenario files: a named leak against a model, with the attacker, optional
 * overrides of detection and response times, and optional uncertainty runs.
 * Workshops and drills replay them; `leakradius simulate <scenario.yaml>` runs one.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from './schema-compile.js';
import type { Diagnostic, DocPath } from '../yaml/diagnostic.js';
import type { SourceMap } from '../yaml/source-map.js';
import { didYouMean, quote } from './messages.js';
import { LIMITS } from '../yaml/limits.js';
import { parseYaml } from '../yaml/parse.js';
import { locate } from './load.js';
import { parseDuration, type DurationText, type Seconds } from './duration.js';
import { DetectionTime as DetectionTimeSchema, durationSchema } from './schema.js';
import type { DetectionTime, Model } from './types.js';
import { explainSchemaErrors, unrecognised, type Problem } from './schema-check.js';

const Duration = (description: string) => durationSchema(description);
const closed = { additionalProperties: false } as const;

export const ScenarioSchema = Type.Object(
  {
    kind: Type.Literal('scenario', { description: 'Marks the file as a scenario, not a model.' }),
    version: Type.Literal(1, { description: 'The scenario format version: 1.' }),
    name: Type.String({ maxLength: 200, description: 'What the scenario shows.' }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.text })),
    model: Type.String({
      minLength: 1,
      maxLength: LIMITS.text,
      description: "The model file, relative to this scenario file, inside the scenario's repository.",
    }),
    leak: Type.Object(
      {
        credential: Type.String({ maxLength: LIMITS.id, description: 'The leaked credential.' }),
        at: Type.Optional(durationSchema('When it leaks, from the moment it was issued. Default 0s.')),
        channel: Type.Optional(
          Type.String({
            maxLength: LIMITS.id,
            description: 'The channel it leaks through. Default: its worst channel.',
          }),
        ),
      },
      { ...closed, description: 'What leaks, when and how.' },
    ),
    attacker: Type.Optional(
      Type.Union([Type.Literal('external'), Type.Literal('in-workload')], { description: 'Default: external.' }),
    ),
    hopDelay: Type.Optional(durationSchema('Time each hop of the attack takes. Default 0s.')),
    detection: Type.Optional(
      Type.Object(
        {
          default: Type.Optional(
            Type.Union([...DetectionTimeSchema.anyOf], { description: 'Replaces `detection.default`.' }),
          ),
          channels: Type.Optional(
            Type.Record(Type.String(), DetectionTimeSchema, {
              additionalProperties: false,
              description: "Replace these channels' detection times.",
            }),
          ),
          harvested: Type.Optional(Duration('Replaces `detection.harvested`.')),
        },
        { ...closed, description: "Overrides the model's detection times for this scenario." },
      ),
    ),
    response: Type.Optional(
      Type.Object(
        {
          manual: Type.Optional(Duration('Replaces `response.manual`.')),
          automated: Type.Optional(Duration('Replaces `response.automated`.')),
        },
        { ...closed, description: "Overrides the model's response times." },
      ),
    ),
    uncertainty: Type.Optional(
      Type.Object(
        {
          runs: Type.Integer({ minimum: 1, maximum: 100000, description: 'How many runs (1 to 100,000).' }),
          seed: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 4294967295,
              description: 'Seed of the random generator: the same seed gives the same numbers everywhere. Default 1.',
            }),
          ),
        },
        { ...closed, description: 'Sample detection times from their distributions over this many runs.' },
      ),
    ),
  },
  { ...closed, title: 'leakradius scenario, version 1' },
);

export type ScenarioDocument = Static<typeof ScenarioSchema>;

export function scenarioJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...JSON.parse(JSON.stringify(ScenarioSchema)) };
}

let compiled: ValidateFunction | undefined;

export type ScenarioResult =
  { ok: true; scenario: ScenarioDocument; sourceMap: SourceMap } | { ok: false; diagnostics: Diagnostic[] };

/** Whether YAML text declares itself a scenario (`kind: scenario` at the top level). */
export function looksLikeScenario(text: string): boolean {
  return /^kind:\s*["']?scenario\b/m.test(text);
}

export function parseScenario(file: string, text: string): ScenarioResult {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return parsed;
  compiled ??= compileSchema(ScenarioSchema);
  const value = parsed.document.value;
  const stranger = unrecognised(value, Object.keys(ScenarioSchema.properties), 'scenario');
  if (stranger) return { ok: false, diagnostics: locate(file, parsed.document.sourceMap, [stranger]) };
  if (compiled(value)) return { ok: true, scenario: value as ScenarioDocument, sourceMap: parsed.document.sourceMap };
  return {
    ok: false,
    diagnostics: locate(file, parsed.document.sourceMap, explainSchemaErrors(compiled.errors ?? [], value)),
  };
}

/** What a scenario names that its model lacks: the leaked credential, a channel. */
export function scenarioProblems(scenario: ScenarioDocument, model: Model): Problem[] {
  const problems: Problem[] = [];
  const credentials = model.credentials.map((c) => c.id);
  if (!credentials.includes(scenario.leak.credential)) {
    problems.push({
      path: ['leak', 'credential'],
      at: 'value',
      message: `the model has no credential ${quote(scenario.leak.credential)}${didYouMean(scenario.leak.credential, credentials)}`,
    });
  }
  const channels = modelChannels(model);
  const check = (name: string, path: DocPath, at: 'key' | 'value') => {
    if (!channels.has(name))
      problems.push({
        path,
        at,
        message: `the model knows no leak channel ${quote(name)}${didYouMean(name, channels)}`,
      });
  };
  if (scenario.leak.channel !== undefined) check(scenario.leak.channel, ['leak', 'channel'], 'value');
  for (const name of Object.keys(scenario.detection?.channels ?? {}))
    check(name, ['detection', 'channels', name], 'key');
  return problems;
}

/** Every channel a model names: those with a detection time and those credentials leak through. */
export function modelChannels(model: Model): Set<string> {
  return new Set([...model.detection.channels.keys(), ...model.credentials.flatMap((c) => c.exposure)]);
}

/** The model with the scenario's detection and response times in place of its own. */
export function withOverrides(model: Model, scenario: ScenarioDocument): Model {
  const d = scenario.detection;
  const r = scenario.response;
  if (!d && !r) return model;
  const channels = new Map(model.detection.channels);
  for (const [name, value] of Object.entries(d?.channels ?? {})) channels.set(name, toDetectionTime(value));
  return {
    ...model,
    detection: {
      default: d?.default !== undefined ? toDetectionTime(d.default) : model.detection.default,
      channels,
      harvested: d?.harvested !== undefined ? seconds(d.harvested) : model.detection.harvested,
    },
    response: {
      manual: r?.manual !== undefined ? seconds(r.manual) : model.response.manual,
      automated: r?.automated !== undefined ? seconds(r.automated) : model.response.automated,
    },
    // Figures the scenario sets are no longer assumed.
    assumptions: model.assumptions.filter((a) => !overridden(a.field, scenario)),
  };
}

function overridden(field: string, scenario: ScenarioDocument): boolean {
  const d = scenario.detection;
  const r = scenario.response;
  if (field === 'detection.default') return d?.default !== undefined;
  if (field === 'detection.harvested') return d?.harvested !== undefined;
  if (field.startsWith('detection.channels.'))
    return d?.channels?.[field.slice('detection.channels.'.length)] !== undefined;
  if (field === 'response.manual') return r?.manual !== undefined;
  if (field === 'response.automated') return r?.automated !== undefined;
  return false;
}

function toDetectionTime(value: Static<typeof DetectionTimeSchema>): DetectionTime {
  if (typeof value !== 'object') return { kind: 'fixed', seconds: seconds(value) };
  return { kind: 'lognormal', median: seconds(value.lognormal.median), p90: seconds(value.lognormal.p90) };
}

function seconds(text: DurationText): Seconds {
  return parseDuration(text) ?? 0;
}
