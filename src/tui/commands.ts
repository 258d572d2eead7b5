/**
 * What each named command of the keymap does: navigation goes to the
 * reducer, work (simulating, changing, saving, loading) to the store.
 */
import type { Dispatch } from 'react';
import type { CommandId } from './keymap.js';
import { duration } from './format.js';
import type { Screen } from './screens.js';
import type { TuiStore } from './session.js';
import type { Action, AppState } from './state.js';
import { BINDINGS, ISSUANCES, REVOCATION_MODES, nextAllowed, steppedTtl, ttlWithinKind } from './whatif.js';

export interface CommandContext {
  readonly store: TuiStore;
  readonly state: AppState;
  readonly dispatch: Dispatch<Action>;
  readonly screen: Screen;
  readonly page: number;
  readonly quit: () => void;
}

/** What each named command does: navigation goes to the reducer, work to the store. */
export function runCommand(command: CommandId, c: CommandContext): void {
  const { store, state, dispatch, screen } = c;
  const list = screen.list;
  const move = (delta: number) => list && dispatch({ type: 'move', list: list.id, keys: list.keys, delta });
  const session = store.session;
  switch (command) {
    case 'help':
      return dispatch({ type: 'help' });
    case 'quit':
      return c.quit();
    case 'back':
      if (state.back.length === 0 && !state.help)
        return dispatch({ type: 'message', text: 'nothing to go back to: q quits' });
      return dispatch({ type: 'back' });
    case 'up':
      return void move(-1);
    case 'down':
      return void move(1);
    case 'pageUp':
      return void move(-c.page);
    case 'pageDown':
      return void move(c.page);
    case 'first':
      return void (list && dispatch({ type: 'moveTo', list: list.id, keys: list.keys, index: 0 }));
    case 'last':
      return void (list && dispatch({ type: 'moveTo', list: list.id, keys: list.keys, index: list.keys.length - 1 }));
    case 'filter':
      return void (list && dispatch({ type: 'filterStart', list: list.id }));
    case 'nextPane':
      return dispatch({ type: 'pane', delta: 1 });
    case 'prevPane':
      return dispatch({ type: 'pane', delta: -1 });
    case 'open':
      if (state.view === 'picker') return openModel(c);
      if (state.view === 'scenarios') return runScenario(c);
      if (state.view === 'resource') return openExposedCredential(c);
      return;
    case 'select':
      if (state.pane === 'credentials') return openCredentialView(c, 'leak');
      if (state.pane === 'agents') return openAgentChains(c, selectedKey(screen));
      if (state.pane === 'findings') return openFindingElement(c);
      if (state.pane === 'resources') return openResource(c, selectedKey(screen));
      return;
    case 'leak':
      return openCredentialView(c, 'leak');
    case 'whatIf':
      return openCredentialView(c, 'whatif');
    case 'delegation':
      return dispatch({ type: 'open', view: 'delegation' });
    case 'scenarios':
      return dispatch({ type: 'open', view: 'scenarios' });
    case 'models':
      return dispatch({ type: 'open', view: 'picker' });
    case 'attacker':
      return dispatch({ type: 'attacker' });
    case 'ttlShorter':
    case 'ttlLonger':
    case 'binding':
    case 'revocation':
    case 'issuance':
      return changeCredential(command, c);
    case 'reset':
      session?.whatIf.reset();
      return dispatch({ type: 'message', text: 'what-if: every change undone' });
    case 'save':
      return saveWhatIf(c);
    case 'toggle':
      return toggleRecommendation(c);
    case 'nextHop':
      return dispatch({ type: 'hop', delta: 1, count: screen.chain?.hops.length ?? 0 });
    case 'prevHop':
      return dispatch({ type: 'hop', delta: -1, count: screen.chain?.hops.length ?? 0 });
    case 'nextEvent':
      return dispatch({ type: 'event', delta: 1, count: screen.eventCount ?? 0 });
    case 'prevEvent':
      return dispatch({ type: 'event', delta: -1, count: screen.eventCount ?? 0 });
    case 'restart':
      return dispatch({ type: 'restart' });
    case 'apply':
    case 'clear':
    case 'erase':
      return; // handled while typing a filter
  }
}

function selectedKey(screen: Screen): string | undefined {
  return screen.list ? screen.list.keys[screen.list.cursor] : undefined;
}

function openModel({ store, dispatch, screen }: CommandContext): void {
  const file = selectedKey(screen);
  if (file === undefined) return;
  store.open(file);
  dispatch({ type: 'open', view: 'inventory' });
}

function runScenario({ store, dispatch, screen }: CommandContext): void {
  if (!screen.scenario) return;
  store.runScenario(screen.scenario);
  dispatch({ type: 'open', view: 'workshop' });
}

