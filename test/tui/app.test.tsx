/**
 * The TUI driven through its keys, as a user would, with the frames checked.
 * Expected numbers are worked out by hand in test/tui/models.ts and below.
 */
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { App } from '../../src/tui/app.js';
import { KEYMAP } from '../../src/tui/keymap.js';
import { TuiStore } from '../../src/tui/session.js';
import { drive, ManualScheduler, MemoryFiles, testScheduler, tick, type Driven } from './helpers.js';
import { BAD_MODEL, PAT_MODEL, PAT_SCENARIO, TOKEN_MODEL, manyCredentials } from './models.js';

let ui: Driven | undefined;
afterEach(() => {
  ui?.unmount();
  ui = undefined;
});

const files = () =>
  new MemoryFiles({
    'models/token.yaml': TOKEN_MODEL,
    'models/pat.yaml': PAT_MODEL,
    'models/bad.yaml': BAD_MODEL,
    'scenarios/pat.yaml': PAT_SCENARIO,
  });

/** The line of the frame that contains `text`. */
function lineWith(frame: string, text: string): string {
  return frame.split('\n').find((l) => l.includes(text)) ?? '';
}

describe('opening', () => {
  it('says it is opening a large model before the load holds the terminal, then shows it', async () => {
    const scheduler = new ManualScheduler();
    const big = `# ${'padding '.repeat(130_000)}\n${TOKEN_MODEL}`; // 2 + 1,040,000 characters of comment, then the model
    ui = await drive(new MemoryFiles({ 'models/big.yaml': big }), {
      open: 'models/big.yaml',
      scheduler: scheduler.schedule,
    });
    expect(ui.frame()).toContain(`Opening models/big.yaml (${(big.length / 1e6).toFixed(1)} million characters)`);
    expect(ui.store.session).toBeUndefined();
    expect(ui.frame().trimEnd().split('\n').at(-1)).toBe('? help · q quit');
    scheduler.runOne(); // the load
    await tick();
    expect(ui.frame()).toContain('[Credentials 1]');
  });

  it('lists the models to pick from, opens one with Enter and goes back with Esc', async () => {
    ui = await drive(files());
    expect(ui.frame()).toContain('Choose a model (3)');
    expect(lineWith(ui.frame(), 'models/bad.yaml')).toMatch(/^› /);
    await ui.press('down', 'list');
    expect(lineWith(ui.frame(), 'models/pat.yaml')).toMatch(/^› /);
    await ui.press('open', 'picker');
    expect(ui.frame()).toContain('[Credentials 3]');
    expect(ui.frame()).toContain('models/pat.yaml');
    await ui.press('back', 'global');
    expect(ui.frame()).toContain('Choose a model (3)');
  });

  it('filters the picker with / and keeps the filter on Enter', async () => {
    ui = await drive(files());
    await ui.press('filter', 'list');
    await ui.type('tok');
    expect(ui.frame()).toContain('/tok');
    expect(ui.frame()).toContain('1 match');
    expect(ui.frame()).not.toContain('models/pat.yaml');
    await ui.press('apply', 'filter');
    await ui.press('open', 'picker');
    expect(ui.frame()).toContain('models/token.yaml');
    expect(ui.frame()).toContain('[Credentials 1]');
  });

  it('opens an invalid model from the picker as its problems, and goes back to the picker', async () => {
    ui = await drive(files());
    await ui.press('open', 'picker'); // models/bad.yaml, the first
    expect(ui.frame()).toContain('models/bad.yaml does not load: 2 problems');
    await ui.press('back', 'global');
    expect(ui.frame()).toContain('Choose a model (3)');
    await ui.press('back', 'global');
    expect(ui.frame()).toContain('nothing to go back to: q quits');
  });

  it('shows every problem of an invalid model as file:line:col, and loads it once it is fixed', async () => {
    const io = files();
    ui = await drive(io, { open: 'models/bad.yaml' });
    const expected = loadModel('models/bad.yaml', BAD_MODEL);
    if (expected.ok) throw new Error('the bad model loaded');
    expect(expected.diagnostics.length).toBe(2);
    expect(ui.frame()).toContain('models/bad.yaml does not load: 2 problems');
    for (const d of expected.diagnostics) expect(ui.frame()).toContain(`models/bad.yaml:${d.line}:${d.column}:`);
    io.edit('models/bad.yaml', TOKEN_MODEL);
    await ui.press('down', 'list'); // any key: the reload already happened, this just yields to Ink
    expect(ui.frame()).toContain('[Credentials 1]');
  });
});

