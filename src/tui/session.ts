/**
 * The TUI's link to the engine: it loads models through the injected I/O and
 * keeps, for the open model, its analyses, its background jobs and its
 * what-if variant, so views only render.
 */
import { prepareAnalysis } from '../analyses/context.js';
import { simulateLeak, type LeakResult } from '../analyses/simulation/leak.js';
import { loadModel, type LoadedModel } from '../model/load.js';
import { parseScenario, withOverrides, type ScenarioDocument } from '../model/scenario.js';
import type { Relations } from '../model/relations.js';
import type { Model } from '../model/types.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import { AnalysisSession } from './analysis-session.js';
import type { Analyst, AnalystFeed, AnalystSession } from './analyst.js';
import {
  analysedJobs,
  BULK_FROM_CREDENTIALS,
  FindingsJob,
  RecommendationsJob,
  RiskJob,
  immediateScheduler,
  type CheckSettings,
  type Scheduler,
} from './background.js';
import type { TuiIo } from './io.js';
import type { Recommender } from './recommender.js';
import { scenarioLeakInput, storyEvents, type StoryEvent } from './story.js';
import { FilteredLists } from './list.js';
import { agentRows, credentialRows, findingRows, rankByRisk, resourceRows, toolRows, type Row } from './rows.js';
import { exposureRows } from './views/resource.js';
import type { PaneId } from './state.js';
import { WhatIf } from './what-if-session.js';
import type { Finding } from '../analyses/check/types.js';
import type { Exposure } from '../analyses/exposure/index.js';
import type { Changes } from './whatif.js';

export { immediateScheduler, type CheckSettings, type Scheduler } from './background.js';

/** An open, valid model: its analyses, its background risk job and its what-if variant. */
export class ModelSession {
  readonly analysis: AnalysisSession;
  readonly risk: RiskJob;
  /** Undefined when the TUI was started without check settings. */
  readonly findings?: FindingsJob;
  /** Undefined when the TUI was started without a recommender. */
  readonly recommendations?: RecommendationsJob;
  readonly whatIf: WhatIf;
  /** The filtered rows of this model's lists. */
  readonly lists = new FilteredLists();
  private paneRows?: Readonly<Record<Exclude<PaneId, 'findings'>, readonly Row[]>>;
  private rankedRows?: Readonly<Record<Exclude<PaneId, 'findings'>, readonly Row[]>>;
  private findingRowsOf?: { findings: readonly Finding[]; rows: readonly Row[] };
  private exposureRowsOf?: { result: Exposure; rows: readonly Row[] };

  constructor(
    readonly loaded: LoadedModel,
    /** The file's text, for saving a variant with its comments. */
    readonly sourceText: string,
    schedule: Scheduler,
    notify: () => void,
    options: {
      readonly check?: CheckSettings;
      readonly recommender?: Recommender;
      /** Where a large model's worst cases and findings are computed (off this thread on a terminal). */
      readonly analyst?: Analyst;
    } = {},
  ) {
    this.check = options.check;
    this.analysis = new AnalysisSession(loaded.model, loaded.relations);
    if (options.analyst && loaded.model.credentials.length >= BULK_FROM_CREDENTIALS) {
      const input = { file: loaded.file, text: sourceText, fallbackName: loaded.model.name, check: options.check };
      const analyst = (this.analyst = options.analyst(input));
      const request = (feed: AnalystFeed) => analyst.analyse(undefined, feed);
      const jobs = analysedJobs(this.analysis, loaded, request, options.check, schedule, notify);
      this.risk = jobs.risk;
      this.findings = jobs.findings;
    } else {
      this.risk = new RiskJob(this.analysis, schedule, notify).start();
      if (options.check)
        this.findings = new FindingsJob(loaded, this.analysis, this.risk, options.check, schedule, notify);
    }
    this.whatIf = new WhatIf(this, schedule, notify);
    if (options.recommender) {
      this.recommendations = new RecommendationsJob(loaded, options.recommender, () => {
        this.whatIf.recommendationsArrived();
        notify();
      });
    }
  }

  readonly check?: CheckSettings;
  /** Where this large model's worst cases and findings, and its variants', are computed (a worker thread on a terminal). */
  readonly analyst?: AnalystSession;

  get model(): Model {
    return this.loaded.model;
  }

  /** The rows of the inventory's panes, built once per model; credentials ranked by risk once every worst case is known. */
  rows(): Readonly<Record<Exclude<PaneId, 'findings'>, readonly Row[]>> {
    const m = this.model;
    const rows = (this.paneRows ??= {
      credentials: credentialRows(m),
      agents: agentRows(m),
      tools: toolRows(m),
      resources: resourceRows(m),
    });
    if (this.risk.totalRisk === undefined) return rows;
    return (this.rankedRows ??= {
      ...rows,
      credentials: rankByRisk(rows.credentials, (c) => this.analysis.knownWorstCase(c)),
    });
  }

