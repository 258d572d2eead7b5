/**
 * The TUI's link to the engine: it loads models through the injected I/O,
 * calls the analyses and caches their results, so views only render. Worst
 * cases for the risk badges and the total risk are computed in slices between
 * keypresses, so a model with thousands of credentials never freezes input.
 */
import { prepareAnalysis, type AnalysisContext } from '../analyses/context.js';
import { compareFindings, runCheck } from '../analyses/check/engine.js';
import { RULES } from '../analyses/rules/index.js';
import type { Finding } from '../analyses/check/types.js';
import type { Policy } from '../model/policy.js';
import { delegationChains, type ChainsResult } from '../analyses/delegation/chains.js';
import { simulateLeak, type Attacker, type LeakResult } from '../analyses/simulation/leak.js';
import { totalRisk, worstCase, type WorstCase } from '../analyses/simulation/worst-case.js';
import { loadModel, type LoadedModel } from '../model/load.js';
import { parseScenario, withOverrides, type ScenarioDocument } from '../model/scenario.js';
import type { Model } from '../model/types.js';
import type { Relations } from '../model/relations.js';
import { variantText } from '../reports/model-yaml.js';
import { applyRecommendations, type Recommendation, type RecommendResult, type Skipped } from '../analyses/recommendations/index.js';
import { applyEdits, type PatchOperation } from '../analyses/recommendations/edits.js';
import { MAX_RECOMMENDED_CREDENTIALS, type PendingRecommendations, type Recommender } from './recommender.js';
import type { Diagnostic } from '../yaml/diagnostic.js';
import type { TuiIo } from './io.js';
import { scenarioLeakInput, storyEvents, type StoryEvent } from './story.js';
import type { ModelDocument } from '../model/schema.js';
import { changeEdits, deriveModel, describeChanges, settingsOf, withChange, type Changes, type CredentialChange, type CredentialSettings } from './whatif.js';

/**
 * Runs a function soon, after pending input: `setImmediate` on a terminal,
 * or after `delayMs` when given (so the frame showing a keypress is drawn
 * before slow work starts).
 */
export type Scheduler = (work: () => void, delayMs?: number) => { cancel(): void };

export const immediateScheduler: Scheduler = (work, delayMs) => {
  if (delayMs !== undefined && delayMs > 0) {
    const timer = setTimeout(work, delayMs);
    return { cancel: () => clearTimeout(timer) };
  }
  const handle = setImmediate(work);
  return { cancel: () => clearImmediate(handle) };
};

/** Long enough for Ink (30 frames a second) to draw the keypress first; short enough to feel immediate. */
const DERIVE_DELAY_MS = 40;

/** How long one slice of background work may hold the event loop. */
const SLICE_MS = 12;
/** How often progress is shown: each frame of a big list costs more than a slice. */
const PROGRESS_MS = 250;

/** Every credential's worst case, computed a slice at a time; the total risk once all are known. */
export class RiskJob {
  done = 0;
  private pending?: { cancel(): void };
  private cancelled = false;
  private readonly finishedCallbacks: (() => void)[] = [];

  constructor(
    private readonly session: AnalysisSession,
    private readonly schedule: Scheduler,
    private readonly onProgress: () => void,
  ) {}

  get total(): number {
    return this.session.model.credentials.length;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** The model's total risk, once every worst case is known. */
  get totalRisk(): number | undefined {
    if (!this.finished) return undefined;
    return (this.total_ ??= totalRisk(this.session.model.credentials.map((c) => this.session.worstCase(c.id))));
  }

  private total_?: number;

  /** Runs the first slice now (small models finish here) and schedules the rest. */
  start(): this {
    this.slice();
    return this;
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
  }

  /** Runs `callback` once every worst case is known (at once if they already are). */
  whenFinished(callback: () => void): void {
    if (this.finished) callback();
    else this.finishedCallbacks.push(callback);
  }

  private slice(): void {
    if (this.cancelled) return;
    const credentials = this.session.model.credentials;
    const started = performance.now();
    while (this.done < credentials.length && performance.now() - started < SLICE_MS) {
      this.session.worstCase(credentials[this.done].id);
      this.done++;
    }
    if (this.finished) for (const callback of this.finishedCallbacks.splice(0)) callback();
    else {
      this.pending = this.schedule(() => {
        this.slice();
        const now = performance.now();
        if (this.finished || now - this.shown >= PROGRESS_MS) {
          this.shown = now;
          this.onProgress();
        }
      });
    }
  }

  private shown = performance.now();
}

/** Analyses of one model, each computed once. */
export class AnalysisSession {
  readonly ctx: AnalysisContext;
  private readonly cases = new Map<string, WorstCase>();
  private readonly leaks = new Map<string, LeakResult>();
  private chainCache?: ChainsResult;

