import { applyRecommendations, type Recommendation, type Skipped } from '../analyses/recommendations/index.js';
import { applyEdits, type PatchOperation } from '../analyses/recommendations/edits.js';
import type { LoadedModel } from '../model/load.js';
import type { Relations } from '../model/relations.js';
import type { Model } from '../model/types.js';
import type { ModelDocument } from '../model/schema.js';
import { changedModelText } from '../reports/model-yaml.js';
import { AnalysisSession } from './analysis-session.js';
import type { AnalystFeed } from './analyst.js';
import { analysedJobs, BULK_FROM_CREDENTIALS, FindingsJob, RiskJob, type Scheduler } from './background.js';
import type { ModelSession } from './session.js';
import {
  changeEdits,
  deriveModel,
  describeChanges,
  settingsVariant,
  settingsOf,
  withChange,
  type Changes,
  type CredentialChange,
  type CredentialSettings,
} from './whatif.js';

/** Long enough for Ink (30 frames a second) to draw the keypress first; short enough to feel immediate. */
const DERIVE_DELAY_MS = 40;

/**
 * A what-if variant of the open model: credential changes applied to its
 * document. A change shows at once; the variant is derived on the next turn
 * of the event loop, once for keys pressed together, because deriving a model
 * of thousands of credentials takes a noticeable moment. It owns its state:
 * the views read it, only its methods change it, and each change notifies.
 */
export class WhatIf {
  /** The changes as keyed in. */
  private keyed: Changes = new Map();
  /** The changes the variant was derived from. */
  private applied: Changes = new Map();
  /** Recommendations switched on, by id. */
  private switchedOn: ReadonlySet<string> = new Set();
  private appliedToggles: ReadonlySet<string> = new Set();
  /** Recommendations switched on but left out: they conflict with one applied before them. */
  private left: readonly Skipped[] = [];
  /** The variant as RFC 6902 operations on the file, for saving it with its comments. */
  private patch: readonly PatchOperation[] = [];
  private analyses: AnalysisSession;
  private riskJob: RiskJob;
  private findingsJob?: FindingsJob;
  private refusal?: string;
  /** The document the variant was derived from. */
  private derivedFrom: ModelDocument;
  private pending?: { cancel(): void };

  constructor(
    private readonly base: ModelSession,
    private readonly schedule: Scheduler,
    private readonly notify: () => void,
  ) {
    this.analyses = base.analysis;
    this.riskJob = base.risk;
    this.findingsJob = base.findings;
    this.derivedFrom = base.loaded.document;
  }

  /** The changes as keyed in. */
  get changes(): Changes {
    return this.keyed;
  }

  /** Recommendations switched on, by id. */
  get toggled(): ReadonlySet<string> {
    return this.switchedOn;
  }

  /** Recommendations switched on but left out: they conflict with one applied before them. */
  get skipped(): readonly Skipped[] {
    return this.left;
  }

  /** The variant's analyses (the model's own while nothing is changed). */
  get variant(): AnalysisSession {
    return this.analyses;
  }

  get risk(): RiskJob {
    return this.riskJob;
  }

  /** The variant's CI findings, when the check settings are known. */
  get findings(): FindingsJob | undefined {
    return this.findingsJob;
  }

  /** Why the last change was refused (a TTL outside what the kind allows, say), if it was. */
  get refused(): string | undefined {
    return this.refusal;
  }

  /** The document the variant was derived from. */
  get document(): ModelDocument {
    return this.derivedFrom;
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
    const applied = [...this.toggled]
      .filter((id) => !skipped.has(id))
      .map((id) => `recommendation applied: ${titles.get(id) ?? id}`);
    return [...describeChanges(this.base.model, this.changes), ...applied];
  }

  recommendations(): readonly Recommendation[] {
    return this.base.recommendations?.result?.recommendations ?? [];
  }

  toggle(id: string): void {
    const next = new Set(this.switchedOn);
    if (!next.delete(id)) next.add(id);
    this.switchedOn = next;
    this.request();
  }

  /** A credential's settings with the changes keyed in so far. */
  settings(credential: string): CredentialSettings | undefined {
    const c = this.base.relations.credential.get(credential);
    return c ? settingsOf(c, this.keyed.get(credential)) : undefined;
  }

  change(credential: string, field: keyof CredentialChange, value: string): void {
    this.keyed = withChange(this.keyed, this.base.relations.credential.get(credential), field, value);
    this.request();
  }

  reset(): void {
    this.keyed = new Map();
    this.switchedOn = new Set();
    this.request();
  }

