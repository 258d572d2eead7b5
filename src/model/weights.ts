/**
 * The scoring vocabulary: how much a sensitivity and an action weigh. The
 * impact of a (resource, action) pair is the product of the two.
 */
import type { Sensitivity } from './types.js';

export const SENSITIVITY_WEIGHT: Readonly<Record<Sensitivity, number>> = { low: 1, medium: 2, high: 5, critical: 10 };

export const ACTION_WEIGHT: Readonly<Record<string, number>> = {
  read: 1,
  write: 2,
  export: 3,
  delete: 3,
  invoke: 2,
  admin: 4,
  deploy: 4,
  payment: 4,
};

/** Weight of an action the table does not know. */
export const UNKNOWN_ACTION_WEIGHT = 2;

/** Actions that reveal a resource's contents, and so the credentials it stores. */
export const HARVEST_ACTIONS: ReadonlySet<string> = new Set(['read', 'export', 'admin']);

/** Actions whose misuse is high-impact: deployment, money, data leaving, destruction. */
export const HIGH_IMPACT_ACTIONS: ReadonlySet<string> = new Set(['deploy', 'payment', 'export', 'delete']);

export function actionWeight(action: string): number {
  return Object.hasOwn(ACTION_WEIGHT, action) ? ACTION_WEIGHT[action] : UNKNOWN_ACTION_WEIGHT;
}

export function impact(sensitivity: Sensitivity, action: string): number {
  return SENSITIVITY_WEIGHT[sensitivity] * actionWeight(action);
}

export function isHighOrCritical(sensitivity: Sensitivity): boolean {
  return sensitivity === 'high' || sensitivity === 'critical';
}