  constructor(
    readonly model: Model,
    relations: Relations,
  ) {
    this.ctx = prepareAnalysis(model, relations);
  }

  get relations(): Relations {
    return this.ctx.relations;
  }

  worstCase(credential: string): WorstCase {
    let c = this.cases.get(credential);
    if (!c) this.cases.set(credential, (c = worstCase(this.ctx, credential)));
    return c;
  }

  /** Every credential's worst case, computing those not known yet. */
  worstCaseMap(): ReadonlyMap<string, WorstCase> {
    for (const c of this.model.credentials) this.worstCase(c.id);
    return this.cases;
  }

  /** The worst case if already computed: badges of rows not yet reached show as pending. */
  knownWorstCase(credential: string): WorstCase | undefined {
    return this.cases.get(credential);
  }

  leak(credential: string, attacker: Attacker): LeakResult {
    const key = `${attacker}\u0000${credential}`;
    let r = this.leaks.get(key);
    if (!r) this.leaks.set(key, (r = simulateLeak(this.ctx, { credential, attacker })));
    return r;
  }

  chains(): ChainsResult {
    return (this.chainCache ??= delegationChains(this.ctx));
  }
}

/** What `leakradius check` holds the model to: the TUI shows the same findings. */
export interface CheckSettings {
  readonly policy: Policy;
  /** YYYY-MM-DD, for the expiry of accepted risks. */
  readonly today: string;
}

/**
 * The CI findings of a model, computed once its worst cases are known (the
 * rules reuse them), one rule per turn of the event loop: on a model of
 * thousands of credentials a single rule can take a few hundred milliseconds.
 */
export class FindingsJob {
  findings?: readonly Finding[];
  /** Rules run so far, of `RULES.length`. */
  rulesDone = 0;
  private pending?: { cancel(): void };
  private cancelled = false;

  constructor(loaded: LoadedModel, analysis: AnalysisSession, risk: RiskJob, check: CheckSettings, schedule: Scheduler, notify: () => void) {
    const found: Finding[] = [];
    const runRule = (index: number) => {
      this.pending = undefined;
      if (this.cancelled) return;
      if (index === RULES.length) {
        this.findings = found.sort(compareFindings);
        notify();
        return;
      }
      const report = runCheck([loaded], {
        policy: check.policy,
        today: check.today,
        failOn: 'high',
        rules: [RULES[index]],
        prepared: () => ({ ctx: analysis.ctx, worstCases: analysis.worstCaseMap() }),
      });
      found.push(...report.findings);
      this.rulesDone = index + 1;
      this.pending = schedule(() => runRule(index + 1));
    };
    risk.whenFinished(() => {
      if (!this.cancelled) this.pending = schedule(() => runRule(0));
    });
  }

  get done(): boolean {
    return this.findings !== undefined;
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
  }
}

/** The model's recommendations, measured by the recommendation engine off the keyboard's path. */
export class RecommendationsJob {
  result?: RecommendResult;
  /** Why there are none to show, when there cannot be (too big a model, a failure). */
  unavailable?: string;
  private pending?: PendingRecommendations;
  private cancelled = false;

  constructor(loaded: LoadedModel, recommender: Recommender, notify: () => void) {
    const count = loaded.model.credentials.length;
    if (count > MAX_RECOMMENDED_CREDENTIALS) {
      this.unavailable = `${count} credentials: measuring every recommendation would take minutes here; run leakradius recommend ${loaded.file}`;
      return;
    }
    this.pending = recommender(loaded);
    this.pending.result.then(
      (result) => {
        if (this.cancelled) return;
        this.result = result;
        notify();
      },
      (error: unknown) => {
        if (this.cancelled) return;
        this.unavailable = `the recommendations could not be computed: ${error instanceof Error ? error.message : String(error)}`;
        notify();
      },
    );
  }

  get done(): boolean {
    return this.result !== undefined || this.unavailable !== undefined;
  }

