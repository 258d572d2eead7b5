/** `import --merge`: a re-import updates what came from the files and keeps every hand edit and comment. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { run } from '../helpers/run.js';

const work = mkdtempSync(join(tmpdir(), 'leakradius-import-merge-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('import --merge', () => {
  it('keeps comments, hand fields, hand elements and checked guesses; updates, adds and reports what is gone', async () => {
    cpSync('test/fixtures/import/github-workflow/deploy-aws/.github', join(work, 'repo/.github'), { recursive: true });
    const first = await run(['import', 'repo', '--out', 'model.yaml'], { cwd: work });
    expect(first.code, first.stderr).toBe(0);
    const model = join(work, 'model.yaml');
    let text = readFileSync(model, 'utf8');

    // Hand work: a comment, an owner on an imported agent, a checked guess, a hand-written credential.
    text = text.replace('agents:\n', 'agents:\n  # reviewed with the platform team\n');
    text = text.replace(/( {2}- id: deploy\/deploy\n {4}name: deploy\n)/, '$1    owner: platform # on call\n');
    text = text.replace(/( {2}- id: github:contents\n(?: {4}.*\n)*? {4}sensitivity: )high/, '$1critical');
    text += '  - id: break-glass\n    ttl: 1h\n    kind: api-key\n';
    writeFileSync(model, text);
    expect(loadModel('model.yaml', text).ok).toBe(true);

    // The workflow changes: the deploy job may now write contents, the test job goes, a release job comes.
    const workflow = join(work, 'repo/.github/workflows/deploy.yml');
    let yaml = readFileSync(workflow, 'utf8');
    yaml = yaml.replace(/ {2}test:\n[\s\S]*?\n\n/, '');
    yaml = yaml.replace('    needs: test\n', '    permissions:\n      contents: write\n      id-token: write\n');
    yaml += '\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n';
    writeFileSync(workflow, yaml);

    const again = await run(['import', 'repo', '--merge', 'model.yaml'], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    const merged = readFileSync(model, 'utf8');
    expect(merged).toContain('  # reviewed with the platform team\n');
    expect(merged).toContain('    owner: platform # on call\n');
    expect(merged).toContain('  - id: break-glass\n');
    expect(merged).toContain('# Imported by `leakradius import`');
    const loaded = loadModel('model.yaml', merged);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const doc = loaded.loaded.document;
    const contents = doc.resources!.find((r) => r.id === 'github:contents')!;
    expect(contents.sensitivity).toBe('critical');
    expect(contents.source?.assumed ?? []).not.toContain('sensitivity');
    const token = doc.credentials!.find((c) => c.id === 'deploy/deploy/GITHUB_TOKEN')!;
    expect(token.grants).toEqual([{ resource: 'github:contents', actions: ['read', 'write'] }]);
    expect(doc.agents!.map((a) => a.id)).toEqual(['deploy/test', 'deploy/deploy', 'deploy/release']);
    expect(again.stderr).toMatch(/agent:deploy\/test: no longer in repo\/\.github\/workflows\/deploy\.yml/);
    expect(again.stderr).toMatch(/merged: \d+ added, \d+ updated/);
  }, 120_000);
});