  /** The rows of who reaches a resource, built once per result. */
  exposureRows(result: Exposure): readonly Row[] {
    if (this.exposureRowsOf?.result !== result) this.exposureRowsOf = { result, rows: exposureRows(result) };
    return this.exposureRowsOf.rows;
  }

  /** The findings pane's rows, built once per run of the findings (empty until they are known). */
  findingRows(): readonly Row[] {
    const findings = this.findings?.findings;
    if (!findings) return [];
    if (this.findingRowsOf?.findings !== findings) this.findingRowsOf = { findings, rows: findingRows(findings) };
    return this.findingRowsOf.rows;
  }

  get relations(): Relations {
    return this.loaded.relations;
  }

  get file(): string {
    return this.loaded.file;
  }

  /** Whether background work is still under way (badges, findings, recommendations, the what-if variant). */
  get busy(): boolean {
    const w = this.whatIf;
    return (
      !this.risk.finished ||
      !(this.findings?.done ?? true) ||
      !(this.recommendations?.done ?? true) ||
      w.deriving ||
      !w.risk.finished ||
      !(w.findings?.done ?? true)
    );
  }

  dispose(): void {
    this.risk.cancel();
    this.findings?.cancel();
    this.recommendations?.cancel();
    this.whatIf.dispose();
    this.analyst?.close();
  }
}

export type Opened =
  | { kind: 'model'; file: string; session: ModelSession }
  | { kind: 'invalid'; file: string; diagnostics: readonly Diagnostic[] }
  /** A large file read after the first frame, so the screen says what is happening. */
  | { kind: 'opening'; file: string; characters: number };

/** From this size a model is loaded after a frame that says so: 24 MB take seconds to parse and check. */
export const OPEN_LATER_CHARACTERS = 1_000_000;

export interface ScenarioEntry {
  readonly file: string;
  readonly scenario?: ScenarioDocument;
  /** Where the scenario names its model, for a message about it. */
  readonly modelAt?: { readonly line: number; readonly column: number };
  readonly diagnostics: readonly Diagnostic[];
}

