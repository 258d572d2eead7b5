/** The keymap is the one source of keys: handlers, help and tests read it. */
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_TITLE,
  KEYMAP,
  VIEW_CONTEXTS,
  commandFor,
  keyLabel,
  keySequence,
  type KeyContext,
} from '../../src/tui/keymap.js';
import { splitTypeAhead } from '../../src/tui/hooks/use-keymap-input.js';
import { helpRows } from '../../src/tui/views/help.js';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

describe('keymap', () => {
  it('never binds one key to two commands where both are heard', () => {
    for (const [view, contexts] of Object.entries(VIEW_CONTEXTS)) {
      const heard = ['global', ...contexts] as KeyContext[];
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((k) => heard.includes(k.context))) {
        for (const key of b.keys) {
          const label = keyLabel(key);
          expect(seen.get(label), `${view}: ${label} is both ${seen.get(label)} and ${b.command}`).toBeUndefined();
          seen.set(label, b.command);
        }
      }
    }
  });

  it('maps keys to commands as Ink reports them', () => {
    expect(commandFor('j', NO_KEY, ['list'])).toBe('down');
    expect(commandFor('', { ...NO_KEY, downArrow: true }, ['list'])).toBe('down');
    expect(commandFor('', { ...NO_KEY, escape: true, meta: true }, ['global'])).toBe('back');
    expect(commandFor('', { ...NO_KEY, tab: true, shift: true }, ['inventory'])).toBe('prevPane');
    expect(commandFor('', { ...NO_KEY, delete: true }, ['filter'])).toBe('erase'); // Backspace as Ink 6 reports 0x7f
    expect(commandFor('T', { ...NO_KEY, shift: true }, ['whatif'])).toBe('ttlLonger');
    expect(commandFor('t', NO_KEY, ['whatif'])).toBe('ttlShorter');
    expect(commandFor('j', { ...NO_KEY, ctrl: true }, ['list'])).toBeUndefined();
    expect(commandFor('x', NO_KEY, ['global', 'list', 'inventory'])).toBeUndefined();
  });

  it('gives every binding a key sequence and the help a row', () => {
    const rows = helpRows().map((r) => r.cells.join(' '));
    for (const b of KEYMAP) {
      for (const k of b.keys) expect(keySequence(k).length).toBeGreaterThan(0);
      expect(
        rows.some((r) => r.includes(b.description)),
        b.command,
      ).toBe(true);
      expect(CONTEXT_TITLE[b.context]).toBeTruthy();
    }
  });

  it('splits keys that arrive together into single keys', () => {
    expect(splitTypeAhead('jjj')).toEqual(['j', 'j', 'j']);
    expect(splitTypeAhead('jj\r')).toEqual(['j', 'j', '\r']);
    expect(splitTypeAhead('\u001bw')).toEqual(['\u001b', 'w']); // Esc, then w
    expect(splitTypeAhead('j')).toBeUndefined();
    expect(splitTypeAhead('\u001b[A')).toBeUndefined();
    expect(splitTypeAhead('\u001b')).toBeUndefined();
  });
});
