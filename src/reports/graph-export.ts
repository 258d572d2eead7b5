/**
 * Writes the credential/tool graph as JSON (graphology's serialisation, so it
 * can be re-imported), as Graphviz DOT, as a Mermaid flowchart that renders
 * in Markdown on a code host, as BloodHound OpenGraph JSON or as GEXF for Gephi. Node ids in DOT and Mermaid are generated
 * (n0, n1...), and every label is escaped for its grammar, so no name from a
 * model can break out of its label.
 */
import type { CredentialGraph, EdgeAttributes, NodeAttributes } from '../graph/build.js';
import { formatDuration } from '../model/duration.js';
import { jsonReport } from './json.js';
import { visibleText } from './terminal.js';
import { graphGexf } from './gexf.js';
import { graphOpenGraph } from './opengraph.js';

export type GraphFormat = 'json' | 'dot' | 'mermaid' | 'opengraph' | 'gexf';

export function exportGraph(graph: CredentialGraph, format: GraphFormat, title: string): string {
  switch (format) {
    case 'json':
      return graphJson(graph);
    case 'dot':
      return graphDot(graph, title);
    case 'mermaid':
      return graphMermaid(graph);
    case 'opengraph':
      return graphOpenGraph(graph, title);
    case 'gexf':
      return graphGexf(graph);
  }
}

function graphJson(graph: CredentialGraph): string {
  const data = graph.export();
  const nodes = data.nodes.map((n) => {
    const a = n.attributes as NodeAttributes;
    if (a.kind !== 'credential') return { key: n.key, attributes: a };
    const finite = (s: number | undefined) => (s === undefined ? undefined : Number.isFinite(s) ? s : null);
    return { key: n.key, attributes: { ...a, ttl: finite(a.ttl), maxLifetime: finite(a.maxLifetime) } };
  });
  return jsonReport({ options: data.options, attributes: data.attributes, nodes, edges: data.edges });
}

function nodeLabel(a: NodeAttributes): string {
  switch (a.kind) {
    case 'agent':
      return `agent ${a.label}\n${a.autonomy}`;
    case 'tool':
      return `tool ${a.label}\n${a.publisher} ${a.toolKind}`;
    case 'resource':
      return `resource ${a.label}\n${a.sensitivity}${a.holdsSecrets ? ', stores credentials' : ''}`;
    case 'credential':
      return `credential ${a.label}\nttl ${formatDuration(a.ttl)}${a.maxLifetime !== undefined ? ` (refreshable to ${formatDuration(a.maxLifetime)})` : ''}, ${a.binding}`;
  }
}

function edgeLabel(e: EdgeAttributes): string {
  switch (e.kind) {
    case 'grants':
    case 'invokes': {
      const approval = e.approval && e.approval.length > 0 ? ` (approval: ${e.approval.join(', ')})` : '';
      return `${(e.actions ?? []).join(', ')}${approval}`;
    }
    case 'delegates':
      return e.mode === 'exchange' ? `delegates (exchange → ${e.credential ?? '?'})` : 'delegates (passthrough)';
    default:
      return e.kind;
  }
}

function ids(graph: CredentialGraph): Map<string, string> {
  const map = new Map<string, string>();
  let n = 0;
  graph.forEachNode((key) => map.set(key, `n${n++}`));
  return map;
}

// --- DOT ---------------------------------------------------------------------

const DOT_SHAPE: Record<NodeAttributes['kind'], string> = {
  agent: 'ellipse',
  tool: 'component',
  resource: 'cylinder',
  credential: 'note',
};

/**
 * A DOT double-quoted string. Invisible characters are shown as escapes first
 * (as the text reports show them); then backslashes and quotes are escaped,
 * newlines written as \n, and `&` and `#` as entities, which Graphviz decodes
 * in labels: so `&amp;` in a name stays `&amp;`, and `##[` is never in the file.
 */
function dotString(text: string): string {
  return `"${visibleText(text.replace(/\r\n?/g, '\n'))
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/&/g, '&amp;')
    .replace(/#/g, '&#35;')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, ' ')}"`;
}

function graphDot(graph: CredentialGraph, title: string): string {
  const id = ids(graph);
  const lines = [
    `digraph leakradius {`,
    `  label=${dotString(title)};`,
    '  labelloc=t;',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  graph.forEachNode((key, a) => {
    lines.push(`  ${id.get(key)} [label=${dotString(nodeLabel(a))}, shape=${DOT_SHAPE[a.kind]}];`);
  });
  graph.forEachEdge((_edge, e, source, target) => {
    lines.push(
      `  ${id.get(source)} -> ${id.get(target)} [label=${dotString(edgeLabel(e))}${e.kind === 'stores' || e.kind === 'mints' ? ', style=dashed' : ''}];`,
    );
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// --- Mermaid -------------------------------------------------------------------

/** Mermaid's entity code for each character that has a meaning in a quoted label. */
const MERMAID_ENTITY: Record<string, string> = {
  '#': '#35;',
  '&': '#amp;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '|': '#124;',
  '`': '#96;',
};

/**
 * Mermaid quoted label text: invisible characters shown as escapes, `#` (which
 * starts Mermaid's entity codes) and markup characters as entity codes,
 * newlines as <br/>.
 */
function mermaidText(text: string): string {
  return visibleText(text.replace(/\r\n?/g, '\n'))
    .replace(/[#&"<>|`]/g, (c) => MERMAID_ENTITY[c])
    .replace(/\t/g, ' ')
    .replace(/\n/g, '<br/>');
}

const MERMAID_SHAPE: Record<NodeAttributes['kind'], [string, string]> = {
  agent: ['([', '])'],
  tool: ['[[', ']]'],
  resource: ['[(', ')]'],
  credential: ['{{', '}}'],
};

function graphMermaid(graph: CredentialGraph): string {
  const id = ids(graph);
  const lines = ['flowchart LR'];
  graph.forEachNode((key, a) => {
    const [open, close] = MERMAID_SHAPE[a.kind];
    lines.push(`  ${id.get(key)}${open}"${mermaidText(nodeLabel(a))}"${close}`);
  });
  graph.forEachEdge((_edge, e, source, target) => {
    const arrow = e.kind === 'stores' || e.kind === 'mints' ? '-.->' : '-->';
    lines.push(`  ${id.get(source)} ${arrow}|"${mermaidText(edgeLabel(e))}"| ${id.get(target)}`);
  });
  for (const kind of ['agent', 'tool', 'resource', 'credential'] as const) {
    const members: string[] = [];
    graph.forEachNode((key, a) => {
      if (a.kind === kind) members.push(id.get(key)!);
    });
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${kind}`);
  }
  lines.push(
    '  classDef agent fill:#e8f0fe,stroke:#3366cc',
    '  classDef tool fill:#f3e8fd,stroke:#7b3fb3',
    '  classDef resource fill:#fdf3e6,stroke:#b36b00',
    '  classDef credential fill:#fde8e8,stroke:#b32d2d',
  );
  return `${lines.join('\n')}\n`;
}
