import { applyRecommendations, type Recommendation, type Skipped } from '../analyses/recommendations/index.js';
import { applyEdits, type PatchOperation } from '../analyses/recommendations/edits.js';
import type { LoadedModel } from '../model/load.js';
import type { ModelDocument } from '../model/schema.js';
import { variantText } from '../reports/model-yaml.js';
import { AnalysisSession } from './analysis-session.js';
import { FindingsJob, RiskJob, type Scheduler } from './background.js';
import type { ModelSession } from './session.js';
import {
  changeEdits,
  deriveModel,
  describeChanges,
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
    const applied = [...this.toggled]
      .filter((id) => !skipped.has(id))
      .map((id) => `recommendation applied: ${titles.get(id) ?? id}`);
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
    const findings = this.base.check
      ? new FindingsJob(loaded, variant, risk, this.base.check, this.schedule, this.notify)
      : undefined;
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
