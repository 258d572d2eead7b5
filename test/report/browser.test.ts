/**
 * The HTML report in a real browser: headless Chromium (Debian's package,
 * /usr/bin/chromium, or LEAKRADIUS_CHROMIUM) driven by playwright-core, which
 * downloads nothing. It opens the report from a file with the network cut
 * off, checks that nothing was logged as an error and nothing was fetched,
 * that the graph rendered, and that clicking a credential highlights what its
 * leak reaches; it saves a screenshot (LEAKRADIUS_SCREENSHOT_DIR, else the
 * system's temporary folder).
 *
 * Without Chromium the tests are skipped and say how to run them; under CI
 * (CI set) a missing browser fails, since .ci/run installs it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModelYaml } from '../../src/model/generate.js';
import { cli } from '../helpers/cli.js';

const CHROMIUM = process.env.LEAKRADIUS_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const HOW = `install Chromium (Debian: apt-get install -y chromium), or point LEAKRADIUS_CHROMIUM at one, then run: npx vitest run test/report`;

if (!available) {
  process.stderr.write(
    `\n*** The browser tests of the HTML report did not run: no Chromium at ${CHROMIUM}.\n*** To run them, ${HOW}\n\n`,
  );
}

describe.runIf(!available && process.env.CI)('the browser tests under CI', () => {
  it('need Chromium, which .ci/run installs', () => {
    expect.fail(`no Chromium at ${CHROMIUM}: ${HOW}`);
  });
});

describe.runIf(available)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  const shots = process.env.LEAKRADIUS_SCREENSHOT_DIR ?? tmpdir();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leakradius-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // No --user-data-dir: playwright refuses it here, and gives every launch a fresh profile of its own.
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report; every console error, page error and request for anything but the file itself is recorded. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== `file://${file}`) problems.push(`request: ${r.url()}`);
    });
    page.setDefaultTimeout(120_000);
    await page.goto(`file://${file}`);
    await page.waitForSelector('.graph[data-rendered]');
    return { page, problems };
  }

  const classesOf = (page: Page, id: string) => page.locator(`.graph [data-id="${id}"]`).first().getAttribute('class');

  it('draws the coding agent and highlights a leaked PAT’s blast radius on click', async () => {
    const file = join(dir, 'coding-agent.html');
    const r = cli(['report', 'models/coding-agent.yaml', '--out', file, '--today', '2026-01-01']);
    expect(r.code).toBe(0);
    const { page, problems } = await open(file);
    expect(Number(await page.locator('#graph-0').getAttribute('data-rendered'))).toBe(10); // 1 agent, 1 tool, 3 credentials, 5 resources
    expect(await classesOf(page, 'resource:prod-cluster')).not.toContain('reached');

    await page.locator('.graph [data-id="credential:gh-pat-dana"]').click();
    // gh-pat-dana's worst case reaches the cluster through the token stored in the repository (docs/simulation.md).
    expect(await classesOf(page, 'credential:gh-pat-dana')).toContain('selected');
    expect(await classesOf(page, 'resource:prod-cluster')).toContain('reached');
    expect(await classesOf(page, 'credential:prod-deploy-sa-token')).toContain('reached');
    expect(await classesOf(page, 'resource:llm-provider')).not.toContain('reached');
    expect(await page.locator('.edge.reached').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel-0').textContent()).toContain('exposure window 7d12h');
    await page.screenshot({ path: join(shots, 'leakradius-report-coding-agent.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 240_000);

  it('groups a large model by team until a team is opened, and highlights reach in groups', async () => {
    const model = join(dir, 'org.yaml');
    writeFileSync(model, generateModelYaml({ agents: 60, seed: 3 }));
    const file = join(dir, 'org.html');
    expect(cli(['report', model, '--out', file, '--recommendations', 'off', '--today', '2026-01-01']).code).toBe(0);
    const { page, problems } = await open(file);
    const groups = await page.locator('#graph-0 .node.group').count();
    expect(groups).toBeGreaterThan(0);
    expect(await page.locator('#graph-0 .node:not(.group)').count()).toBe(0);

    // The riskiest credential, from the table: selecting it opens its team and highlights what it reaches.
    await page.locator('#credentials-0 tbody tr').first().click();
    expect(await page.locator('#graph-0 .node.selected').count()).toBe(1);
    expect(await page.locator('#graph-0 .node.group.reached').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'leakradius-report-org.png') });
    expect(problems).toEqual([]);
  }, 240_000);

  it('shows hostile names as text, never as markup or script', async () => {
    const model = join(dir, 'hostile.yaml');
    writeFileSync(
      model,
      `version: 1
name: "</script><script>document.title='pwned'</script>"
resources:
  - { id: r, name: "<img src=x onerror=alert(1)>", kind: db, sensitivity: high }
credentials:
  - { id: c, name: "</script><b>bold</b>", ttl: 1h, grants: [{ resource: r, actions: [read] }] }
`,
    );
    const file = join(dir, 'hostile.html');
    expect(cli(['report', model, '--out', file, '--today', '2026-01-01']).code).toBe(0);
    const { page, problems } = await open(file);
    expect(await page.title()).toBe("leakradius report: </script><script>document.title='pwned'</script>");
    expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 240_000);
});
