import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { instance } from '@viz-js/viz';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run, scratch } from '../helpers/run.js';

const GOOD = `version: 1
agents:
  - { id: coder, owner: platform, purpose: fix tests, credentials: [pat], tools: [gh] }
tools:
  - { id: gh, kind: mcp, publisher: third-party, credential: pat }
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
  - { id: cluster, name: "Prod \\"main\\" <cluster> | \`x\` & co", kind: cluster, sensitivity: critical }
credentials:
  - id: pat
    ttl: 90d
    grants:
      - { resource: repo, actions: [read, write] }
  - id: deploy-key
    ttl: 30d
    grants:
      - { resource: cluster, actions: [deploy] }
workflows:
  - { id: fix, agent: coder, duration: 20m, steps: [{ tool: gh, resource: repo, action: read }] }
`;

describe('leakradius validate', () => {
  it('exits 0 when every file is valid', async () => {
    const dir = scratch({ 'a.yaml': GOOD });
    const r = await run(['validate', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a.yaml: valid (1 agents, 1 tools, 2 resources, 2 credentials, 1 workflows)');
  });

  it('exits 2 with file:line:col on stderr and no stack trace', async () => {
    const dir = scratch({ 'a.yaml': GOOD, 'b.yaml': 'version: 1\nagents: [{ id: x, tools: [nope] }]\n' });
    const r = await run(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('b.yaml:2:27: agent "x": unknown tool "nope"\n');
    expect(r.stdout).toContain('a.yaml: valid');
  });

  it('refuses a file of many megabytes without reading it', async () => {
    const dir = scratch({});
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 100 * 1024 * 1024);
    const r = await run(['validate', 'huge.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('huge.yaml:1:1: file is 100.0 MB, above the 32.0 MB limit for an input file\n');
  });

  it('reports a missing file and a usage error with exit 2', async () => {
    expect((await run(['validate', 'nope.yaml'])).code).toBe(2);
    const usage = await run(['valdate', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      'leakradius: unknown command "valdate" (did you mean "validate"?)\nRun `leakradius --help` for the commands.\n',
    );
  });

  it('never writes control characters from a model to the terminal', async () => {
    const dir = scratch({ 'a.yaml': 'version: 1\nagents:\n  - id: "x\\u001b[2J"\n' });
    const r = await run(['validate', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\u001b/);
    expect(r.stderr).toContain('\\u001b[2J');
  });

  it('gives the same bytes on every run', async () => {
    const dir = scratch({ 'b.yaml': 'version: 1\nagents: [{ id: x, tools: [nope], credentials: [gone] }]\n' });
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push((await run(['validate', '.', '--format', 'json'], { cwd: dir })).stdout);
    expect(new Set(runs).size).toBe(1);
    expect(JSON.parse(runs[0]).files[0].diagnostics).toHaveLength(2);
  });
});

describe('leakradius schema', () => {
  it('prints a JSON Schema that accepts a valid model and rejects broken ones', async () => {
    const schema = JSON.parse((await run(['schema'])).stdout);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate({ version: 1, credentials: [{ id: 'a', ttl: '1h' }] })).toBe(true);
    expect(validate({ version: 1, credentials: [{ id: 'a', ttll: '1h' }] })).toBe(false);
    expect(validate({ version: 1, credentials: [{ id: 'a', ttl: '90 days' }] })).toBe(false);
    expect(validate({ version: 2 })).toBe(false);
  });
});

describe('leakradius graph', () => {
  const dir = scratch({ 'a.yaml': GOOD });

  it('writes Mermaid that the Mermaid grammar accepts, even with quotes and markup in names', async () => {
    const r = await run(['graph', 'a.yaml', '--format', 'mermaid'], { cwd: dir });
    expect(r.code).toBe(0);
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    const { default: mermaid } = await import('mermaid');
    await expect(mermaid.parse(r.stdout)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    // And the grammar check can fail: a broken label is rejected.
    await expect(mermaid.parse('flowchart LR\n  n0[["a"]] -->|"x| n1\n')).rejects.toThrow();
  });

  it('writes DOT that Graphviz lays out', async () => {
    const r = await run(['graph', 'a.yaml', '--format', 'dot'], { cwd: dir });
    const viz = await instance();
    const rendered = viz.render(r.stdout, { format: 'svg' });
    expect(rendered.status).toBe('success');
    expect(rendered.output).toContain('<svg');
    expect(viz.render('digraph { a -> }', { format: 'svg' }).status).toBe('failure');
  });

  it('writes graphology JSON with every node and edge', async () => {
    const graph = JSON.parse((await run(['graph', 'a.yaml', '--format', 'json'], { cwd: dir })).stdout);
    expect(graph.nodes.map((n: { key: string }) => n.key)).toEqual([
      'agent:coder',
      'tool:gh',
      'resource:repo',
      'resource:cluster',
      'credential:pat',
      'credential:deploy-key',
    ]);
    // holds, uses, acts-with, stores, two grants.
    expect(graph.edges).toHaveLength(6);
  });
});