  /** Re-applies the changes to a reloaded model, dropping those whose credential is gone. */
  rebase(changes: Changes, toggled: ReadonlySet<string>): void {
    this.keyed = new Map([...changes].filter(([id]) => this.base.relations.credential.has(id)));
    this.switchedOn = toggled;
    this.request();
  }

  /** The recommendations, once known: toggles kept from a reloaded model whose ids are gone drop out. */
  recommendationsArrived(): void {
    const ids = new Set(this.recommendations().map((r) => r.id));
    const kept = new Set([...this.switchedOn].filter((id) => ids.has(id)));
    if (kept.size === 0 && this.switchedOn.size === 0) return;
    this.switchedOn = kept;
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
    return changedModelText(this.base.sourceText, this.derivedFrom, this.patch, header).text;
  }

  /** A change: shown at once (the views are told), the variant derived after the keys pressed together. */
  private request(): void {
    this.refusal = undefined;
    this.pending?.cancel();
    this.pending = this.schedule(() => {
      this.pending = undefined;
      this.derive();
      this.notify();
    }, DERIVE_DELAY_MS);
    this.notify();
  }

  private derive(): void {
    const next = this.keyed;
    const toggled = this.switchedOn;
    const base = this.base.loaded.document;
    if (next.size === 0 && toggled.size === 0) {
      this.left = [];
      return this.install(
        { changes: next, toggled, document: base, patch: [] },
        this.base.analysis,
        this.base.risk,
        this.base.findings,
      );
    }
    // The recommendation engine picks which toggled ones go together; the credential changes come first, so they win.
    const recommendations = this.recommendations();
    const chosen = applyRecommendations(base, recommendations, toggled);
    const recommended = recommendations.filter((r) => chosen.applied.includes(r.id)).flatMap((r) => r.edits);
    const edits = [...changeEdits(base, next), ...recommended];
    const { document, patch } = applyEdits(base, edits);
    const { analyst, check } = this.base;
    const large = analyst !== undefined && this.base.model.credentials.length >= BULK_FROM_CREDENTIALS;
    // Credential settings alone keep the model's reach: on a large model only the changed credentials are resolved again.
    const quick =
      large && toggled.size === 0 ? settingsVariant(this.base.analysis.ctx, document, next.keys()) : undefined;
    let derived: { model: Model; relations: Relations };
    if (quick) derived = quick;
    else {
      const full = deriveModel(document, this.base.model.name);
      if (!full.ok) {
        this.refusal = full.problems[0];
        this.keyed = this.applied;
        this.switchedOn = this.appliedToggles;
        return;
      }
      derived = full;
    }
    this.left = chosen.skipped;
    const variant = new AnalysisSession(derived.model, derived.relations, quick);
    // The source map of the file as written: lines of findings point into the original.
    const loaded: LoadedModel = { ...this.base.loaded, document, model: derived.model, relations: derived.relations };
    let risk: RiskJob;
    let findings: FindingsJob | undefined;
    if (large) {
      // The edited credentials' own worst cases here and now: they are what the view shows first.
      for (const id of next.keys()) if (derived.relations.credential.has(id)) variant.worstCase(id);
      const request = (feed: AnalystFeed) => analyst.analyse(edits, feed);
      ({ risk, findings } = analysedJobs(variant, loaded, request, check, this.schedule, this.notify));
    } else {
      risk = new RiskJob(variant, this.schedule, this.notify).start();
      findings = check ? new FindingsJob(loaded, variant, risk, check, this.schedule, this.notify) : undefined;
    }
    this.install({ changes: next, toggled, document, patch }, variant, risk, findings);
  }

  private install(
    applied: {
      changes: Changes;
      toggled: ReadonlySet<string>;
      document: ModelDocument;
      patch: readonly PatchOperation[];
    },
    variant: AnalysisSession,
    risk: RiskJob,
    findings: FindingsJob | undefined,
  ): void {
    this.cancelOwn();
    this.applied = applied.changes;
    this.appliedToggles = applied.toggled;
    this.derivedFrom = applied.document;
    this.patch = applied.patch;
    this.analyses = variant;
    this.riskJob = risk;
    this.findingsJob = findings;
  }

  private cancelOwn(): void {
    if (this.riskJob !== this.base.risk) this.riskJob.cancel();
    if (this.findingsJob !== this.base.findings) this.findingsJob?.cancel();
  }

  dispose(): void {
    this.pending?.cancel();
    this.cancelOwn();
  }
}