describe('inventory', () => {
  it('moves through the panes with Tab and shows each credential with TTL, binding, revocation and a risk badge', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml' });
    // pat reaches cluster:deploy (critical, high impact) for 8d8h: CRIT. wiki-token is bound: reaches nothing.
    expect(ui.frame()).toMatch(/› pat\s+90d\s+bearer\s+manual\s+CRIT/);
    expect(lineWith(ui.frame(), 'wiki-token')).toMatch(/wiki-token\s+1h\s+workload-bound\s+automated\s+--/);
    // Leaked copies: pat 10640 (its window 7d8h: repo 15 × 176 = 2640, and deploy-key harvested until 8d8h:
    // 40 × 200 = 8000) + deploy-key 40 × (3d + 8h) = 3200 = 13840. Hijacked, coder and helper (by passthrough) each
    // hold pat until 7d8h and harvest deploy-key, 10640, and task or act with wiki-token for as long as the hijack
    // lasts (no workflow: until the response, 7d8h): 1 × 176 = 176. 2 × 10816 = 21632.
    expect(ui.frame()).toContain('risk 35472 = leak 13840 + hijack 21632');
    // At 80 columns the tabs stay whole and the total alone is shown; the what-if splits it.
    ui.unmount();
    ui = await drive(files(), { open: 'models/pat.yaml', width: 80 });
    expect(ui.frame()).toMatch(/Findings 11 +risk 35472$/m);
    await ui.press('nextPane', 'inventory');
    expect(ui.frame()).toContain('[Agents 2]');
    expect(ui.frame()).toContain('coder');
    await ui.press('nextPane', 'inventory');
    expect(ui.frame()).toContain('[Tools 0]');
    await ui.press('nextPane', 'inventory');
    expect(ui.frame()).toContain('[Resources 3]');
    expect(lineWith(ui.frame(), 'cluster')).toMatch(/cluster\s+cluster\s+critical/);
    await ui.press('prevPane', 'inventory');
    await ui.press('prevPane', 'inventory');
    await ui.press('prevPane', 'inventory');
    expect(ui.frame()).toContain('[Credentials 3]');
  });

  it('neutralises an escape sequence in a name: it is shown, not sent', async () => {
    ui = await drive(files(), { open: 'models/token.yaml' });
    await ui.press('nextPane', 'inventory');
    const frame = ui.frame();
    expect(frame).toContain('bot · \\x1b]0;pwned\\x07');
    expect(frame).not.toContain('\u001b]0;');
    expect(frame).not.toContain('\u0007');
  });

  it('shows the CI findings of leakradius check in their own pane', async () => {
    ui = await drive(files(), { open: 'models/token.yaml' });
    await ui.press('prevPane', 'inventory');
    // Most severe first, then as `leakradius check` reports them (file order): LR001, LR010, LR005 (high), LR012 (medium).
    expect(ui.frame()).toContain('[Findings 4]');
    expect(ui.frame()).toMatch(/agent "bot" has no owner and no purpose.*LR012 medium\s+open/);
    expect(ui.frame().indexOf('LR012 medium')).toBeGreaterThan(ui.frame().indexOf('LR005 high'));
    const frame = ui.frame();
    expect(frame).toMatch(/› credential "token" lives 30d, above the default maximum \(1d\).*LR001 high\s+open/);
    expect(frame).toContain('LR001@credential:token · high · open · fails the gate');
    expect(frame).toContain('at models/token.yaml:12:10 (credentials[0].ttl)');
    await ui.press('select', 'inventory');
    expect(ui.frame()).toContain('Leak of token through logs');
  });

  it('accepts findings the model accepts, as leakradius check does', async () => {
    const accepted = `${TOKEN_MODEL}accept:\n  - { finding: "LR012@agent:bot", reason: "a test agent", owner: sec, expires: "2025-12-31" }\n`;
    ui = await drive(new MemoryFiles({ 'models/a.yaml': accepted }), { open: 'models/a.yaml' });
    await ui.press('prevPane', 'inventory');
    await ui.press('last', 'list');
    expect(ui.frame()).toMatch(/› agent "bot" has no owner.*LR012 medium\s+accepted/);
    expect(ui.frame()).toContain('accepted by sec until 2025-12-31: a test agent');
  });
});

