/**
 * Strings from a model never break the reader of a report: no line of a CI
 * log runs as a workflow command, JUnit stays well-formed XML, Markdown makes
 * no link, and invisible or bidirectional characters and lone surrogates are
 * shown as escapes in JSON, SARIF, DOT and Mermaid as in the text reports.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { renderCheck } from '../../src/reports/check/index.js';
import { exportGraph } from '../../src/reports/graph-export.js';
import { safeInline, safeText } from '../../src/reports/terminal.js';
import { createStyle } from '../../src/reports/terminal.js';
import { checkYaml } from '../helpers/check.js';
import { load } from '../helpers/model.js';
import { run } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'leakradius-escape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines GitHub Actions would run: `::` first after spaces, or `##[` anywhere. */
const commandLines = (text: string) => text.split('\n').filter((l) => /^\s*::/.test(l) || l.includes('##['));

const INJECTED = '::error title=Injected::All checks passed';

describe('workflow commands in a CI log', () => {
  const folder = join(dir, 'models');
  mkdirSync(folder);
  // One valid model with findings and one invalid one, both named as a command.
  writeFileSync(join(folder, `${INJECTED}.yaml`), 'version: 1\ncredentials: [{ id: pat, ttl: never }]\n');
  writeFileSync(join(folder, `${INJECTED} 2.yaml`), 'version: 1\ncredentials: [{ id: pat, ttl: nevr }]\n');
  writeFileSync(join(folder, 'x ##[add-mask]y.yaml'), 'version: 1\ncredentials: [{ id: pat, ttl: never }]\n');

  it.each([
    ['validate', ['validate', '.']],
    ['check', ['check', '.']],
    ['check (only valid files)', ['check', `${INJECTED}.yaml`, 'x ##[add-mask]y.yaml']],
  ])('%s prints no line GitHub would run, and shows the names', async (_name, args) => {
    const r = await run(args, { cwd: folder });
    expect(commandLines(r.stdout)).toEqual([]);
    expect(commandLines(r.stderr)).toEqual([]);
    expect(r.stdout + r.stderr).toMatch(/^\\x3a:error title=Injected::All checks passed( 2)?\.yaml/m);
  });

  it('a name starting a word with :: is defused anywhere a line might wrap; an ARN keeps its ::', async () => {
    expect(safeInline('a ::warning::x')).toBe('a \\x3a:warning::x');
    expect(safeText('first\n  ::notice::y')).toBe('first\n  \\x3a:notice::y');
    expect(safeInline('arn:aws:iam::123456789012:role/x')).toBe('arn:aws:iam::123456789012:role/x');
    expect(safeInline('deploy ##[set-output name=x]y')).toBe('deploy #\\x23[set-output name=x]y');
  });
});

// A resource whose name carries what readers choke on, granted to a credential that an acceptance covers.
const HOSTILE = 'a\u202eb\u2028c\u0085d\ud800e\ufffe\uffff ##[add-mask] https://evil.example www.evil.example';
const MODEL = `version: 1
agents:
  - { id: bot, credentials: [pat] }
resources:
  - { id: repo, name: ${JSON.stringify(HOSTILE)}, kind: repository, sensitivity: high }
credentials:
  - { id: pat, name: ${JSON.stringify(HOSTILE)}, subject: human, ttl: never, grants: [{ resource: repo, actions: [read] }] }
accept:
  - { finding: "LR001@credential:pat", reason: ${JSON.stringify(HOSTILE)}, owner: ${JSON.stringify(HOSTILE)}, expires: 2030-01-01 }
`;

describe('reports of a model full of hostile text', () => {
  const report = checkYaml(MODEL);
  const render = (format: Parameters<typeof renderCheck>[1]) =>
    renderCheck(report, format, { style: createStyle(false), version: '0.0.0', uriFor: (f) => f });
  const graph = buildGraph(load(MODEL).model);
  const outputs: [string, string][] = [
    ['json', render('json')],
    ['sarif', render('sarif')],
    ['junit', render('junit')],
    ['markdown', render('markdown')],
    ['text', render('text')],
    ['graph json', exportGraph(graph, 'json', HOSTILE)],
    ['dot', exportGraph(graph, 'dot', HOSTILE)],
    ['mermaid', exportGraph(graph, 'mermaid', HOSTILE)],
  ];

  it.each(outputs)('%s carries no invisible character, lone surrogate or workflow command', async (_format, text) => {
    expect(text).not.toMatch(/[\u0080-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\ufffe\uffff]/);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(commandLines(text)).toEqual([]);
  });

  it('JSON and SARIF parse, and show the characters as the text report does', async () => {
    for (const text of [render('json'), render('sarif'), exportGraph(graph, 'json', HOSTILE)]) {
      const shown = JSON.stringify(JSON.parse(text));
      expect(shown).toContain('a\\\\u202eb\\\\u2028c\\\\x85d\\\\ud800e\\\\ufffe\\\\uffff ##[add-mask]');
    }
  });

  it('JUnit is well-formed XML', async () => {
    const doc = new new JSDOM('').window.DOMParser().parseFromString(render('junit'), 'application/xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.textContent).toContain('a\\u202eb\\u2028c\\x85d\\ud800e\\ufffe\\uffff #\\x23[add-mask]');
  });

  it('Markdown makes no link of a URL or a www. name', async () => {
    const markdown = render('markdown');
    expect(markdown).not.toMatch(/https?:\/\/|www\./i);
    expect(markdown).toContain('https&#58;//evil.example www&#46;evil.example');
  });

  it('DOT and Mermaid keep # and & literal (entities), so no label decodes to something else', async () => {
    expect(exportGraph(graph, 'dot', 'a &amp; b #35;')).toContain('label="a &amp;amp; b &#35;35;"');
    expect(exportGraph(graph, 'dot', 'x')).toContain('&#35;&#35;[add-mask]');
    expect(exportGraph(graph, 'mermaid', 'x')).toContain('#35;#35;[add-mask]');
  });
});
