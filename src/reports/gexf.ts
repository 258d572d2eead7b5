/**
 * The credential/tool graph as GEXF for Gephi, written by graphology-gexf.
 * GEXF attributes are scalars: lists are joined, a lifetime is written as a
 * duration (`30d`, `never`) with its seconds beside it when it ends, and characters XML 1.0 cannot carry are dropped (the writer
 * escapes markup; a model's names may hold anything).
 */
import gexf from 'graphology-gexf';
import type { CredentialGraph, EdgeAttributes, NodeAttributes } from '../graph/build.js';
import { UNBOUNDED, formatDuration } from '../model/duration.js';
import { visibleText } from './terminal.js';

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/g;
/** Invisible characters shown as escapes, as every report shows them; what XML 1.0 cannot carry dropped. */
const xmlSafe = (text: string) => visibleText(text).replace(NOT_XML, '');

export function graphGexf(graph: CredentialGraph): string {
  return gexf.write(graph, {
    version: '1.3',
    formatNode: (_key: string, a: NodeAttributes) => ({
      label: xmlSafe(a.label),
      attributes: scalars({ ...a, label: undefined }),
    }),
    formatEdge: (_key: string, e: EdgeAttributes) => ({
      label: e.kind,
      attributes: scalars({ ...e }),
    }),
  });
}

function scalars(attributes: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = xmlSafe(v.join(', '));
    else if (typeof v === 'number' && (k === 'ttl' || k === 'maxLifetime')) {
      // A duration as written (`30d`, `never`), and in seconds when it ends, for Gephi's filters.
      out[k] = v === UNBOUNDED ? 'never' : formatDuration(v);
      if (v !== UNBOUNDED) out[`${k}Seconds`] = v;
    } else if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'string') out[k] = xmlSafe(v);
    else if (typeof v === 'boolean') out[k] = v;
  }
  return out;
}
