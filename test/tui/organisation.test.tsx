/** The inventory ranked by risk, and the resource view: who reaches a resource, Enter opening a credential's leak. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { drive, MemoryFiles, type Driven } from './helpers.js';

let ui: Driven | undefined;
afterEach(() => ui?.unmount?.());

const coding = () => new MemoryFiles({ 'models/coding-agent.yaml': readFileSync('models/coding-agent.yaml', 'utf8') });
const rowOf = (frame: string, text: string) => frame.split('\n').findIndex((l) => l.includes(text));

describe('the inventory', () => {
  it('ranks credentials by worst-case risk once every worst case is known', async () => {
    ui = await drive(coding(), { open: 'models/coding-agent.yaml' });
    const frame = ui.frame();
    // Time-weighted worst cases (docs/simulation.md): gh-pat-dana 33,660, prod-deploy-sa-token 1,170,
    // llm-api-key 240; the model lists them gh-pat-dana, prod-deploy-sa-token, llm-api-key.
    expect(rowOf(frame, 'gh-pat-dana')).toBeLessThan(rowOf(frame, 'prod-deploy-sa-token'));
    expect(rowOf(frame, 'prod-deploy-sa-token')).toBeLessThan(rowOf(frame, 'llm-api-key'));
  });

  it('ranks against model order when risk says so', async () => {
    const yaml = `version: 1
resources:
  - { id: db, kind: db, sensitivity: critical }
credentials:
  - { id: small, ttl: 1h, grants: [{ resource: db, actions: [read] }] }
  - { id: big, ttl: 30d, grants: [{ resource: db, actions: [admin] }] }
`;
    ui = await drive(new MemoryFiles({ 'models/m.yaml': yaml }), { open: 'models/m.yaml' });
    // small: 10 × 1 h; big: admin 40 × min(30d, detection.default + response) h: far more.
    expect(rowOf(ui.frame(), '› big')).toBeGreaterThan(0);
    expect(rowOf(ui.frame(), 'big')).toBeLessThan(rowOf(ui.frame(), 'small'));
  });
});

describe('the resource view', () => {
  it('lists who reaches a resource from the Resources tab, and Enter leaks the selected row’s credential', async () => {
    ui = await drive(coding(), { open: 'models/coding-agent.yaml' });
    await ui.press('nextPane', 'inventory', 3);
    expect(ui.frame()).toContain('[Resources 5]');
    // Resources in model order: checkout-repo, infra-repo, deploy-workflow, prod-cluster.
    await ui.press('down', 'list', 3);
    expect(ui.frame()).toMatch(/› prod-cluster/);
    await ui.press('select', 'inventory');
    let frame = ui.frame();
    expect(frame).toContain('Who reaches prod-cluster (admin, deploy, read): 2 credentials, 1 agent, 1 tool');
    // Heaviest first: gh-pat-dana through the harvested token, admin 40 × 204 h = 8,160.
    expect(frame).toMatch(/› credential gh-pat-dana\s+admin\s+8160\s+0s\s+8d12h/);
    expect(frame).toContain('path: gh-pat-dana → checkout-repo:read → prod-deploy-sa-token → prod-cluster:admin');
    await ui.press('last', 'list');
    frame = ui.frame();
    expect(frame).toMatch(/› credential prod-deploy-sa-token\s+read\s+130/);
    await ui.press('open', 'resource');
    expect(ui.frame()).toContain('Leak of prod-deploy-sa-token');
    await ui.press('back', 'global');
    expect(ui.frame()).toContain('Who reaches prod-cluster');
  });
});
