/**
 * The report's script, run by the browser that opens the file. It reads the
 * JSON block ./report.ts writes and draws, per model: the graph as SVG in four
 * columns (agents, tools, credentials, resources), grouped by team when the
 * model is large, a group opening on click; a credential's blast radius
 * highlighted on click (what its worst-case leak reaches, acquires and
 * tasks); its timeline; the credentials ranked by risk. It computes nothing
 * the analyses did not: every figure comes from the JSON. It writes text with
 * textContent only.
 *
 * Plain ES2019 in a string (the project's TypeScript targets Node, not the
 * DOM); the browser test in test/report runs it.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var GROUP_ABOVE = 150;      // more nodes than this: group by team until opened
  var EDGE_LIMIT = 2500;      // more visible edges than this: draw only those of the selection
  var TABLE_ROWS = 200;
  var COL_W = 232, NODE_W = 200, ROW_H = 24, TOP = 30;
  var KINDS = ['agent', 'tool', 'credential', 'resource'];
  var TITLES = { agent: 'Agents', tool: 'Tools', credential: 'Credentials', resource: 'Resources' };
  var data = JSON.parse(document.getElementById('report-data').textContent);
  performance.mark('leakradius-data-read');
  data.models.forEach(function (m, i) { setup(m, i); });
  performance.mark('leakradius-drawn');

  function el(name, attrs, text) {
    var e = name.indexOf('svg:') === 0 ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function duration(s) {
    if (s === null) return 'never';
    var rest = Math.ceil(Math.max(0, s)), out = '';
    if (rest === 0) return '0s';
    [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]].forEach(function (u) {
      var n = Math.floor(rest / u[1]);
      if (n > 0) { out += n + u[0]; rest -= n * u[1]; }
    });
    return out;
  }
  function score(x) { return x === null ? 'unbounded' : String(Math.round(x * 100) / 100); }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + '\u2026' : text; }

  // What only a selection needs, in a second JSON block read on the first selection.
  var detail = null;
  function detailOf(m) {
    detail = detail || JSON.parse(document.getElementById('report-detail').textContent);
    return detail.models[data.models.indexOf(m)];
  }

  // A list of element indices, written once in the detail's lists as base-36 gaps; decoded on first use.
  function listOf(m, k) {
    m.decoded = m.decoded || {};
    if (m.decoded[k]) return m.decoded[k];
    var text = detailOf(m).lists[k], out = [], previous = 0;
    if (text) text.split(',').forEach(function (gap) { previous += parseInt(gap, 36); out.push(previous); });
    return (m.decoded[k] = out);
  }

  function setup(m, mi) {
    var lists = { agent: m.agents, tool: m.tools, credential: m.credentials, resource: m.resources };
    var total = m.agents.length + m.tools.length + m.credentials.length + m.resources.length;
    var grouped = total > GROUP_ABOVE;
    var open = {};
    var selected = -1;
    var graph = document.getElementById('graph-' + mi);
    var panel = document.getElementById('panel-' + mi);
    var risk = function (i) { var v = m.credentials[i][3]; return v === null ? Infinity : v; };
    var byRisk = m.credentials.map(function (_, i) { return i; }).sort(function (a, b) {
      var d = risk(b) - risk(a);
      return d > 0 || d < 0 ? d : (m.credentials[a][0] < m.credentials[b][0] ? -1 : 1);
    });
    var groupRisk = m.groups.map(function () { return 0; });
    m.credentials.forEach(function (c, i) { groupRisk[c[2]] += risk(i) === Infinity ? 1e300 : risk(i); });
    var offset = offsets(m);
    var edges = elementEdges(m, offset);

    // Per column: groups ordered by their credentials' risk, members in list order (credentials by risk).
    function columnRows(kind) {
      var list = lists[kind];
      var order = kind === 'credential' ? byRisk : list.map(function (_, i) { return i; });
      var members = {};
      order.forEach(function (i) { var g = list[i][2]; (members[g] = members[g] || []).push(i); });
      var groups = Object.keys(members).map(Number).sort(function (a, b) {
        return groupRisk[b] - groupRisk[a] || (m.groups[a] < m.groups[b] ? -1 : 1);
      });
      var rows = [];
      groups.forEach(function (g) {
        if (grouped) rows.push({ group: g, kind: kind, members: members[g], key: 'group:' + kind + ':' + g });
        if (!grouped || open[kind + ':' + g])
          members[g].forEach(function (i) { rows.push({ kind: kind, index: i, key: kind + ':' + i, members: [i] }); });
      });
      return rows;
    }

    function render() {
      var highlight = selected >= 0 ? blastRadius(m, selected) : null;
      graph.textContent = '';
      graph.classList.toggle('focus', highlight !== null);
      var columns = KINDS.map(columnRows);
      var height = TOP + ROW_H * Math.max.apply(null, columns.map(function (c) { return c.length; })) + 10;
      var svg = el('svg:svg', { width: String(COL_W * 4), height: String(height), role: 'img', 'aria-label': 'credential graph' });
      var edgeLayer = el('svg:g', { 'class': 'edges' });
      svg.appendChild(edgeLayer);
      // Each element's visible row (itself, or its closed team), by element code: see elementEdges.
      var rowOf = new Int32Array(offset.total).fill(-1);
      var drawn = [], selectedRow = -1;
      columns.forEach(function (rows, ci) {
        var kind = KINDS[ci];
        svg.appendChild(el('svg:text', { x: String(ci * COL_W + 8), y: '18', 'class': 'col' }, TITLES[kind] + ' (' + lists[kind].length + ')'));
        rows.forEach(function (row, ri) {
          var x = ci * COL_W + 8, y = TOP + ri * ROW_H;
          var reached = 0;
          if (highlight) row.members.forEach(function (i) { if (highlight[kind][i]) reached++; });
          var isSelected = kind === 'credential' && row.group === undefined && row.index === selected;
          var label = row.group !== undefined
            ? (open[kind + ':' + row.group] ? '\u25be ' : '\u25b8 ') + m.groups[row.group] + ' \u00b7 ' + row.members.length + (reached ? ' \u00b7 ' + reached + ' reached' : '')
            : lists[kind][row.index][0];
          var id = row.group !== undefined ? 'group:' + kind + ':' + m.groups[row.group] : kind + ':' + lists[kind][row.index][0];
          var g = el('svg:g', {
            'class': 'node kind-' + kind + (row.group !== undefined ? ' group' : '') + (reached && !isSelected ? ' reached' : '') + (isSelected ? ' selected' : ''),
            'data-id': id,
            transform: 'translate(' + x + ',' + y + ')'
          });
          g.appendChild(el('svg:rect', { width: String(NODE_W), height: '18', rx: '4' }));
          g.appendChild(el('svg:text', { x: '6', y: '13' }, short(label, 32)));
          g.appendChild(el('svg:title', {}, row.group !== undefined ? label : lists[kind][row.index][0] + (lists[kind][row.index][1] ? ' \u2014 ' + lists[kind][row.index][1] : '')));
          g.addEventListener('click', function () {
            if (row.group !== undefined) { open[kind + ':' + row.group] = !open[kind + ':' + row.group]; render(); }
            else if (kind === 'credential') select(row.index);
          });
          svg.appendChild(g);
          var r = drawn.length;
          if (isSelected) selectedRow = r;
          drawn.push({ x: x, y: y, reached: reached > 0 || isSelected });
          row.members.forEach(function (i) { rowOf[offset[kind] + i] = r; });
        });
      });
      var seen = new Set(), visible = [];
      for (var e = 0; e < edges.from.length; e++) {
        var a = rowOf[edges.from[e]], b = rowOf[edges.to[e]];
        if (a < 0 || b < 0 || a === b) continue;
        var k = a * drawn.length + b;
        if (seen.has(k)) continue;
        seen.add(k);
        visible.push(a, b);
      }
      var many = visible.length / 2 > EDGE_LIMIT;
      for (var v = 0; v < visible.length; v += 2) {
        var from = drawn[visible[v]], to = drawn[visible[v + 1]];
        var on = highlight !== null && from.reached && to.reached;
        // Too many to read: only the selected credential's own edges (the highlighted rows say the rest).
        if (many && !(on && (visible[v] === selectedRow || visible[v + 1] === selectedRow))) continue;
        var x1 = from.x + (to.x > from.x ? NODE_W : 0), x2 = to.x + (to.x > from.x ? 0 : NODE_W);
        if (from.x === to.x) { x1 = from.x + NODE_W; x2 = to.x + NODE_W; }
        var y1 = from.y + 9, y2 = to.y + 9, bend = from.x === to.x ? 60 : (x2 - x1) / 2;
        edgeLayer.appendChild(el('svg:path', {
          'class': 'edge' + (on ? ' reached' : ''),
          d: 'M' + x1 + ',' + y1 + ' C' + (x1 + bend) + ',' + y1 + ' ' + (x2 - bend) + ',' + y2 + ' ' + x2 + ',' + y2
        }));
      }
      graph.appendChild(svg);
      graph.setAttribute('data-rendered', String(svg.querySelectorAll('.node').length));
    }

    function select(i) {
      selected = i;
      open['credential:' + m.credentials[i][2]] = true;
      render();
      showPanel(m, i, panel);
      var node = graph.querySelector('.node.selected');
      if (node && node.scrollIntoView) node.scrollIntoView({ block: 'nearest' });
      var rows = document.querySelectorAll('#credentials-' + mi + ' tr');
      for (var r = 0; r < rows.length; r++) rows[r].classList.toggle('selected', rows[r].getAttribute('data-index') === String(i));
    }

    var table = document.getElementById('credentials-' + mi);
    var filter = document.getElementById('filter-' + mi);
    function fillTable() {
      var q = filter.value.trim().toLowerCase();
      var matching = byRisk.filter(function (i) { return !q || m.credentials[i][0].toLowerCase().indexOf(q) >= 0; });
      table.textContent = '';
      var t = el('table', { 'class': 'credentials' });
      var head = el('tr', {});
      ['credential', 'team', 'time-weighted', 'blast radius', 'exposure window', 'revocation lag', 'reaches'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
      t.appendChild(el('thead', {})).appendChild(head);
      var body = el('tbody', {});
      matching.slice(0, TABLE_ROWS).forEach(function (i) {
        var c = m.credentials[i];
        var tr = el('tr', { 'data-index': String(i), 'data-id': 'credential:' + c[0] });
        [c[0], m.groups[c[2]], score(c[3]), String(c[4]), duration(c[5]), duration(c[6]), c[8] + ' resources'].forEach(function (v, k) {
          tr.appendChild(el('td', k >= 2 && k <= 3 ? { 'class': 'num' } : {}, v));
        });
        tr.addEventListener('click', function () { select(i); });
        body.appendChild(tr);
      });
      t.appendChild(body);
      table.appendChild(t);
      if (matching.length > TABLE_ROWS) table.appendChild(el('p', { 'class': 'dim' }, (matching.length - TABLE_ROWS) + ' more: type part of a name to find one'));
    }
    filter.addEventListener('input', fillTable);
    fillTable();
    render();
  }

  // Element codes: agents first, then tools, credentials and resources (offset[kind] + index).
  function offsets(m) {
    var o = { agent: 0, tool: m.agents.length };
    o.credential = o.tool + m.tools.length;
    o.resource = o.credential + m.credentials.length;
    o.total = o.resource + m.resources.length;
    return o;
  }

  // Element-level edges as codes: agent-tool, agent-credential, tool-credential,
  // credential-resource (grants), resource-credential (stores), credential-agent (invokes).
  function elementEdges(m, o) {
    var from = [], to = [];
    var add = function (a, b) { from.push(a); to.push(b); };
    m.agents.forEach(function (a, i) {
      a[3].forEach(function (t) { add(o.agent + i, o.tool + t); });
      a[4].forEach(function (c) { add(o.agent + i, o.credential + c); });
    });
    m.tools.forEach(function (t, i) { if (t[3] >= 0) add(o.tool + i, o.credential + t[3]); });
    m.credentials.forEach(function (c, i) {
      c[13].forEach(function (r) { add(o.credential + i, o.resource + r); });
      c[14].forEach(function (a) { add(o.credential + i, o.agent + a); });
    });
    m.resources.forEach(function (r, i) { r[4].forEach(function (c) { add(o.resource + i, o.credential + c); }); });
    return { from: Int32Array.from(from), to: Int32Array.from(to) };
  }

  // What the worst-case leak of credential i reaches, acquires and tasks, as sets per kind.
  function blastRadius(m, i) {
    var c = m.credentials[i];
    var hl = { agent: {}, tool: {}, credential: {}, resource: {} };
    hl.credential[i] = true;
    listOf(m, c[9]).forEach(function (r) { hl.resource[r] = true; });
    listOf(m, c[10]).forEach(function (k) { hl.credential[k] = true; });
    listOf(m, c[11]).forEach(function (a) { hl.agent[a] = true; });
    return hl;
  }

  function showPanel(m, i, panel) {
    var c = m.credentials[i];
    panel.textContent = '';
    panel.appendChild(el('h4', {}, c[0]));
    if (c[1]) panel.appendChild(el('p', { 'class': 'dim' }, c[1]));
    panel.appendChild(el('p', {}, 'worst case: exposure window ' + duration(c[5]) + ' \u00b7 revocation lag ' + duration(c[6]) +
      ' \u00b7 blast radius ' + c[4] + ' \u00b7 time-weighted ' + score(c[3])));
    if (!c[7]) panel.appendChild(el('p', { 'class': 'good' }, 'Not replayable: a leaked copy works only inside its own workload.'));
    panel.appendChild(timeline(detailOf(m).timelines[i]));
    var list = el('ul', { 'class': 'reach' });
    var resources = listOf(m, c[9]), acquired = listOf(m, c[10]), tasked = listOf(m, c[11]);
    var detail = m.pairDetail && c[12].length > 0;
    if (detail) {
      for (var k = 0; k < c[12].length && k < 300; k += 3) {
        var p = m.pairs[c[12][k]];
        list.appendChild(el('li', {}, m.resources[p[0]][0] + ':' + p[1] + ' (impact ' + p[2] + ') ' + duration(c[12][k + 1]) + ' \u2192 ' + duration(c[12][k + 2])));
      }
    } else {
      resources.slice(0, 100).forEach(function (r) { list.appendChild(el('li', {}, m.resources[r][0])); });
    }
    panel.appendChild(el('p', {}, 'Reaches ' + (detail ? c[12].length / 3 + ' pairs' : resources.length + ' resources') + ':'));
    panel.appendChild(list);
    if (acquired.length) panel.appendChild(el('p', {}, 'Obtains ' + acquired.slice(0, 30).map(function (k) { return m.credentials[k][0]; }).join(', ') + (acquired.length > 30 ? ' and ' + (acquired.length - 30) + ' more' : '')));
    if (tasked.length) panel.appendChild(el('p', {}, 'Can task ' + tasked.slice(0, 30).map(function (a) { return m.agents[a][0]; }).join(', ') + (tasked.length > 30 ? ' and ' + (tasked.length - 30) + ' more' : '')));
    panel.appendChild(el('p', { 'class': 'dim' }, 'Paths and windows of every pair: leakradius simulate <model> --leak ' + c[0]));
  }

  // Issued and leaked at 0; detected, revocation issued, stopped (the attacker loses it), all dead.
  function timeline(t) {
    var detected = t[0], revoked = t[1], stopped = t[2], dead = t[3];
    var finite = [detected, revoked, stopped, dead].filter(function (v) { return v !== null; });
    var end = Math.max.apply(null, finite.concat([1])) * 1.1;
    var W = 340, x = function (v) { return 10 + (v === null ? W - 20 : (v / end) * (W - 30)); };
    var svg = el('svg:svg', { width: String(W), height: '92', 'class': 'timeline', role: 'img', 'aria-label': 'timeline' });
    svg.appendChild(el('svg:rect', { x: '10', y: '20', width: String(Math.max(1, x(stopped) - 10)), height: '10', 'class': 'held' }));
    if (dead === null || (stopped !== null && dead > stopped))
      svg.appendChild(el('svg:rect', { x: String(x(stopped)), y: '20', width: String(Math.max(1, x(dead) - x(stopped))), height: '10', 'class': 'after' }));
    var marks = [['I L', 0, 'issued and leaked 0s'], ['D', detected, 'detected ' + duration(detected)], ['R', revoked, 'revocation issued ' + duration(revoked)],
      ['S', stopped, 'stopped ' + duration(stopped)], ['X', dead, 'all dead ' + duration(dead)]];
    // Letters of events at the same moment share one mark: R S, not two letters drawn over each other.
    var at = {};
    marks.forEach(function (mk) { var k = String(mk[1]); at[k] = at[k] ? at[k] + ' ' + mk[0] : mk[0]; });
    Object.keys(at).forEach(function (k) { svg.appendChild(el('svg:text', { x: String(x(k === 'null' ? null : Number(k))), y: '14' }, at[k])); });
    marks.forEach(function (mk, k) {
      svg.appendChild(el('svg:text', { x: String(10 + (k % 2) * 170), y: String(46 + 12 * Math.floor(k / 2)) }, mk[0] + ' ' + mk[2]));
    });
    return svg;
  }
})();
`;
