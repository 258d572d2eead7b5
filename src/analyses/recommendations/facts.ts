/**
 * What the workflows say about each credential, computed once for all
 * detectors: which grants its workflow steps actually use (least privilege is
 * derived from these, never guessed), and the longest workflow it must live
 * through.
 */
import type { Seconds } from '../../model/duration.js';
import type { LoadedModel } from '../../model/load.js';
import { derivationAncestors, stepCredentials, type Relations } from '../../model/relations.js';
import type { ModelDocument } from '../../model/schema.js';
import type { Model, Workflow } from '../../model/types.js';
import { grantKey } from './edits.js';

export interface Facts {
  readonly document: ModelDocument;
  readonly model: Model;
  readonly relations: Relations;
  /** Position of each element in the document, by id. */
  readonly position: {
    readonly credential: ReadonlyMap<string, number>;
    readonly agent: ReadonlyMap<string, number>;
    readonly tool: ReadonlyMap<string, number>;
    readonly resource: ReadonlyMap<string, number>;
  };
  /** Grant keys (`grantKey`) each credential's workflow steps use, with the workflows that use them; a key a credential minted from it uses counts too. */
  readonly used: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** Grant keys used by steps of autonomous agents, per credential. */
  readonly usedAutonomously: ReadonlyMap<string, ReadonlySet<string>>;
  /** The longest workflow during which each credential is used (directly or by a delegate it is handed to). */
  readonly longestUse: ReadonlyMap<string, { readonly seconds: Seconds; readonly workflow: string }>;
  /** Credentials some agent of the model acts with: only their use can be judged from the workflows. */
  readonly inUse: ReadonlySet<string>;
  readonly workflowsOf: ReadonlyMap<string, readonly Workflow[]>;
}

export function factsOf(loaded: Pick<LoadedModel, 'document' | 'model' | 'relations'>): Facts {
  const { document, model, relations } = loaded;
  const workflowsOf = new Map<string, Workflow[]>();
  for (const w of model.workflows) workflowsOf.set(w.agent, [...(workflowsOf.get(w.agent) ?? []), w]);

  const used = new Map<string, Map<string, string[]>>();
  const usedAutonomously = new Map<string, Set<string>>();
  const use = (credential: string, key: string, workflow: string, autonomous: boolean) => {
    let keys = used.get(credential);
    if (!keys) used.set(credential, (keys = new Map()));
    const list = keys.get(key) ?? [];
    if (!list.includes(workflow)) list.push(workflow);
    keys.set(key, list);
    if (autonomous) {
      let set = usedAutonomously.get(credential);
      if (!set) usedAutonomously.set(credential, (set = new Set()));
      set.add(key);
    }
  };
  for (const w of model.workflows) {
    const autonomous = relations.agent.get(w.agent)?.autonomy === 'autonomous';
    for (const step of w.steps) {
      if (step.kind === 'action') {
        for (const c of stepCredentials(step, w.agent, relations))
          use(c, grantKey('resource', step.resource, step.action), w.id, autonomous);
      } else {
        // Tasking a delegate counts as using any invoke grant the agent holds on it.
        for (const c of relations.available.get(w.agent) ?? [])
          use(c, grantKey('agent', step.to, 'invoke'), w.id, autonomous);
      }
    }
  }

  // What a credential minted from another uses, its parents need too (a mint hands on only what the parent holds).
  for (const [credential, keys] of [...used]) {
    const parents = derivationAncestors(relations, credential);
    for (const [key, workflows] of keys)
      for (const parent of parents)
        for (const w of workflows) use(parent, key, w, usedAutonomously.get(credential)?.has(key) ?? false);
  }

  const longestUse = new Map<string, { seconds: Seconds; workflow: string }>();
  const memo = new Map<string, Map<string, Seconds>>();
  for (const w of model.workflows) {
    for (const [c, seconds] of usedDuring(w, relations, workflowsOf, memo, new Set())) {
      const current = longestUse.get(c);
      if (!current || seconds > current.seconds) longestUse.set(c, { seconds, workflow: w.id });
    }
  }

  const inUse = new Set<string>();
  for (const list of relations.available.values()) for (const c of list) inUse.add(c);
  const position = <T extends { id: string }>(items: readonly T[] | undefined) =>
    new Map((items ?? []).map((x, i) => [x.id, i]));
  return {
    document,
    model,
    relations,
    position: {
      credential: position(document.credentials),
      agent: position(document.agents),
      tool: position(document.tools),
      resource: position(document.resources),
    },
    used,
    usedAutonomously,
    longestUse,
    inUse,
    workflowsOf,
  };
}

/**
 * The credentials a run of `w` needs alive, and for how long from its start:
 * those its steps use for the run's duration, and those it hands to a delegate
 * that uses them (passthrough), or mints for it (exchange, with the parent it
 * mints from), for as long as the longer of the two runs.
 */
function usedDuring(
  w: Workflow,
  relations: Relations,
  workflowsOf: ReadonlyMap<string, readonly Workflow[]>,
  memo: Map<string, Map<string, Seconds>>,
  stack: Set<string>,
): Map<string, Seconds> {
  const known = memo.get(w.id);
  if (known) return known;
  stack.add(w.id);
  let cut = false;
  const out = new Map<string, Seconds>();
  const need = (c: string, seconds: Seconds) => out.set(c, Math.max(out.get(c) ?? 0, seconds));
  const mine = relations.available.get(w.agent) ?? [];
  for (const step of w.steps) {
    if (step.kind === 'action') {
      for (const c of stepCredentials(step, w.agent, relations)) need(c, w.duration);
      continue;
    }
    const delegation = relations.agent.get(w.agent)?.delegates.find((d) => d.to === step.to);
    if (!delegation) continue;
    let handed: readonly string[] = mine;
    if (delegation.mode === 'exchange') {
      handed = delegation.credential !== undefined ? [delegation.credential] : [];
      for (
        let c = delegation.credential, seen = 0;
        c !== undefined && seen < 64;
        c = relations.credential.get(c)?.derivedFrom, seen++
      ) {
        if (c === delegation.credential || mine.includes(c)) need(c, w.duration);
      }
    }
    for (const inner of workflowsOf.get(step.to) ?? []) {
      if (stack.has(inner.id)) {
        cut = true;
        continue;
      }
      for (const [c, seconds] of usedDuring(inner, relations, workflowsOf, memo, stack)) {
        if (handed.includes(c)) need(c, Math.max(w.duration, seconds));
      }
    }
  }
  stack.delete(w.id);
  if (!cut) memo.set(w.id, out); // a result cut short by a delegation loop is not reused elsewhere
  return out;
}

/** New ids: deterministic (the same model gives the same ids), unique among the model's and each other. */
export class IdAllocator {
  private readonly taken: Set<string>;
  constructor(existing: Iterable<string>) {
    this.taken = new Set(existing);
  }
  allocate(base: string): string {
    const clean =
      base
        .replace(/[^A-Za-z0-9._:/@+-]/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 120) || 'credential';
    let id = clean;
    for (let n = 2; this.taken.has(id); n++) id = `${clean}-${n}`;
    this.taken.add(id);
    return id;
  }
}
