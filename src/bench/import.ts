/**
 * The import bench: a repository of generated GitHub Actions workflows (each
 * with permissions, secrets, third-party actions, and every fifth an AI agent
 * or an OIDC login), imported by `leakradius import` in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PhaseResult } from './phases.js';

/** A workflow of three jobs; `i` varies triggers, permissions, secrets and logins. */
function workflow(i: number): string {
  const ai = i % 5 === 0;
  const oidc = i % 5 === 1;
  return `name: pipeline ${i}
on:
  ${ai ? 'issue_comment:\n    types: [created]' : 'push:\n    branches: [main]'}
${i % 3 === 0 ? '' : 'permissions:\n  contents: read\n'}jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
      - run: npm ci && npm test
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN_${i % 20} }}
  ${ai ? 'agent' : 'deploy'}:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      contents: write
      pull-requests: write
${oidc ? '      id-token: write\n' : ''}    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
${
  ai
    ? `      - uses: anthropics/claude-code-action@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
`
    : oidc
      ? `      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::123456789012:role/deploy-${i}
          aws-region: eu-west-1
          role-duration-seconds: 900
`
      : `      - run: ./deploy.sh
        env:
          DEPLOY_KEY: \${{ secrets.DEPLOY_KEY_${i % 50} }}
`
}  notify:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/notify-action@main
        with:
          webhook: \${{ secrets.SLACK_WEBHOOK }}
`;
}

/** A repository folder with `count` workflow files, written afresh. */
export function workflowRepository(count: number): string {
  const root = join(tmpdir(), 'leakradius-bench', `workflows-${count}`);
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  const folder = join(root, '.github', 'workflows');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++)
    writeFileSync(join(folder, `pipeline-${String(i).padStart(4, '0')}.yml`), workflow(i));
  return root;
}

/** `leakradius import <folder>` as a user runs it: wall time, peak resident memory where /usr/bin/time can tell. */
export function runImport(cli: string, folder: string, runs: number): PhaseResult {
  const time = '/usr/bin/time';
  const timed = existsSync(time);
  const args = ['import', folder, '--out', devNull];
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const child = timed
      ? spawnSync(time, ['-f', 'maxrss %M', process.execPath, cli, ...args], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
      : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - start;
    if (child.status !== 0) throw new Error(`leakradius import failed (exit ${child.status}):\n${child.stderr}`);
    const rss = /maxrss (\d+)/.exec(child.stderr ?? '');
    samples.push({ ms, peakMb: rss ? Number(rss[1]) / 1e3 : NaN, baseMb: 0 });
  }
  return { samples };
}