describe('leak', () => {
  it('simulates the selected credential: reached pairs with paths, the timeline, the exposure window and the lag', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml' });
    await ui.press('leak', 'inventory');
    const frame = ui.frame();
    expect(frame).toContain('Leak of pat through prompt-context · external attacker');
    // Worked out in models.ts: window 7d8h, lag 1d8h; score = repo 5×1 + 5×2 + cluster 10×4 = 55.
    expect(frame).toContain('exposure window 7d8h · revocation lag 1d8h · blast radius 55');
    expect(lineWith(frame, 'cluster')).toMatch(/cluster\s+deploy\s+40\s+0s\s+8d8h/);
    expect(lineWith(frame, 'repo ')).toMatch(/repo\s+read\s+5\s+0s\s+7d8h/);
    expect(frame).toContain('obtains deploy-key (harvested)');
    expect(frame).toMatch(/═+─+/); // the window, then the time after the leaked credential stopped
    expect(frame).toContain('D detected 7d');
    expect(frame).toContain('X all dead 8d8h');
    expect(frame).toContain('path: pat → repo:read → deploy-key → cluster:deploy');
    await ui.press('down', 'list');
    expect(ui.frame()).toContain('path: pat → repo:read');
    await ui.press('back', 'global');
    expect(ui.frame()).toContain('[Credentials 3]');
  });

  it('switches the attacker: a workload-bound credential is usable only from inside its workload', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml' });
    await ui.press('last', 'list');
    await ui.press('leak', 'inventory');
    expect(ui.frame()).toContain('NOT REPLAYABLE');
    await ui.press('attacker', 'leak');
    expect(ui.frame()).toContain('in-workload attacker');
    // In the workload it is usable: leaked at 0, no exposure channel, detected after the default 3d,
    // automated revocation 2m later; it expires first, at 1h. Window 1h; wiki:read low (1) × read (1).
    expect(ui.frame()).toContain('exposure window 1h');
    expect(lineWith(ui.frame(), 'wiki ')).toMatch(/wiki\s+read\s+1\s+0s\s+1h/);
  });
});

