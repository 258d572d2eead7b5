/**
 * The field reference of docs/model-format.md, generated from the schema, so
 * the documentation cannot drift from what the validator accepts.
 */
import { DURATION_PATTERN } from '../model/schema.js';

interface Node {
  type?: string;
  const?: unknown;
  anyOf?: Node[];
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  pattern?: string;
  description?: string;
  title?: string;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

export function schemaReference(schema: object): string {
  const rows: Row[] = [];
  collect(schema as Node, '', rows);
  const lines = ['| field | type | required | meaning and default |', '|---|---|---|---|'];
  for (const r of rows)
    lines.push(`| \`${r.path}\` | ${r.type} | ${r.required ? 'yes' : ''} | ${cell(r.description)} |`);
  return `${lines.join('\n')}\n`;
}

function collect(node: Node, prefix: string, rows: Row[]): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    rows.push({
      path,
      type: typeName(child),
      required: (node.required ?? []).includes(name),
      description: child.description ?? '',
    });
    descend(child, path, rows);
  }
}

function descend(node: Node, path: string, rows: Row[]): void {
  if (node.properties) collect(node, path, rows);
  if (node.type === 'array' && node.items?.properties) collect(node.items, `${path}[]`, rows);
  if (node.patternProperties) {
    for (const child of Object.values(node.patternProperties)) {
      rows.push({
        path: `${path}.<name>`,
        type: typeName(child),
        required: false,
        description: child.description ?? '',
      });
      descend(child, `${path}.<name>`, rows);
    }
  }
  for (const option of node.anyOf ?? []) if (option.properties) collect(option, path, rows);
}

function typeName(node: Node): string {
  if (node.pattern === DURATION_PATTERN) return 'duration';
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.anyOf) {
    if (node.anyOf.every((o) => o.const !== undefined))
      return `one of ${node.anyOf.map((o) => `\`${String(o.const)}\``).join(', ')}`;
    return node.anyOf.map(typeName).join(' or ');
  }
  if (node.type === 'array') return `list of ${node.items ? typeName(node.items) : 'values'}`;
  if (node.type === 'object') return node.patternProperties ? 'mapping of names' : 'mapping';
  if (node.type === 'string' && node.pattern?.startsWith('^[A-Za-z0-9]')) return 'id';
  return node.type ?? 'value';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
