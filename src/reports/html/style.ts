/** The report's style sheet, inlined into the file. */
export const REPORT_CSS = `
:root { --bg: #fff; --fg: #1d2430; --dim: #667085; --line: #d0d5dd; --hl: #d92d20; --sel: #1849a9; --ok: #067647; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0 24px 48px; }
h1 { font-size: 22px; margin: 20px 0 4px; } h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid var(--line); } h3 { font-size: 16px; margin-top: 24px; }
.dim { color: var(--dim); } .good { color: var(--ok); } .note { background: #fffaeb; border: 1px solid #fedf89; padding: 6px 10px; }
.num { text-align: right; font-variant-numeric: tabular-nums; } .big { font-size: 20px; font-weight: 600; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; } .stat { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #eaecf0; vertical-align: top; }
table.risks th { padding-right: 16px; }
tr.sev-critical td:first-child { color: #b42318; font-weight: 600; } tr.sev-high td:first-child { color: #c4320a; }
.graph-wrap { display: flex; gap: 12px; align-items: flex-start; }
.graph { flex: 1; overflow: auto; max-height: 640px; border: 1px solid var(--line); border-radius: 6px; }
.panel { width: 380px; flex: none; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; max-height: 640px; overflow: auto; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); pointer-events: none; }
.node rect { fill: #f2f4f7; stroke: #98a2b3; rx: 4; cursor: pointer; }
.node.kind-agent rect { fill: #eff4ff; } .node.kind-tool rect { fill: #f4f3ff; } .node.kind-resource rect { fill: #fef6ee; } .node.kind-credential rect { fill: #fef3f2; }
.node.group rect { stroke-dasharray: 4 2; }
.node.reached rect { stroke: var(--hl); stroke-width: 2; fill: #fee4e2; }
.node.selected rect { stroke: var(--sel); stroke-width: 3; fill: #d1e0ff; }
.graph.focus .node:not(.reached):not(.selected) { opacity: 0.35; }
.edge { fill: none; stroke: #98a2b3; stroke-opacity: 0.5; }
.edge.reached { stroke: var(--hl); stroke-opacity: 0.9; stroke-width: 1.6; }
.graph.focus .edge:not(.reached) { stroke-opacity: 0.08; }
.cols text.col { font-weight: 600; fill: var(--dim); }
table.credentials tr { cursor: pointer; } table.credentials tr:hover { background: #f9fafb; } table.credentials tr.selected { background: #d1e0ff; }
.timeline text { font-size: 11px; } .timeline .held { fill: var(--hl); } .timeline .after { fill: #fda29b; }
ul.reach { padding-left: 18px; margin: 4px 0; } ul.edits { color: var(--dim); } ol.recs > li { margin-bottom: 12px; }
input.filter { padding: 4px 8px; width: 280px; }
`;