describe('what-if', () => {
  it('shortens the TTL and shows the window and the numbers before → after', async () => {
    ui = await drive(files(), { open: 'models/token.yaml' });
    await ui.press('whatIf', 'inventory');
    expect(ui.frame()).toContain('exposure window  2d8h → 2d8h');
    // t: 30d → 7d. The token still stops at its revocation, 2d8h: nothing changes.
    await ui.press('ttlShorter', 'whatif');
    expect(lineWith(ui.frame(), '  ttl')).toContain('30d → 7d');
    expect(ui.frame()).toContain('exposure window  2d8h → 2d8h');
    // t: 7d → 1d. It now expires at 1d, before the leak is even detected (2d):
    // window 1d; time-weighted 15 × 24 h = 360 (was 15 × 56 h = 840); lag max(0, 1d − 2d) = 0s (was 8h).
    // Hijacked, bot (no workflow, so no task end) acts until the response stops it, prompt-context 7d + 8h = 176h,
    // its token re-issued as it expires: 15 × 176 = 2640 either way. Totals 840 + 2640 = 3480 → 360 + 2640 = 3000.
    await ui.press('ttlShorter', 'whatif');
    const frame = ui.frame();
    expect(lineWith(frame, '  ttl')).toContain('30d → 1d');
    expect(frame).toContain('exposure window  2d8h → 1d   *');
    expect(frame).toContain('revocation lag   8h → 0s   *');
    expect(frame).toContain('blast radius     15 → 15');
    expect(frame).toContain('time-weighted    840 → 360   *');
    expect(frame).toContain('leaked copy      840 → 360   *');
    expect(frame).toContain('hijacked agent   2640 → 2640\n');
    expect(frame).toContain('total risk       3480 → 3000   *');
    // LR001 (ttl above 1d) and LR010 (usable for longer than 1d) no longer hold; LR005 and LR012 do.
    expect(frame).toContain('CI findings      4 open, 3 fail the gate → 2 open, 1 fail the gate   *');
    expect(frame).toContain('ttl of token: 30d → 1d');
  });

  it('changes binding, revocation mode and issuance, undoes them, and saves a copy without touching the original', async () => {
    const io = files();
    ui = await drive(io, { open: 'models/token.yaml' });
    await ui.press('whatIf', 'inventory');
    // Automated revocation: 2d + 2m. Window 2d2m.
    await ui.press('revocation', 'whatif');
    expect(ui.frame()).toContain('exposure window  2d8h → 2d2m');
    // Sender-constrained: an external attacker cannot replay it: window 0s, nothing reached.
    await ui.press('binding', 'whatif');
    expect(ui.frame()).toContain('exposure window  2d8h → 0s');
    expect(ui.frame()).toContain('blast radius     15 → 0');
    await ui.press('issuance', 'whatif');
    expect(lineWith(ui.frame(), '  issuance')).toContain('static → per-session');
    await ui.press('save', 'whatif');
    expect(ui.frame()).toContain('saved the changed model to models/token.whatif.yaml');
    expect(io.files.get('models/token.yaml')).toBe(TOKEN_MODEL);
    const saved = loadModel('models/token.whatif.yaml', io.files.get('models/token.whatif.yaml')!);
    if (!saved.ok) throw new Error(saved.diagnostics.map((d) => d.message).join('\n'));
    const token = saved.loaded.model.credentials[0];
    expect([token.binding, token.revocation.mode, token.issuance]).toEqual([
      'sender-constrained',
      'automated',
      'per-session',
    ]);
    expect(saved.loaded.model.agents[0].name).toBe('\u001b]0;pwned\u0007'); // the name survives, escaped in YAML
    await ui.press('save', 'whatif');
    expect(ui.frame()).toContain('models/token.whatif-2.yaml');
    await ui.press('reset', 'whatif');
    expect(ui.frame()).toContain('exposure window  2d8h → 2d8h');
  });
});

describe('what-if with recommendations', () => {
  it('toggles the recommendations of leakradius recommend one by one, with the total risk updating', async () => {
    const io = files();
    io.files.set('models/token.yaml', `# The token model, kept as written\n${TOKEN_MODEL}`);
    ui = await drive(io, { open: 'models/token.yaml' });
    await ui.press('whatIf', 'inventory');
    // As leakradius recommend ranks them: removing the unused grant takes both parts, 840 leaked and 2640 hijacked
    // (bot acts until the response, 176h), to 0; binding, whose kind is not known, takes the leaked 840 only.
    expect(ui.frame()).toMatch(/› \[ \] Remove what no workflow uses from token.*\s0\s+−3480/);
    expect(ui.frame()).toMatch(
      /\[ \] Bind token to its workload \(sender-constrained\) \(if supported\) •\s+2640\s+−840/,
    );
    await ui.press('last', 'list');
    await ui.press('toggle', 'whatif');
    // Automated revocation: stops at 2d + 2m = 48h2m; 15 × (48 + 2/60) = 720.5.
    expect(ui.frame()).toMatch(/› \[x\] Revoke token automatically on detection/);
    expect(ui.frame()).toContain('exposure window  2d8h → 2d2m   *');
    // The hijacked bot acts until 176h whatever revokes its token: 2640. Total 720.5 + 2640 = 3360.5.
    expect(ui.frame()).toContain('total risk       3480 → 3360.5   *');
    // A TTL change on top: it now expires first, at 1d: 15 × 24 = 360, and 360 + 2640 = 3000.
    await ui.press('ttlShorter', 'whatif', 2);
    expect(ui.frame()).toContain('total risk       3480 → 3000   *');
    await ui.press('save', 'whatif');
    const saved = io.files.get('models/token.whatif.yaml')!;
    expect(saved.startsWith('# The token model, kept as written\n#\n# What-if variant of models/token.yaml')).toBe(
      true,
    );
    expect(saved).toContain('#   recommendation applied: Revoke token automatically on detection');
    expect(saved).toMatch(/ttl: 1d\n/);
    expect(saved).toContain('revocation: { mode: automated, propagation: 0s }');
    // Dropped again: back to the TTL change alone (window 1d either way).
    await ui.press('toggle', 'whatif');
    expect(ui.frame()).toMatch(/› \[ \] Revoke token automatically on detection/);
    expect(ui.frame()).toContain('total risk       3480 → 3000   *');
    await ui.press('reset', 'whatif');
    expect(ui.frame()).toContain('total risk       3480 → 3480');
  });
});

