/**
 * What the TUI needs of the outside world, handed in by the command line
 * (which owns every file and process): listing, reading, watching and saving
 * files. Tests pass an in-memory version.
 */
import type { Origins } from '../model/load.js';
import type { Diagnostic } from '../yaml/diagnostic.js';

export type TextResult =
  | {
      ok: true;
      text: string;
      /** For configurations imported in memory: where their elements came from. */ origins?: Origins;
    }
  | { ok: false; diagnostics: Diagnostic[] };

export interface TuiIo {
  /** Model files in `folder`, or, without one, in ./models (else the bundled examples). */
  modelFiles(folder?: string): { files: string[]; diagnostics: Diagnostic[] };
  /** Scenario files in ./scenarios, else the bundled ones. */
  scenarioFiles(): string[];
  readText(file: string): TextResult;
  /**
   * The model a scenario names, resolved against the scenario's folder; refused
   * (with a located diagnostic) when it lies outside the scenario's repository.
   */
  scenarioModel(scenario: string, model: string): { ok: true; file: string } | { ok: false; message: string };
  /** Calls `onChange` when the file changes on disk; returns the function that stops watching. */
  watch(file: string, onChange: () => void): () => void;
  /** Writes `text` to a new file beside `file`, named with `suffix`, never replacing an existing one; returns its path. */
  saveBeside(file: string, suffix: string, text: string): string;
}
