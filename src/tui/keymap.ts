/**
 * The one keymap of the TUI: every named command, the keys that run it and
 * where it applies. The input hooks match keys through it, the help screen
 * lists it and the tests press keys from it, so the three cannot disagree.
 */
import type { Key } from 'ink';

/** Where a command applies: `global` everywhere (unless text is being typed), `list` in any view with a list. */
export type KeyContext =
  | 'global'
  | 'list'
  | 'picker'
  | 'inventory'
  | 'leak'
  | 'whatif'
  | 'delegation'
  | 'scenarios'
  | 'workshop'
  | 'resource'
  | 'filter';

export type SpecialKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'shiftTab'
  | 'backspace'
  | 'space';

/** A key: a special key or one typed character (case matters). */
export type KeySpec = { readonly special: SpecialKey } | { readonly char: string };

interface RawBinding {
  readonly command: string;
  readonly context: KeyContext;
  readonly keys: readonly KeySpec[];
  readonly description: string;
}

const sp = (special: SpecialKey): KeySpec => ({ special });
const ch = (char: string): KeySpec => ({ char });

export const KEYMAP = [
  { command: 'help', context: 'global', keys: [ch('?')], description: 'show or hide this help' },
  { command: 'quit', context: 'global', keys: [ch('q')], description: 'quit and restore the terminal' },
  { command: 'back', context: 'global', keys: [sp('escape')], description: 'go back' },

  { command: 'up', context: 'list', keys: [sp('up'), ch('k')], description: 'move up' },
  { command: 'down', context: 'list', keys: [sp('down'), ch('j')], description: 'move down' },
  { command: 'pageUp', context: 'list', keys: [sp('pageUp')], description: 'one page up' },
  { command: 'pageDown', context: 'list', keys: [sp('pageDown')], description: 'one page down' },
  { command: 'first', context: 'list', keys: [sp('home'), ch('g')], description: 'first row' },
  { command: 'last', context: 'list', keys: [sp('end'), ch('G')], description: 'last row' },
  { command: 'filter', context: 'list', keys: [ch('/')], description: 'filter the list by text' },

  { command: 'open', context: 'picker', keys: [sp('return')], description: 'open the selected model' },

  {
    command: 'nextPane',
    context: 'inventory',
    keys: [sp('tab')],
    description: 'next pane: credentials, agents, tools, resources, findings',
  },
  { command: 'prevPane', context: 'inventory', keys: [sp('shiftTab')], description: 'previous pane' },
  {
    command: 'select',
    context: 'inventory',
    keys: [sp('return')],
    description: 'credential: leak it; agent: its delegation chains; resource: who reaches it',
  },
  {
    command: 'leak',
    context: 'inventory',
    keys: [ch('l')],
    description: 'simulate the leak of the selected credential',
  },
  { command: 'whatIf', context: 'inventory', keys: [ch('w')], description: 'what-if: change the selected credential' },
  { command: 'delegation', context: 'inventory', keys: [ch('d')], description: 'delegation chains, hop by hop' },
  {
    command: 'scenarios',
    context: 'inventory',
    keys: [ch('s')],
    description: 'workshop: run a scenario event by event',
  },
  { command: 'models', context: 'inventory', keys: [ch('o')], description: 'open another model' },

  {
    command: 'open',
    context: 'resource',
    keys: [sp('return')],
    description: 'leak the credential of the selected row',
  },

  { command: 'attacker', context: 'leak', keys: [ch('a')], description: 'switch attacker: external / in-workload' },
  { command: 'whatIf', context: 'leak', keys: [ch('w')], description: 'what-if on this credential' },

  { command: 'ttlShorter', context: 'whatif', keys: [ch('t')], description: 'shorter TTL' },
  { command: 'ttlLonger', context: 'whatif', keys: [ch('T')], description: 'longer TTL' },
  {
    command: 'binding',
    context: 'whatif',
    keys: [ch('b')],
    description: 'next binding: bearer, sender-constrained, workload-bound',
  },
  {
    command: 'revocation',
    context: 'whatif',
    keys: [ch('r')],
    description: 'next revocation mode: manual, automated, on-task-end, none',
  },
  {
    command: 'issuance',
    context: 'whatif',
    keys: [ch('i')],
    description: 'next issuance: static, per-session, per-task',
  },
  {
    command: 'toggle',
    context: 'whatif',
    keys: [sp('space')],
    description: 'apply or drop the selected recommendation',
  },
  { command: 'reset', context: 'whatif', keys: [ch('u')], description: 'undo every change' },
  { command: 'save', context: 'whatif', keys: [ch('s')], description: 'save the changed model to a new file' },
  { command: 'leak', context: 'whatif', keys: [ch('l')], description: 'leak this credential (as written)' },

  { command: 'nextHop', context: 'delegation', keys: [sp('right'), ch('n')], description: 'next hop of the chain' },
  { command: 'prevHop', context: 'delegation', keys: [sp('left'), ch('p')], description: 'previous hop' },

  { command: 'open', context: 'scenarios', keys: [sp('return')], description: 'run the selected scenario' },

  { command: 'nextEvent', context: 'workshop', keys: [sp('right'), sp('space'), ch('n')], description: 'next event' },
  { command: 'prevEvent', context: 'workshop', keys: [sp('left'), ch('p')], description: 'previous event' },
  { command: 'restart', context: 'workshop', keys: [ch('0')], description: 'back to the first event' },

  { command: 'apply', context: 'filter', keys: [sp('return')], description: 'keep the filter' },
  { command: 'clear', context: 'filter', keys: [sp('escape')], description: 'clear the filter' },
  { command: 'erase', context: 'filter', keys: [sp('backspace')], description: 'erase a character (type to filter)' },
] as const satisfies readonly RawBinding[];