export type Story =
  | {
      kind: 'story';
      readonly file: string;
      readonly scenario: ScenarioDocument;
      readonly model: Model;
      readonly result: LeakResult;
      readonly events: readonly StoryEvent[];
    }
  | { kind: 'invalid'; readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/**
 * Everything the TUI shows that is not navigation: the open model (valid or
 * not), the picker's files, the scenarios and the running story. Views
 * subscribe to its version.
 */
export class TuiStore {
  version = 0;
  opened?: Opened;
  story?: Story;
  /** The filtered rows of the lists that outlive a model (the picker's, the scenarios'). */
  readonly lists = new FilteredLists();
  private listeners = new Set<() => void>();
  private unwatch?: () => void;
  private lastText?: string;
  private scenarioCache?: ScenarioEntry[];
  /** What-if changes kept while the file is invalid, for when it is fixed. */
  private pendingChanges?: { changes: Changes; toggled: ReadonlySet<string> };
  private readonly watching: boolean;
  private readonly check?: CheckSettings;
  private readonly recommender?: Recommender;
  private readonly analyst?: Analyst;
  readonly picker: { readonly files: readonly string[]; readonly diagnostics: readonly Diagnostic[] };

  constructor(
    readonly io: TuiIo,
    options: {
      files: readonly string[];
      diagnostics?: readonly Diagnostic[];
      open?: string;
      watch?: boolean;
      check?: CheckSettings;
      recommender?: Recommender;
      analyst?: Analyst;
    },
    private readonly schedule: Scheduler = immediateScheduler,
  ) {
    this.picker = { files: options.files, diagnostics: options.diagnostics ?? [] };
    this.check = options.check;
    this.recommender = options.recommender;
    this.analyst = options.analyst;
    this.watching = options.watch ?? true;
    if (options.open !== undefined) this.open(options.open);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Tells the views that something changed: the store and its sessions call it, never a view or a handler. */
  private readonly bump = (): void => {
    this.version++;
    for (const l of this.listeners) l();
  };

  get session(): ModelSession | undefined {
    return this.opened?.kind === 'model' ? this.opened.session : undefined;
  }

  /** Whether work is still under way: a large model being opened, or its session's background work. */
  get busy(): boolean {
    return this.opened?.kind === 'opening' || (this.session?.busy ?? false);
  }

  /** Opens a model file and watches it; a large one is loaded on the next turn, after a frame that says so. */
  open(file: string): void {
    this.close();
    const source = this.io.readText(file);
    const load = () => {
      this.read(file, undefined, source);
      if (this.watching) this.unwatch = this.io.watch(file, () => this.reload());
      this.bump();
    };
    if (source.ok && source.text.length >= OPEN_LATER_CHARACTERS) {
      this.opened = { kind: 'opening', file, characters: source.text.length };
      this.pendingOpen = this.schedule(() => {
        this.pendingOpen = undefined;
        load();
      }, 1);
      this.bump();
      return;
    }
    load();
  }

  private pendingOpen?: { cancel(): void };

  /** Reads the open file again (it changed on disk); the what-if changes carry over. */
  reload(): void {
    const current = this.opened;
    if (!current) return;
    const source = this.io.readText(current.file);
    if (source.ok && source.text === this.lastText) return; // an editor's extra write: nothing changed
    const previous = this.session;
    this.read(current.file, previous);
    this.bump();
  }

  private read(file: string, previous?: ModelSession, source = this.io.readText(file)): void {
    if (!source.ok) {
      this.lastText = undefined;
      this.opened = { kind: 'invalid', file, diagnostics: source.diagnostics };
      return;
    }
    this.lastText = source.text;
    const loadedText = loadModel(file, source.text);
    const result =
      loadedText.ok && source.origins
        ? { ...loadedText, loaded: { ...loadedText.loaded, origins: source.origins } }
        : loadedText;
    if (!result.ok) {
      // Keep the last valid session's what-if changes for when the file is fixed.
      this.pendingChanges = previous
        ? { changes: previous.whatIf.changes, toggled: previous.whatIf.toggled }
        : this.pendingChanges;
      previous?.dispose();
      this.opened = { kind: 'invalid', file, diagnostics: result.diagnostics };
      return;
    }
    previous?.dispose();
    const session = new ModelSession(result.loaded, source.text, this.schedule, this.bump, {
      check: this.check,
      recommender: this.recommender,
      analyst: this.analyst,
    });
    const carried = previous
      ? { changes: previous.whatIf.changes, toggled: previous.whatIf.toggled }
      : this.pendingChanges;
    this.pendingChanges = undefined;
    if (carried && (carried.changes.size > 0 || carried.toggled.size > 0))
      session.whatIf.rebase(carried.changes, carried.toggled);
    this.opened = { kind: 'model', file, session };
  }

  close(): void {
    this.pendingOpen?.cancel();
    this.pendingOpen = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    this.session?.dispose();
    this.opened = undefined;
    this.lastText = undefined;
    this.pendingChanges = undefined;
  }

  /** Saves the what-if variant beside the model; returns the new file's path. */
  saveWhatIf(): string | undefined {
    const session = this.session;
    session?.whatIf.settle();
    if (!session || session.whatIf.changeCount === 0) return undefined;
    const header = [
      `What-if variant of ${session.file}, written by leakradius:`,
      ...session.whatIf.describe().map((d) => `  ${d}`),
    ];
    return this.io.saveBeside(session.file, 'whatif', session.whatIf.savedText(header));
  }

  scenarios(): readonly ScenarioEntry[] {
    if (!this.scenarioCache) {
      this.scenarioCache = this.io.scenarioFiles().map((file): ScenarioEntry => {
        const source = this.io.readText(file);
        if (!source.ok) return { file, diagnostics: source.diagnostics };
        const parsed = parseScenario(file, source.text);
        return parsed.ok
          ? { file, scenario: parsed.scenario, modelAt: parsed.sourceMap.locate(['model']), diagnostics: [] }
          : { file, diagnostics: parsed.diagnostics };
      });
    }
    return this.scenarioCache;
  }

  /** Runs a scenario: loads its model, applies its overrides and simulates its leak once. */
  runScenario(entry: ScenarioEntry): Story {
    const scenario = entry.scenario;
    if (!scenario) return (this.story = { kind: 'invalid', file: entry.file, diagnostics: entry.diagnostics });
    const named = this.io.scenarioModel(entry.file, scenario.model);
    if (!named.ok) {
      const at = entry.modelAt ?? { line: 1, column: 1 };
      const diagnostics = [{ file: entry.file, ...at, message: named.message, path: 'model' }];
      return (this.story = { kind: 'invalid', file: entry.file, diagnostics });
    }
    const modelFile = named.file;
    const source = this.io.readText(modelFile);
    const loaded = source.ok ? loadModel(modelFile, source.text) : source;
    if (!loaded.ok) return (this.story = { kind: 'invalid', file: modelFile, diagnostics: loaded.diagnostics });
    const model = withOverrides(loaded.loaded.model, scenario);
    const input = scenarioLeakInput(scenario);
    if (!loaded.loaded.relations.credential.has(input.credential)) {
      return (this.story = {
        kind: 'invalid',
        file: entry.file,
        diagnostics: [
          {
            file: entry.file,
            line: 1,
            column: 1,
            message: `the scenario leaks credential "${input.credential}", which ${modelFile} does not have`,
          },
        ],
      });
    }
    const result = simulateLeak(prepareAnalysis(model), input);
    this.story = { kind: 'story', file: entry.file, scenario, model, result, events: storyEvents(result) };
    this.bump();
    return this.story;
  }

  dispose(): void {
    this.close();
    this.listeners.clear();
  }
}