  cancel(): void {
    this.cancelled = true;
    this.pending?.cancel();
  }
}

/**
 * A what-if variant of the open model: credential changes applied to its
 * document. A change shows at once; the variant is derived on the next turn
 * of the event loop, once for keys pressed together, because deriving a model
 * of thousands of credentials takes a noticeable moment.
 */
export class WhatIf {
  /** The changes as keyed in. */
  changes: Changes = new Map();
  /** The changes the variant was derived from. */
  private applied: Changes = new Map();
  /** Recommendations switched on, by id. */
  toggled: ReadonlySet<string> = new Set();
  private appliedToggles: ReadonlySet<string> = new Set();
  /** Recommendations switched on but left out: they conflict with one applied before them. */
  skipped: readonly Skipped[] = [];
  /** The variant as RFC 6902 operations on the file, for saving it with its comments. */
  private patch: readonly PatchOperation[] = [];
  variant: AnalysisSession;
  risk: RiskJob;
  /** The variant's CI findings, when the check settings are known. */
  findings?: FindingsJob;
  /** Why the last change was refused (a TTL outside what the kind allows, say), if it was. */
  refused?: string;
  private pending?: { cancel(): void };

  constructor(
    private readonly base: ModelSession,
    private readonly schedule: Scheduler,
    private readonly notify: () => void,
  ) {
    this.variant = base.analysis;
    this.risk = base.risk;
    this.findings = base.findings;
    this.document = base.loaded.document;
  }

  /** Whether the variant is still being derived from the latest changes. */
  get deriving(): boolean {
    return this.pending !== undefined;
  }

  get changeCount(): number {
    let n = this.toggled.size;
    for (const c of this.changes.values()) n += Object.keys(c).length;
    return n;
  }

  describe(): string[] {
    const titles = new Map(this.recommendations().map((r) => [r.id, r.title]));
    const skipped = new Set(this.skipped.map((k) => k.id));
    const applied = [...this.toggled].filter((id) => !skipped.has(id)).map((id) => `recommendation applied: ${titles.get(id) ?? id}`);
    return [...describeChanges(this.base.model, this.changes), ...applied];
  }

  recommendations(): readonly Recommendation[] {
    return this.base.recommendations?.result?.recommendations ?? [];
  }

  toggle(id: string): void {
    const next = new Set(this.toggled);
    if (!next.delete(id)) next.add(id);
    this.toggled = next;
    this.request();
  }

  /** A credential's settings with the changes keyed in so far. */
  settings(credential: string): CredentialSettings | undefined {
    const c = this.base.relations.credential.get(credential);
    return c ? settingsOf(c, this.changes.get(credential)) : undefined;
  }

  change(credential: string, field: keyof CredentialChange, value: string): void {
    this.changes = withChange(this.changes, this.base.relations.credential.get(credential), field, value);
    this.request();
  }

  reset(): void {
    this.changes = new Map();
    this.toggled = new Set();
    this.request();
  }

  /** Re-applies the changes to a reloaded model, dropping those whose credential is gone. */
  rebase(changes: Changes, toggled: ReadonlySet<string>): void {
    this.changes = new Map([...changes].filter(([id]) => this.base.relations.credential.has(id)));
    this.toggled = toggled;
    this.request();
  }

  /** The recommendations, once known: toggles kept from a reloaded model whose ids are gone drop out. */
  recommendationsArrived(): void {
    const ids = new Set(this.recommendations().map((r) => r.id));
    const kept = new Set([...this.toggled].filter((id) => ids.has(id)));
    if (kept.size === 0 && this.toggled.size === 0) return;
    this.toggled = kept;
    this.request();
  }

  /** Derives the variant now if a change is waiting (before saving, say). */
  settle(): void {
    if (!this.pending) return;
    this.pending.cancel();
    this.pending = undefined;
    this.derive();
  }

  /** The file's text with the changes the variant was derived from, its comments kept where possible. */
  savedText(header: readonly string[]): string {
    return variantText(this.base.sourceText, this.document, this.patch, header);
  }

  /** The document the variant was derived from. */
  document: ModelDocument;

  private request(): void {
    this.refused = undefined;
    this.pending?.cancel();
    this.pending = this.schedule(() => {
      this.pending = undefined;
      this.derive();
      this.notify();
    }, DERIVE_DELAY_MS);
  }