describe('delegation', () => {
  it('steps through a chain hop by hop, showing escalation and lost attribution', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml' });
    await ui.press('delegation', 'inventory');
    expect(ui.frame()).toContain('1. coder → helper  [escalates] [attribution lost]');
    expect(ui.frame()).toContain('Hop 1 of 2: coder, where the chain starts');
    expect(ui.frame()).toContain('[coder] ─passthrough→ helper');
    await ui.press('nextHop', 'delegation');
    const frame = ui.frame();
    expect(frame).toContain('Hop 2 of 2: helper, tasked by coder');
    expect(frame).toContain('coder ─passthrough→ [helper]');
    expect(frame).toContain('acts with wiki-token, pat');
    expect(frame).toContain('ESCALATION: gains beyond coder: wiki:read');
    expect(frame).toContain('ATTRIBUTION LOST here');
    await ui.press('prevHop', 'delegation');
    expect(ui.frame()).toContain('Hop 1 of 2');
  });
});

describe('workshop', () => {
  it('tells a scenario one event per key, with what the attacker holds at each', async () => {
    const io = files();
    io.scenarios = ['scenarios/pat.yaml'];
    ui = await drive(io, { open: 'models/pat.yaml' });
    await ui.press('scenarios', 'inventory');
    expect(ui.frame()).toContain('PAT leaked through prompt context');
    await ui.press('open', 'scenarios');
    const steps: [string, string][] = [
      ['Event 1 of 8', 'issued        pat is issued'],
      ['Event 2 of 8', 'leaked        pat leaks through prompt-context'],
      ['Event 3 of 8', 'first replay  the attacker replays it: repo:read, repo:write'],
      ['Event 4 of 8', 'harvest       the attacker obtains deploy-key (harvested)'],
      ['Event 5 of 8', '7d       detection'],
      ['Event 6 of 8', '7d8h     revocation    revocation of pat is issued'],
      ['Event 7 of 8', '7d8h     stop          pat stops working'],
      ['Event 8 of 8', '8d8h     all dead'],
    ];
    const held: string[] = [
      'reaches 0 pairs, impact 0',
      'reaches 0 pairs, impact 0',
      'reaches 2 pairs, impact 15: repo:read, repo:write',
      'reaches 3 pairs, impact 55: cluster:deploy, repo:read, repo:write',
      'reaches 3 pairs, impact 55',
      'reaches 1 pair, impact 40: cluster:deploy',
      'reaches 1 pair, impact 40: cluster:deploy',
      'reaches 0 pairs, impact 0',
    ];
    for (let i = 0; i < steps.length; i++) {
      const frame = ui.frame();
      expect(frame).toContain(steps[i][0]);
      expect(lineWith(frame, '› ')).toContain(steps[i][1]);
      expect(frame).toContain(held[i]);
      if (i < steps.length - 1) expect(frame).toContain(`… ${steps.length - 1 - i} more event`);
      await ui.press('nextEvent', 'workshop');
    }
    expect(ui.frame()).toContain('credentials: nothing');
    expect(ui.frame()).toContain('exposure window 7d8h · revocation lag 1d8h');
    await ui.press('restart', 'workshop');
    expect(ui.frame()).toContain('Event 1 of 8');
  });
});

