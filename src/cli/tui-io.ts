/**
 * The TUI's file system: listing models and scenarios, reading them safely,
 * watching the open model (its folder, so editors that replace the file on
 * save are seen too) and saving what-if variants without replacing a file.
 */
import { existsSync, readdirSync, statSync, watch, watchFile, unwatchFile } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { TuiIo } from '../tui/io.js';
import { looksLikeScenario } from '../model/scenario.js';
import { collectModelFiles } from './inputs.js';
import { AlreadyExists, Outputs, displayPath, readSource, scenarioModelFile } from './io.js';
import { BUNDLED_MODELS, defaultModelFiles } from './front-door.js';
import { gatherConfigurations, isConfigurationFile, loadConfigurations } from './configurations.js';
import { modelYaml } from '../reports/model-yaml.js';
import type { TextResult } from '../tui/io.js';

/** The scenarios shipped with leakradius, beside its bundled models. */
export const BUNDLED_SCENARIOS = resolve(BUNDLED_MODELS, '..', 'scenarios');

/** Editors write a file in several steps: wait for them to settle before reloading. */
const SETTLE_MS = 120;

export function fileTuiIo(): TuiIo {
  return {
    modelFiles: (folder) => {
      if (folder === undefined) return { files: defaultModelFiles(), diagnostics: [] };
      const models = collectModelFiles([folder]);
      // A repository folder without models: its configurations, imported as one model.
      if (models.files.length === 0 && gatherConfigurations([folder]).files.length > 0)
        return { files: [displayPath(folder)], diagnostics: [] };
      return models;
    },
    scenarioFiles: () => {
      const local = scenarioFilesIn(resolve('scenarios'));
      return local.length > 0 ? local : scenarioFilesIn(BUNDLED_SCENARIOS);
    },
    readText: readModelOrConfigurations,
    scenarioModel: (scenario, model) => scenarioModelFile(scenario, model),
    watch: watchSettled,
    saveBeside,
  };
}

function scenarioFilesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .map((n) => join(folder, n))
    .filter((f) => {
      const source = readSource(f);
      return source.ok && looksLikeScenario(source.text);
    })
    .map(displayPath)
    .sort();
}

function watchSettled(file: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  const stopTimer = () => timer && clearTimeout(timer);
  try {
    const name = basename(file);
    const watcher = watch(dirname(resolve(file)), { persistent: false }, (_event, changedName) => {
      if (changedName === null || changedName === name) changed();
    });
    watcher.on('error', () => undefined);
    return () => {
      stopTimer();
      watcher.close();
    };
  } catch {
    // Some file systems cannot be watched: poll instead.
    watchFile(file, { interval: 500, persistent: false }, changed);
    return () => {
      stopTimer();
      unwatchFile(file, changed);
    };
  }
}

/** `models/x.yaml` → `models/x.whatif.yaml`, or `x.whatif-2.yaml` and so on: never an existing file. */
function saveBeside(file: string, suffix: string, text: string): string {
  const stem = file.replace(/\.ya?ml$/i, '');
  for (let n = 1; n < 1000; n++) {
    const candidate = `${stem}.${suffix}${n === 1 ? '' : `-${n}`}.yaml`;
    const outputs = new Outputs([file]);
    outputs.claim(candidate, 'the saved copy');
    try {
      outputs.write(candidate, text, { createOnly: true, modeFrom: file });
      return displayPath(candidate);
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
    }
  }
  throw new Error(`too many what-if copies of ${file} already`);
}

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A model file's text, or configurations imported in memory as a model's text with their origins. */
function readModelOrConfigurations(file: string): TextResult {
  if (existsSync(file) && statSync(file).isDirectory()) {
    const { loaded, result, diagnostics } = loadConfigurations(gatherConfigurations([file]));
    if (!loaded || diagnostics.length > 0) return { ok: false, diagnostics };
    return { ok: true, text: modelYaml(result.document), origins: result.origins };
  }
  const source = readSource(file);
  if (!source.ok || !isConfigurationFile(file, source.text)) return source;
  const { loaded, result, diagnostics } = loadConfigurations(gatherConfigurations([file]));
  if (!loaded || diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, text: modelYaml(result.document), origins: result.origins };
}