  private derive(): void {
    const next = this.changes;
    const toggled = this.toggled;
    const base = this.base.loaded.document;
    if (next.size === 0 && toggled.size === 0) {
      this.skipped = [];
      return this.install({ changes: next, toggled, document: base, patch: [] }, this.base.analysis, this.base.risk, this.base.findings);
    }
    // The recommendation engine picks which toggled ones go together; the credential changes come first, so they win.
    const recommendations = this.recommendations();
    const chosen = applyRecommendations(base, recommendations, toggled);
    const recommended = recommendations.filter((r) => chosen.applied.includes(r.id)).flatMap((r) => r.edits);
    const { document, patch } = applyEdits(base, [...changeEdits(base, next), ...recommended]);
    const derived = deriveModel(document, this.base.model.name);
    if (!derived.ok) {
      this.refused = derived.problems[0];
      this.changes = this.applied;
      this.toggled = this.appliedToggles;
      return;
    }
    this.skipped = chosen.skipped;
    const variant = new AnalysisSession(derived.model, derived.relations);
    const risk = new RiskJob(variant, this.schedule, this.notify).start();
    // The source map of the file as written: lines of findings point into the original.
    const loaded: LoadedModel = { ...this.base.loaded, document, model: derived.model, relations: derived.relations };
    const findings = this.base.check ? new FindingsJob(loaded, variant, risk, this.base.check, this.schedule, this.notify) : undefined;
    this.install({ changes: next, toggled, document, patch }, variant, risk, findings);
  }

  private install(
    applied: { changes: Changes; toggled: ReadonlySet<string>; document: ModelDocument; patch: readonly PatchOperation[] },
    variant: AnalysisSession,
    risk: RiskJob,
    findings: FindingsJob | undefined,
  ): void {
    this.cancelOwn();
    this.applied = applied.changes;
    this.appliedToggles = applied.toggled;
    this.document = applied.document;
    this.patch = applied.patch;
    this.variant = variant;
    this.risk = risk;
    this.findings = findings;
  }

  private cancelOwn(): void {
    if (this.risk !== this.base.risk) this.risk.cancel();
    if (this.findings !== this.base.findings) this.findings?.cancel();
  }

  dispose(): void {
    this.pending?.cancel();
    this.cancelOwn();
  }
}

/** An open, valid model: its analyses, its background risk job and its what-if variant. */
export class ModelSession {
  readonly analysis: AnalysisSession;
  readonly risk: RiskJob;
  /** Undefined when the TUI was started without check settings. */
  readonly findings?: FindingsJob;
  /** Undefined when the TUI was started without a recommender. */
  readonly recommendations?: RecommendationsJob;
  readonly whatIf: WhatIf;

  constructor(
    readonly loaded: LoadedModel,
    /** The file's text, for saving a variant with its comments. */
    readonly sourceText: string,
    schedule: Scheduler,
    notify: () => void,
    options: { readonly check?: CheckSettings; readonly recommender?: Recommender } = {},
  ) {
    this.check = options.check;
    this.analysis = new AnalysisSession(loaded.model, loaded.relations);
    this.risk = new RiskJob(this.analysis, schedule, notify).start();
    if (options.check) this.findings = new FindingsJob(loaded, this.analysis, this.risk, options.check, schedule, notify);
    this.whatIf = new WhatIf(this, schedule, notify);
    if (options.recommender) {
      this.recommendations = new RecommendationsJob(loaded, options.recommender, () => {
        this.whatIf.recommendationsArrived();
        notify();
      });
    }
  }

  readonly check?: CheckSettings;

  get model(): Model {
    return this.loaded.model;
  }

  get relations(): Relations {
    return this.loaded.relations;
  }

  get file(): string {
    return this.loaded.file;
  }

  dispose(): void {
    this.risk.cancel();
    this.findings?.cancel();
    this.recommendations?.cancel();
    this.whatIf.dispose();
  }
}

export type Opened = { kind: 'model'; file: string; session: ModelSession } | { kind: 'invalid'; file: string; diagnostics: readonly Diagnostic[] };

export interface ScenarioEntry {
  readonly file: string;
  readonly scenario?: ScenarioDocument;
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
  private listeners = new Set<() => void>();
  private unwatch?: () => void;
  private lastText?: string;
  private scenarioCache?: ScenarioEntry[];
  /** What-if changes kept while the file is invalid, for when it is fixed. */
  private pendingChanges?: { changes: Changes; toggled: ReadonlySet<string> };
  private readonly watching: boolean;
  private readonly check?: CheckSettings;
  private readonly recommender?: Recommender;
  readonly picker: { readonly files: readonly string[]; readonly diagnostics: readonly Diagnostic[] };

