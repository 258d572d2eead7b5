/** The rule catalogue, in id order. Ids are stable: a retired rule's id is never reused. */
import { LR001 } from './lr001-long-lived-credential.js';
import { LR002 } from './lr002-cross-environment-credential.js';
import { LR003 } from './lr003-shared-credential.js';
import { LR004 } from './lr004-unused-grant.js';
import { LR005 } from './lr005-exposed-bearer.js';
import { LR006 } from './lr006-passthrough-delegation.js';
import { LR007 } from './lr007-escalating-delegation.js';
import { LR008 } from './lr008-deep-or-cyclic-delegation.js';
import { LR009 } from './lr009-leak-reaches-high-impact.js';
import { LR010 } from './lr010-slow-revocation.js';
import { LR011 } from './lr011-derived-outlives-parent.js';
import { LR012 } from './lr012-untraceable-agent.js';
import { LR013 } from './lr013-harvest-path.js';
import { LR014 } from './lr014-human-credential.js';
import { LR015 } from './lr015-third-party-write.js';
import { LR016 } from './lr016-blast-radius.js';
import { LR017 } from './lr017-unknown-kind.js';
import { LR018 } from './lr018-literal-secret.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  LR001,
  LR002,
  LR003,
  LR004,
  LR005,
  LR006,
  LR007,
  LR008,
  LR009,
  LR010,
  LR011,
  LR012,
  LR013,
  LR014,
  LR015,
  LR016,
  LR017,
  LR018,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule, RuleFinding, RuleInput } from './types.js';