function openCredentialView({ dispatch, screen, state }: CommandContext, view: 'leak' | 'whatif'): void {
  if (state.view === 'inventory' && state.pane !== 'credentials') {
    dispatch({ type: 'message', text: 'select a credential first: Tab to the Credentials pane' });
    return;
  }
  if (screen.credential === undefined) return;
  dispatch({ type: 'open', view });
}

/** Enter on a finding: its credential's leak, or its agent's delegation chains. */
function openFindingElement(c: CommandContext): void {
  const id = selectedKey(c.screen);
  const element = id?.slice(id.indexOf('@') + 1) ?? '';
  const [kind, ...rest] = element.split(':');
  const target = rest.join(':');
  const session = c.store.session;
  if (kind === 'credential' && session?.relations.credential.has(target)) {
    const index = session.model.credentials.findIndex((x) => x.id === target);
    c.dispatch({ type: 'reveal', list: 'credentials', key: target, index });
    c.dispatch({ type: 'focusPane', pane: 'credentials' });
    c.dispatch({ type: 'open', view: 'leak' });
  } else if (kind === 'agent') {
    openAgentChains(c, target);
  }
}

/** Enter on a resource: who reaches it (computed here, once per resource, not while drawing). */
function openResource({ store, dispatch }: CommandContext, resource: string | undefined): void {
  const session = store.session;
  if (resource === undefined || !session?.relations.resource.has(resource)) return;
  session.analysis.exposure(resource);
  dispatch({ type: 'open', view: 'resource' });
}

/** Enter on a row of the resource view: the leak of the credential that gives that reach. */
function openExposedCredential(c: CommandContext): void {
  const credential = c.screen.credential;
  const session = c.store.session;
  if (credential === undefined || !session) return;
  const index = session.model.credentials.findIndex((x) => x.id === credential);
  c.dispatch({ type: 'reveal', list: 'credentials', key: credential, index });
  c.dispatch({ type: 'focusPane', pane: 'credentials' });
  c.dispatch({ type: 'open', view: 'leak' });
}

function openAgentChains({ store, dispatch }: CommandContext, agent: string | undefined): void {
  const chains = store.session?.analysis.chains().chains ?? [];
  const index = chains.findIndex((ch) => ch.hops.some((h) => h.agent === agent));
  dispatch({ type: 'open', view: 'delegation' });
  if (index >= 0) dispatch({ type: 'select', list: 'chains', key: String(index), index });
  else dispatch({ type: 'message', text: `${agent ?? 'this agent'} is in no delegation chain` });
}

function changeCredential(
  command: 'ttlShorter' | 'ttlLonger' | 'binding' | 'revocation' | 'issuance',
  { store, dispatch, screen }: CommandContext,
): void {
  const whatIf = store.session?.whatIf;
  const id = screen.credential;
  const current = id === undefined ? undefined : whatIf?.settings(id);
  const credential = id === undefined ? undefined : store.session?.relations.credential.get(id);
  const model = store.session?.model;
  if (!whatIf || id === undefined || !current || !credential || !model) return;
  let note: string | undefined;
  switch (command) {
    case 'ttlShorter':
    case 'ttlLonger': {
      const next = steppedTtl(current.ttl, command === 'ttlShorter' ? -1 : 1, (t) =>
        ttlWithinKind(credential, model, t),
      );
      if (next === undefined)
        return dispatch({
          type: 'message',
          text: `ttl ${duration(current.ttl)} is already the ${command === 'ttlShorter' ? 'shortest' : 'longest'} step${credential.kind ? ` ${credential.kind} allows` : ''}`,
        });
      whatIf.change(id, 'ttl', next);
      break;
    }
    case 'binding':
    case 'revocation':
    case 'issuance': {
      const [values, now] =
        command === 'binding'
          ? [BINDINGS, current.binding]
          : command === 'revocation'
            ? [REVOCATION_MODES, current.revocation]
            : [ISSUANCES, current.issuance];
      const next = nextAllowed(credential, model, command, values as readonly string[], now);
      if (next.value === undefined) return dispatch({ type: 'message', text: next.note });
      whatIf.change(id, command, next.value);
      note = next.note;
      break;
    }
  }
  dispatch({ type: 'message', text: note });
}

function toggleRecommendation({ store, dispatch, screen }: CommandContext): void {
  const id = selectedKey(screen);
  const whatIf = store.session?.whatIf;
  if (!whatIf || id === undefined || !whatIf.recommendations().some((r) => r.id === id)) return;
  whatIf.toggle(id);
  dispatch({ type: 'message', text: undefined });
}

function saveWhatIf({ store, dispatch }: CommandContext): void {
  try {
    const file = store.saveWhatIf();
    dispatch({
      type: 'message',
      text: file ? `saved the changed model to ${file} (the original is untouched)` : 'nothing to save: no changes yet',
    });
  } catch (error) {
    dispatch({ type: 'message', text: `could not save: ${error instanceof Error ? error.message : String(error)}` });
  }
}