  constructor(
    readonly io: TuiIo,
    options: { files: readonly string[]; diagnostics?: readonly Diagnostic[]; open?: string; watch?: boolean; check?: CheckSettings; recommender?: Recommender },
    private readonly schedule: Scheduler = immediateScheduler,
  ) {
    this.picker = { files: options.files, diagnostics: options.diagnostics ?? [] };
    this.check = options.check;
    this.recommender = options.recommender;
    this.watching = options.watch ?? true;
    if (options.open !== undefined) this.open(options.open);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Tells the views that something changed. */
  bump = (): void => {
    this.version++;
    for (const l of this.listeners) l();
  };

  get session(): ModelSession | undefined {
    return this.opened?.kind === 'model' ? this.opened.session : undefined;
  }

  /** Whether background work is still under way (badges, findings, a what-if variant). */
  get busy(): boolean {
    const session = this.session;
    if (!session) return false;
    const w = session.whatIf;
    return !session.risk.finished || !(session.findings?.done ?? true) || !(session.recommendations?.done ?? true) || w.deriving || !w.risk.finished || !(w.findings?.done ?? true);
  }

  /** Opens a model file and watches it; returns whether it is valid. */
  open(file: string): boolean {
    this.close();
    this.read(file);
    if (this.watching) this.unwatch = this.io.watch(file, () => this.reload());
    this.bump();
    return this.opened?.kind === 'model';
  }

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

  private read(file: string, previous?: ModelSession): void {
    const source = this.io.readText(file);
    if (!source.ok) {
      this.lastText = undefined;
      this.opened = { kind: 'invalid', file, diagnostics: source.diagnostics };
      return;
    }
    this.lastText = source.text;
    const result = loadModel(file, source.text);
    if (!result.ok) {
      // Keep the last valid session's what-if changes for when the file is fixed.
      this.pendingChanges = previous ? { changes: previous.whatIf.changes, toggled: previous.whatIf.toggled } : this.pendingChanges;
      previous?.dispose();
      this.opened = { kind: 'invalid', file, diagnostics: result.diagnostics };
      return;
    }
    previous?.dispose();
    const session = new ModelSession(result.loaded, source.text, this.schedule, this.bump, { check: this.check, recommender: this.recommender });
    const carried = previous ? { changes: previous.whatIf.changes, toggled: previous.whatIf.toggled } : this.pendingChanges;
    this.pendingChanges = undefined;
    if (carried && (carried.changes.size > 0 || carried.toggled.size > 0)) session.whatIf.rebase(carried.changes, carried.toggled);
    this.opened = { kind: 'model', file, session };
  }

  close(): void {
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
    const header = [`What-if variant of ${session.file}, written by leakradius:`, ...session.whatIf.describe().map((d) => `  ${d}`)];
    return this.io.saveBeside(session.file, 'whatif', session.whatIf.savedText(header));
  }

  scenarios(): readonly ScenarioEntry[] {
    if (!this.scenarioCache) {
      this.scenarioCache = this.io.scenarioFiles().map((file): ScenarioEntry => {
        const source = this.io.readText(file);
        if (!source.ok) return { file, diagnostics: source.diagnostics };
        const parsed = parseScenario(file, source.text);
        return parsed.ok ? { file, scenario: parsed.scenario, diagnostics: [] } : { file, diagnostics: parsed.diagnostics };
      });
    }
    return this.scenarioCache;
  }

  /** Runs a scenario: loads its model, applies its overrides and simulates its leak once. */
  runScenario(entry: ScenarioEntry): Story {
    const scenario = entry.scenario;
    if (!scenario) return (this.story = { kind: 'invalid', file: entry.file, diagnostics: entry.diagnostics });
    const modelFile = this.io.resolveFrom(entry.file, scenario.model);
    const source = this.io.readText(modelFile);
    const loaded = source.ok ? loadModel(modelFile, source.text) : source;
    if (!loaded.ok) return (this.story = { kind: 'invalid', file: modelFile, diagnostics: loaded.diagnostics });
    const model = withOverrides(loaded.loaded.model, scenario);
    const input = scenarioLeakInput(scenario);
    if (!loaded.loaded.relations.credential.has(input.credential)) {
      return (this.story = {
        kind: 'invalid',
        file: entry.file,
        diagnostics: [{ file: entry.file, line: 1, column: 1, message: `the scenario leaks credential "${input.credential}", which ${modelFile} does not have` }],
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
