/**
 * Keyboard input through the keymap: a hook per set of contexts, listening
 * only while `isActive`, so only the focused view hears its keys.
 */
import { useCallback, useRef } from 'react';
import { useInput } from 'ink';
import { commandFor, specialOf, type CommandId, type KeyContext } from '../keymap.js';

export function useKeymapInput(contexts: readonly KeyContext[], isActive: boolean, onCommand: (command: CommandId) => void): void {
  // A stable handler reading the latest callback: Ink re-subscribes whenever the handler changes.
  const latest = useRef({ contexts, onCommand });
  latest.current = { contexts, onCommand };
  const handler = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const command = commandFor(input, key, latest.current.contexts);
    if (command) latest.current.onCommand(command);
  }, []);
  useInput(handler, { isActive });
}

/** While a filter is typed: printable keys are text, Enter keeps it, Esc clears it, Backspace erases. */
export function useFilterInput(isActive: boolean, handlers: { type(text: string): void; command(command: CommandId): void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const handler = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const command = commandFor(input, key, ['filter']);
    if (command) {
      latest.current.command(command);
      return;
    }
    if (specialOf(input, key) === undefined && !key.ctrl && !key.meta && input.length > 0) latest.current.type(input);
    else if (input === ' ') latest.current.type(' ');
  }, []);
  useInput(handler, { isActive });
}