describe('watch', () => {
  it('reloads the model when the file changes and keeps the selection', async () => {
    const io = files();
    ui = await drive(io, { open: 'models/pat.yaml' });
    await ui.press('down', 'list');
    expect(lineWith(ui.frame(), 'deploy-key')).toMatch(/^› deploy-key\s+30d/);
    // A credential added before it and its TTL changed: the cursor follows deploy-key.
    const edited = PAT_MODEL.replace(
      'credentials:\n  - id: pat',
      'credentials:\n  - { id: extra, ttl: 1h, grants: [] }\n  - id: pat',
    ).replace('ttl: 30d', 'ttl: 12h');
    io.edit('models/pat.yaml', edited);
    await tick();
    await ui.press('help', 'global');
    await ui.press('help', 'global');
    expect(ui.frame()).toContain('[Credentials 4]');
    expect(lineWith(ui.frame(), 'deploy-key')).toMatch(/^› deploy-key\s+12h/);
  });
});

describe('help', () => {
  it('lists every command of the keymap', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml', height: 80 });
    await ui.press('help', 'global');
    const frame = ui.frame();
    for (const binding of KEYMAP) expect(frame, binding.command).toContain(binding.description);
    await ui.press('help', 'global');
    expect(ui.frame()).toContain('[Credentials 3]');
  });
});

describe('size', () => {
  it('fits 80×24', async () => {
    ui = await drive(files(), { open: 'models/pat.yaml', width: 80, height: 24 });
    for (const frame of [ui.frame(), await after(ui, 'leak'), await after(ui, 'whatIf')]) {
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    }
  });
});

async function after(d: Driven, command: 'leak' | 'whatIf'): Promise<string> {
  await d.press('back', 'global');
  await d.press(command, 'inventory');
  return d.frame();
}

describe('a model with thousands of credentials', () => {
  it('shows the visible badges at once, computes the rest between keypresses and shows progress', async () => {
    const io = new MemoryFiles({ 'models/big.yaml': manyCredentials(3000) });
    const scheduler = new ManualScheduler();
    // Wide enough for the tabs and the total split into both attackers.
    ui = await drive(io, { open: 'models/big.yaml', scheduler: scheduler.schedule, width: 140 });
    expect(ui.frame()).toMatch(/computing risk badges: \d+ of 3000 worst cases/);
    expect(scheduler.pending).toBe(1);
    await ui.press('down', 'list');
    expect(lineWith(ui.frame(), 'c1 ')).toMatch(/^› c1\s+2d\s+bearer\s+manual\s+\S+/);
    scheduler.runAll();
    await ui.press('down', 'list');
    expect(ui.frame()).toMatch(/risk \d+ = leak \d+ \+ hijack 0/);
    expect(ui.frame()).not.toContain('computing');
  });
});

describe('terminal', () => {
  it('colours only when asked (NO_COLOR turns it off upstream), and the words carry the meaning either way', async () => {
    const io = files();
    const store = new TuiStore(io, { files: [], open: 'models/pat.yaml' }, testScheduler);
    const level = chalk.level;
    chalk.level = 1; // as on a colour terminal: the test's output is not one
    try {
      const coloured = render(<App store={store} initialView="inventory" width={100} height={30} color />);
      await tick();
      expect(coloured.lastFrame()).toMatch(/\u001b\[[0-9;]*m/);
      expect(coloured.lastFrame()).toContain('CRIT');
      coloured.unmount();
    } finally {
      chalk.level = level;
    }
    const plain = render(<App store={store} initialView="inventory" width={100} height={30} color={false} />);
    await tick();
    expect(plain.lastFrame()).not.toContain('\u001b');
    expect(plain.lastFrame()).toContain('CRIT');
    plain.unmount();
    store.dispose();
  });

  it('lays itself out again when the terminal is resized', async () => {
    const store = new TuiStore(files(), { files: [], open: 'models/pat.yaml' }, testScheduler);
    const ui = render(<App store={store} initialView="inventory" />);
    await tick();
    const widest = () => Math.max(...(ui.lastFrame() ?? '').split('\n').map((l) => [...l].length));
    expect(widest()).toBe(100); // ink-testing-library's terminal
    Object.defineProperty(ui.stdout, 'columns', { value: 80, configurable: true });
    ui.stdout.emit('resize');
    await tick();
    expect(widest()).toBe(80);
    ui.unmount();
    store.dispose();
  });
});
