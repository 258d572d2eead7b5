/**
 * The root of the TUI: navigation state (a reducer), the store (models and
 * analyses), keyboard input through the keymap, and the frame around the
 * current view. Width and height come in as props when given (tests), else
 * from the terminal, re-read on resize.
 */
import { useReducer, useSyncExternalStore } from 'react';
import { useApp } from 'ink';
import { Frame, FRAME_LINES } from './components/frame.js';
import { ColorContext } from './components/styled.js';
import { useKeyRoutes, useTypeAhead } from './hooks/use-keymap-input.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { keyIn, type CommandId } from './keymap.js';
import { describeScreen, type Screen } from './screens.js';
import type { TuiStore } from './session.js';
import { RULES } from '../analyses/rules/index.js';
import { runCommand } from './commands.js';
import { s } from './format.js';
import { columns } from '../reports/layout.js';
import { initialState, reduce, type AppState, type ViewId } from './state.js';

export interface AppProps {
  readonly store: TuiStore;
  readonly initialView: ViewId;
  /** Fixed size (tests); otherwise the terminal's. */
  readonly width?: number;
  readonly height?: number;
  readonly color?: boolean;
}

export function App({ store, initialView, width: fixedWidth, height: fixedHeight, color = false }: AppProps) {
  const size = useTerminalSize();
  const width = Math.max(40, fixedWidth ?? size.columns);
  // One row spare on a real terminal: Ink 6 clears the whole screen on every frame that fills it.
  const height = Math.max(12, fixedHeight ?? size.rows - 1);
  useSyncExternalStore(store.subscribe, store.getVersion);
  const [state, dispatch] = useReducer(reduce, initialView, initialState);
  const { exit } = useApp();
  const bodyHeight = height - FRAME_LINES;
  const screen = describeScreen({ store, state, width, height: bodyHeight });
  const run = (command: CommandId) =>
    runCommand(command, {
      store,
      state,
      dispatch,
      screen,
      page: Math.max(1, bodyHeight - 6),
      quit: () => quit(store, exit),
    });
  const typing = state.filtering !== undefined;
  const typeAhead = useTypeAhead();
  useKeyRoutes(
    [
      {
        active: typing,
        contexts: ['filter'],
        onCommand: (command) =>
          dispatch(command === 'erase' ? { type: 'filterErase' } : { type: 'filterEnd', keep: command === 'apply' }),
        onText: (text) => dispatch({ type: 'filterType', text }),
      },
      { active: !typing, contexts: ['global'], onCommand: run },
      { active: !typing, contexts: screen.contexts, onCommand: run },
    ],
    typeAhead,
  );
  return (
    <ColorContext.Provider value={color}>
      <Frame
        width={width}
        height={height}
        title={screen.title}
        view={screen.viewName}
        status={statusLine(store, state)}
        keys={hintLine(screen, typing, width)}
      >
        {screen.body}
      </Frame>
    </ColorContext.Provider>
  );
}

const RULE_COUNT = RULES.length;

function quit(store: TuiStore, exit: () => void): void {
  store.dispose();
  exit();
}

function statusLine(store: TuiStore, state: AppState): string {
  return s(statusText(store, state));
}

function statusText(store: TuiStore, state: AppState): string {
  if (state.message) return state.message;
  const session = store.session;
  if (session && !session.risk.finished)
    return session.risk.worstCasesKnown
      ? `computing the hijacked-agent risk: ${session.risk.done} of ${session.risk.total} worst cases (keys keep working)`
      : `computing risk badges: ${session.risk.done} of ${session.risk.total} worst cases (keys keep working)`;
  if (session?.findings && !session.findings.done)
    return `computing the CI findings: rule ${session.findings.rulesDone + 1} of ${RULE_COUNT}`;
  if (session && session.whatIf.changeCount > 0 && state.view !== 'whatif') {
    const n = session.whatIf.changeCount;
    return `what-if: ${n} change${n === 1 ? '' : 's'} not saved (w shows them, s there saves a copy)`;
  }
  if (store.opened?.kind === 'opening') return `opening ${store.opened.file}…`;
  if (store.opened) return `watching ${store.opened.file}: changes on disk reload here`;
  return '';
}

/** The keys of the current view that fit, most useful first, always ending with help. */
function hintLine(screen: Screen, typing: boolean, width: number): string {
  if (typing) return 'type to filter · Enter keep · Esc clear · Backspace erase';
  const key = (command: CommandId) => keyIn(command, ['global', ...screen.contexts]) ?? '';
  const parts = screen.hints.map(([command, label]) =>
    command === 'move'
      ? `↑↓/jk ${label}`
      : command === 'ttlShorter'
        ? `${key('ttlShorter')}/${key('ttlLonger')} ${label}`
        : `${key(command)} ${label}`,
  );
  const tail = ' · ? help · q quit';
  let line = '';
  for (const part of parts) {
    const next = line === '' ? part : `${line} · ${part}`;
    if (columns(next) + columns(tail) > width) break;
    line = next;
  }
  return line === '' ? tail.slice(' · '.length) : `${line}${tail}`;
}
