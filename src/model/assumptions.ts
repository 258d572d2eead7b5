/**
 * The defaults normalisation applied, by the element they were applied to.
 * A large model has hundreds of thousands of them and the leak view and the
 * TUI's details ask for one element's at a time, so they are indexed once per
 * model.
 */
import type { Model } from './types.js';

const indexes = new WeakMap<Model, Map<string, number[]>>();

/** Positions in `model.assumptions` of the assumptions about `element` (`model`, `credential:gh-pat`), in model order. */
export function assumptionPositions(model: Model, element: string): readonly number[] {
  let byElement = indexes.get(model);
  if (!byElement) {
    byElement = new Map();
    model.assumptions.forEach((a, i) => {
      const list = byElement!.get(a.element);
      if (list) list.push(i);
      else byElement!.set(a.element, [i]);
    });
    indexes.set(model, byElement);
  }
  return byElement.get(element) ?? [];
}
