/**
 * Exports where organisations already look: BloodHound OpenGraph JSON,
 * validated against BloodHound's own schema (a copy in
 * test/fixtures/bloodhound-opengraph, with its sources), and GEXF read back
 * by graphology-gexf's parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import gexf from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { exportGraph } from '../../src/reports/graph-export.js';
import { load } from '../helpers/model.js';

const FIXTURE = 'test/fixtures/bloodhound-opengraph';
const schema = (name: string) => JSON.parse(readFileSync(`${FIXTURE}/${name}`, 'utf8')) as object;

function openGraphValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(schema('node.json'), 'node.json');
  ajv.addSchema(schema('edge.json'), 'edge.json');
  ajv.addSchema(schema('metadata.json'), 'metadata.json');
  return ajv.compile(schema('opengraph.json'));
}

interface Payload {
  metadata: { source_kind: string };
  graph: {
    nodes: { id: string; kinds: string[]; properties: Record<string, unknown> }[];
    edges: { kind: string; start: { value: string }; end: { value: string }; properties: Record<string, unknown> }[];
  };
}

/** The schema, and the rules the documentation states beside it. */
function problems(payload: Payload): string[] {
  const validate = openGraphValidator();
  const out = validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const ids = new Set<string>();
  for (const n of payload.graph.nodes) {
    if (ids.has(n.id)) out.push(`duplicate node ${n.id}`);
    ids.add(n.id);
    if (n.kinds.length < 1 || n.kinds.length > 3) out.push(`${n.id}: ${n.kinds.length} kinds`);
    for (const k of n.kinds) if (!/^[A-Za-z0-9_]+$/.test(k)) out.push(`${n.id}: kind ${k}`);
  }
  for (const e of payload.graph.edges)
    if (!ids.has(e.start.value) || !ids.has(e.end.value)) out.push(`edge ${e.kind} to a missing node`);
  return out;
}

const openGraphOf = (yaml: string) => {
  const loaded = load(yaml);
  return JSON.parse(exportGraph(buildGraph(loaded.model), 'opengraph', loaded.model.name)) as Payload;
};

const models = readdirSync('models').filter((f) => f.endsWith('.yaml'));

describe('graph --format opengraph', () => {
  it.each(models)('models/%s validates against the BloodHound OpenGraph schema', (file) => {
    const payload = openGraphOf(readFileSync(`models/${file}`, 'utf8'));
    expect(problems(payload)).toEqual([]);
    expect(payload.graph.nodes.length).toBeGreaterThan(0);
  });

  it('the check catches what BloodHound would refuse', () => {
    const payload = openGraphOf(readFileSync('models/coding-agent.yaml', 'utf8'));
    const broken = structuredClone(payload);
    broken.graph.edges[0].kind = 'LR-Holds';
    broken.graph.nodes[0].properties.nested = { not: 'allowed' };
    const found = problems(broken);
    expect(found.some((p) => p.startsWith('/graph/edges/0/kind must match pattern'))).toBe(true);
    expect(found.some((p) => p.startsWith('/graph/nodes/0/properties/nested'))).toBe(true);
  });

  it('writes the leak path of the coding agent as edges a Cypher query can follow', () => {
    const payload = openGraphOf(readFileSync('models/coding-agent.yaml', 'utf8'));
    const edge = (kind: string, from: string, to: string) =>
      payload.graph.edges.some((e) => e.kind === kind && e.start.value === from && e.end.value === to);
    // gh-pat-dana → checkout-repo:read → prod-deploy-sa-token → prod-cluster:admin
    expect(edge('LRCanRead', 'credential:gh-pat-dana', 'resource:checkout-repo')).toBe(true);
    expect(edge('LRStores', 'resource:checkout-repo', 'credential:prod-deploy-sa-token')).toBe(true);
    expect(edge('LRCanAdmin', 'credential:prod-deploy-sa-token', 'resource:prod-cluster')).toBe(true);
    expect(edge('LRActsWith', 'tool:github-mcp', 'credential:gh-pat-dana')).toBe(true);
    const pat = payload.graph.nodes.find((n) => n.id === 'credential:gh-pat-dana')!;
    expect(pat.kinds).toEqual(['LRCredential', 'LRBase']);
    expect(pat.properties).toMatchObject({ never_expires: true, binding: 'bearer' });
  });

  it('keeps hostile names as data', () => {
    const payload = openGraphOf(`
version: 1
name: "evil\\"}, {\\"x"
resources:
  - { id: r, name: "</script><b>\\u0007", kind: db, sensitivity: low }
credentials:
  - { id: c, ttl: 1h, grants: [{ resource: r, actions: [read, custom-verb] }] }
`);
    expect(problems(payload)).toEqual([]);
    // A control character reaches the reader as a visible escape, as in every JSON report.
    expect(payload.graph.nodes.find((n) => n.id === 'resource:r')!.properties.displayname).toBe('</script><b>\\x07');
    expect(payload.graph.edges.map((e) => e.kind).sort()).toEqual(['LRCanCustomverb', 'LRCanRead']);
  });
});

describe('graph --format gexf', () => {
  it.each(models)('models/%s reads back into graphology with every node and edge', (file) => {
    const loaded = load(readFileSync(`models/${file}`, 'utf8'));
    const graph = buildGraph(loaded.model);
    const back = gexf.parse(MultiDirectedGraph, exportGraph(graph, 'gexf', loaded.model.name));
    expect([back.order, back.size]).toEqual([graph.order, graph.size]);
  });

  it('writes markup in names as escaped text, and a control character as its visible escape, as every report does', () => {
    const loaded = load(`
version: 1
resources:
  - { id: r, name: "a <b> & \\"c\\" \\u0007", kind: db, sensitivity: low }
credentials:
  - { id: c, ttl: never, grants: [{ resource: r, actions: [read] }] }
`);
    const text = exportGraph(buildGraph(loaded.model), 'gexf', loaded.model.name);
    expect(text).not.toContain('\u0007');
    const back = gexf.parse(MultiDirectedGraph, text);
    expect(back.getNodeAttribute('resource:r', 'label')).toBe('a <b> & "c" \\x07');
    expect(back.getNodeAttribute('credential:c', 'ttl')).toBe('never');
  });
});
