/**
 * Names a model may make up, checked for near misses: a credential kind or an
 * action outside the known ones is allowed, but one a typo away from a known
 * one is almost surely the known one misspelled, and taking it at its word
 * would silently drop the catalogue's figures or the action's weight. Also the
 * `kinds:` section: its ids are the model's own and its replacements exist.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import { CREDENTIAL_KINDS, credentialKind } from './credential-kinds.js';
import { didYouMean, quote } from './messages.js';
import type { ModelDocument } from './schema.js';
import type { Problem } from './schema-check.js';
import { ACTION_WEIGHT } from './weights.js';

export function checkNames(doc: ModelDocument): Problem[] {
  const problems: Problem[] = [];
  const report = (path: DocPath, message: string) => problems.push({ path, at: 'value', message });
  const declared = declaredKinds(doc, report);
  const knownKinds = [...CREDENTIAL_KINDS.map((k) => k.id), ...declared];
  const isKnownKind = (id: string) => credentialKind(id) !== undefined || declared.has(id);

  (doc.kinds ?? []).forEach((k, i) =>
    (k.capabilities.replacements ?? []).forEach((r, n) => {
      if (!isKnownKind(r.kind))
        report(
          ['kinds', i, 'capabilities', 'replacements', n, 'kind'],
          `kind ${quote(k.id)}: replacement ${quote(r.kind)} is neither a catalogue kind nor declared in kinds${didYouMean(r.kind, knownKinds)}`,
        );
    }),
  );

  (doc.credentials ?? []).forEach((c, i) => {
    if (c.kind === undefined || isKnownKind(c.kind)) return;
    const hint = didYouMean(c.kind, knownKinds);
    if (hint !== '')
      report(
        ['credentials', i, 'kind'],
        `credential ${quote(c.id)}: kind ${quote(c.kind)} is not in the catalogue${hint}; a kind of your own is declared under kinds`,
      );
  });

  checkActions(doc, report);
  return problems;
}

/** The ids of `kinds:`, reporting one that is the catalogue's or declared twice. */
function declaredKinds(doc: ModelDocument, report: (path: DocPath, message: string) => void): Set<string> {
  const first = new Map<string, number>();
  (doc.kinds ?? []).forEach((k, i) => {
    const path: DocPath = ['kinds', i, 'id'];
    if (credentialKind(k.id) !== undefined)
      report(
        path,
        `kind ${quote(k.id)} is in the catalogue, which says what its provider can do (see \`leakradius kinds\`); declare only kinds of your own`,
      );
    else if (first.has(k.id))
      report(path, `kind ${quote(k.id)} is declared twice (first as kinds[${first.get(k.id)}])`);
    else first.set(k.id, i);
  });
  return new Set(first.keys());
}

/**
 * A granted action that is neither weighted nor used by a step on its resource, and a step
 * action that nothing grants on its resource, get a suggestion when one is a near miss: the
 * grant against the weighted actions, the step against what is granted on its resource.
 */
function checkActions(doc: ModelDocument, report: (path: DocPath, message: string) => void): void {
  const granted = actionsByResource(
    (doc.credentials ?? []).flatMap((c) => (c.grants ?? []).map((g) => [g.resource, g.actions] as const)),
  );
  const stepped = actionsByResource(
    (doc.workflows ?? []).flatMap((w) => w.steps.map((s) => [s.resource, s.action ? [s.action] : []] as const)),
  );
  const weighted = Object.keys(ACTION_WEIGHT);

  (doc.credentials ?? []).forEach((c, i) =>
    (c.grants ?? []).forEach((g, k) => {
      const resource = g.resource;
      if (resource === undefined) return;
      const used = stepped.get(resource) ?? new Set<string>();
      g.actions.forEach((action, n) => {
        if (Object.hasOwn(ACTION_WEIGHT, action) || used.has(action)) return;
        const hint = didYouMean(action, weighted);
        if (hint !== '')
          report(
            ['credentials', i, 'grants', k, 'actions', n],
            `credential ${quote(c.id)}: action ${quote(action)} on ${quote(resource)} is neither a known action nor one a workflow step uses${hint}`,
          );
      });
    }),
  );

  (doc.workflows ?? []).forEach((w, i) =>
    w.steps.forEach((s, k) => {
      if (s.resource === undefined || s.action === undefined) return;
      const actions = granted.get(s.resource) ?? new Set<string>();
      if (actions.has(s.action)) return;
      const hint = didYouMean(s.action, actions);
      if (hint !== '')
        report(
          ['workflows', i, 'steps', k, 'action'],
          `workflow ${quote(w.id)} step ${k + 1}: no credential grants ${quote(s.action)} on ${quote(s.resource)}${hint}`,
        );
    }),
  );
}

function actionsByResource(
  pairs: readonly (readonly [string | undefined, readonly string[]])[],
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [resource, actions] of pairs) {
    if (resource === undefined) continue;
    const set = out.get(resource) ?? new Set<string>();
    for (const a of actions) set.add(a);
    out.set(resource, set);
  }
  return out;
}
