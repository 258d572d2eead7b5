/**
 * Keyboard input through the keymap: keys go to routes (the filter being
 * typed, the global keys, the current view's keys), each heard only while
 * active, so only the focused view hears its keys.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { commandFor, specialOf, type CommandId, type KeyContext } from '../keymap.js';

/**
 * Keys typed faster than the terminal is read (a held `j`, a quick `wtt`,
 * `jjj` and Enter) reach Ink as one string, and Esc followed quickly by a key
 * reads as Alt+key. Such a chunk is not one key: the routes skip it and
 * `useTypeAhead` plays it back one key at a time, each after the frame of the
 * one before, so a key that opens a view hands the next keys to that view.
 */
export function splitTypeAhead(raw: string): string[] | undefined {
  if (/^\u001b[\u0020-\u007e]$/.test(raw) && raw !== '\u001b[' && raw !== '\u001bO') return ['\u001b', raw.slice(1)];
  const chars = [...raw];
  if (
    chars.length > 1 &&
    !raw.includes('\u001b') &&
    chars.every((c) => c >= ' ' || c === '\r' || c === '\t' || c === '\u007f' || c === '\b')
  )
    return chars;
  return undefined;
}

/** Whether the chunk being delivered right now is one that useTypeAhead replays key by key. */
export interface TypeAhead {
  skipping: boolean;
}

export function useTypeAhead(): TypeAhead {
  const { internal_eventEmitter: emitter } = useStdin();
  const state = useRef<TypeAhead>({ skipping: false }).current;
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const queue: string[] = [];
    const next = () => {
      timer = undefined;
      const one = queue.shift();
      if (one === undefined) return;
      emitter.emit('input', one);
      timer = setTimeout(next, 0);
    };
    // Registered before the routes' listener (hooks run in order), so it marks the chunk first.
    const onInput = (raw: string) => {
      const keys = splitTypeAhead(raw);
      state.skipping = keys !== undefined;
      if (!keys) return;
      queue.push(...keys);
      timer ??= setTimeout(next, 0);
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
      if (timer) clearTimeout(timer);
    };
  }, [emitter, state]);
  return state;
}

export interface KeyRoute {
  /** Whether this route hears keys now (the focused view, the filter being typed...). */
  readonly active: boolean;
  readonly contexts: readonly KeyContext[];
  readonly onCommand: (command: CommandId) => void;
  /** Receives typed text the contexts have no command for (a filter). */
  readonly onText?: (text: string) => void;
}

/**
 * Every keypress goes to the first active route with a use for it. One
 * subscription serves all routes, and the routes are read as they were when
 * the key arrived: Ink subscribes `useInput` in an effect, so a route switched
 * on by a key (`/` starts a filter) would otherwise miss the keys typed right
 * after it, or hear the key that switched it on.
 */
export function useKeyRoutes(routes: readonly KeyRoute[], typeAhead: TypeAhead): void {
  const latest = useRef(routes);
  latest.current = routes;
  const handler = useCallback(
    (input: string, key: Key) => {
      if (typeAhead.skipping) return; // replayed key by key
      for (const route of latest.current) {
        if (!route.active) continue;
        const command = commandFor(input, key, route.contexts);
        if (command) return route.onCommand(command);
        if (route.onText && isText(input, key)) return route.onText(input);
      }
    },
    [typeAhead],
  );
  useInput(handler);
}

function isText(input: string, key: Key): boolean {
  if (input === ' ') return true;
  return input.length > 0 && !key.ctrl && !key.meta && specialOf(input, key) === undefined;
}