export type Binding = (typeof KEYMAP)[number];
export type CommandId = Binding['command'];

/** Contexts listened to in each view, besides `global`. */
export const VIEW_CONTEXTS = {
  picker: ['list', 'picker'],
  errors: ['list'],
  opening: [],
  inventory: ['list', 'inventory'],
  leak: ['list', 'leak'],
  resource: ['list', 'resource'],
  whatif: ['list', 'whatif'],
  delegation: ['list', 'delegation'],
  scenarios: ['list', 'scenarios'],
  workshop: ['workshop'],
  help: ['list'],
} as const satisfies Record<string, readonly KeyContext[]>;

/** The special key a keypress is, if any. */
export function specialOf(input: string, key: Key): SpecialKey | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.tab) return key.shift ? 'shiftTab' : 'tab';
  // Ink 6 reports the 0x7f most terminals send for Backspace as `delete`.
  if (key.backspace || key.delete) return 'backspace';
  if (key.escape || (key.meta && input === '')) return 'escape';
  if (input === ' ') return 'space';
  return undefined;
}

function matches(spec: KeySpec, input: string, special: SpecialKey | undefined, key: Key): boolean {
  if ('special' in spec) return special === spec.special;
  return special === undefined && !key.ctrl && !key.meta && input === spec.char;
}

/** The command a keypress runs in the given contexts, first context first. */
export function commandFor(input: string, key: Key, contexts: readonly KeyContext[]): CommandId | undefined {
  const special = specialOf(input, key);
  for (const context of contexts) {
    for (const binding of KEYMAP) {
      if (binding.context !== context) continue;
      if (binding.keys.some((k) => matches(k, input, special, key))) return binding.command;
    }
  }
  return undefined;
}

const SPECIAL_LABEL: Record<SpecialKey, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  shiftTab: 'Shift-Tab',
  backspace: 'Backspace',
  space: 'Space',
};

export function keyLabel(spec: KeySpec): string {
  return 'special' in spec ? SPECIAL_LABEL[spec.special] : spec.char;
}

export function bindingLabel(binding: { readonly keys: readonly KeySpec[] }): string {
  return binding.keys.map(keyLabel).join(' ');
}

/** The label of a command's first key in the first of the contexts that binds it, for footers: `l`, `Enter`. */
export function keyIn(command: CommandId, contexts: readonly KeyContext[]): string | undefined {
  for (const context of contexts) {
    const binding = KEYMAP.find((b) => b.command === command && b.context === context);
    if (binding) return keyLabel(binding.keys[0]);
  }
  return undefined;
}

/** The bytes a terminal sends for a key: what the tests write to stdin. */
export function keySequence(spec: KeySpec): string {
  if ('char' in spec) return spec.char;
  const sequences: Record<SpecialKey, string> = {
    up: '\u001b[A',
    down: '\u001b[B',
    right: '\u001b[C',
    left: '\u001b[D',
    pageUp: '\u001b[5~',
    pageDown: '\u001b[6~',
    home: '\u001b[H',
    end: '\u001b[F',
    return: '\r',
    escape: '\u001b',
    tab: '\t',
    shiftTab: '\u001b[Z',
    backspace: '\u007f',
    space: ' ',
  };
  return sequences[spec.special];
}

/** The first key bound to a command in a context, as terminal bytes. */
export function sequenceOf(command: CommandId, context: KeyContext): string {
  const binding = KEYMAP.find((b) => b.command === command && b.context === context);
  if (!binding) throw new Error(`no key for ${command} in ${context}`);
  return keySequence(binding.keys[0]);
}

export const CONTEXT_TITLE: Record<KeyContext, string> = {
  global: 'Everywhere',
  list: 'Lists',
  picker: 'Model picker',
  inventory: 'Inventory',
  leak: 'Leak',
  resource: 'Who reaches a resource',
  whatif: 'What-if',
  delegation: 'Delegation',
  scenarios: 'Scenarios',
  workshop: 'Workshop',
  filter: 'While filtering',
};
