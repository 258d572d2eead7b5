/** The analyses of one model (worst cases, leaks, delegation chains), each computed once and kept. */
import { prepareAnalysis, type AnalysisContext } from '../analyses/context.js';
import { delegationChains, type ChainsResult } from '../analyses/delegation/chains.js';
import { exposure, type Exposure } from '../analyses/exposure/index.js';
import { simulateLeak, type Attacker, type LeakResult } from '../analyses/simulation/leak.js';
import { hijackCaseOf, taskEnds, type HijackCase } from '../analyses/simulation/hijack.js';
import { worstCase, worstCases, type WorstCase } from '../analyses/simulation/worst-case.js';
import type { Relations } from '../model/relations.js';
import type { Model } from '../model/types.js';

export class AnalysisSession {
  readonly ctx: AnalysisContext;
  private readonly cases = new Map<string, WorstCase>();
  private readonly leaks = new Map<string, LeakResult>();
  private readonly hijacks = new Map<string, HijackCase>();
  private ends?: ReadonlyMap<string, number>;
  private chainCache?: ChainsResult;
  private readonly exposures = new Map<string, Exposure>();

  constructor(
    readonly model: Model,
    relations: Relations,
    /** The model's analysis context when it is already known (a what-if variant sharing its model's reach). */
    prepared?: AnalysisContext,
  ) {
    this.ctx = prepared ?? prepareAnalysis(model, relations);
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

  /** Every credential's worst case in one pass of the bulk engine: far cheaper than one by one on a large model. */
  computeAllWorstCases(): void {
    for (const w of worstCases(this.ctx)) if (!this.cases.has(w.credential)) this.cases.set(w.credential, w);
  }

  /** Worst cases computed elsewhere (an analyst's worker), kept unless already known here. */
  learn(cases: readonly WorstCase[]): void {
    for (const w of cases) if (!this.cases.has(w.credential)) this.cases.set(w.credential, w);
  }

  /** The worst case if already computed: badges of rows not yet reached show as pending. */
  knownWorstCase(credential: string): WorstCase | undefined {
    return this.cases.get(credential);
  }

  /** An agent's hijacked-agent worst case. */
  hijackCase(agent: string): HijackCase {
    let h = this.hijacks.get(agent);
    if (!h) this.hijacks.set(agent, (h = hijackCaseOf(this.ctx, agent, (this.ends ??= taskEnds(this.ctx)))));
    return h;
  }

  leak(credential: string, attacker: Attacker): LeakResult {
    const key = `${attacker}\u0000${credential}`;
    let r = this.leaks.get(key);
    if (!r) this.leaks.set(key, (r = simulateLeak(this.ctx, { credential, attacker })));
    return r;
  }

  /** Who reaches a resource, read off the cached worst-case leaks. */
  exposure(resource: string): Exposure {
    let r = this.exposures.get(resource);
    if (!r)
      this.exposures.set(
        resource,
        (r = exposure(this.ctx, { resource }, (credential) => this.leak(credential, 'external'))),
      );
    return r;
  }

  knownExposure(resource: string): Exposure | undefined {
    return this.exposures.get(resource);
  }

  chains(): ChainsResult {
    return (this.chainCache ??= delegationChains(this.ctx));
  }
}
