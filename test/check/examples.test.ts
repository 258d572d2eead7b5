/**
 * check flags the risky example models and passes the hardened one, with the
 * default policy. The expected findings are the risks each model's header
 * comment says it demonstrates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/analyses/check/engine.js';
import { DEFAULT_POLICY } from '../../src/model/policy.js';
import { TODAY } from '../helpers/check.js';
import { cli } from '../helpers/cli.js';
import { load } from '../helpers/model.js';

const check = (name: string) =>
  runCheck([load(readFileSync(`models/${name}`, 'utf8'), `models/${name}`)], {
    policy: DEFAULT_POLICY,
    today: TODAY,
    failOn: 'high',
  });
const ids = (name: string) => check(name).findings.map((f) => f.id);

describe('check on the example models (default policy)', () => {
  it('passes the hardened reference model with no finding at all', () => {
    const report = check('hardened.yaml');
    expect(report.findings).toEqual([]);
    expect(report.failed).toBe(false);
  });

  it("flags the coding agent: a developer's never-expiring PAT whose leak reaches production through a stored kubeconfig", () => {
    expect(check('coding-agent.yaml').failed).toBe(true);
    expect(ids('coding-agent.yaml')).toEqual(
      expect.arrayContaining([
        'LR001@credential:gh-pat-dana',
        'LR014@credential:gh-pat-dana',
        'LR005@credential:gh-pat-dana',
        'LR009@credential:gh-pat-dana',
        'LR013@resource:checkout-repo',
        'LR015@tool:github-mcp',
      ]),
    );
    const lr009 = check('coding-agent.yaml').findings.find((f) => f.id === 'LR009@credential:gh-pat-dana')!;
    expect(lr009.message).toContain('prod-cluster:deploy');
  });

  it('flags the support agent: static keys in third-party connectors, refunds without approval', () => {
    expect(check('support-agent.yaml').failed).toBe(true);
    expect(ids('support-agent.yaml')).toEqual(
      expect.arrayContaining([
        'LR015@tool:payments-mcp',
        'LR015@tool:crm-mcp',
        'LR009@credential:payments-live-key',
        'LR004@credential:crm-api-key',
        'LR013@resource:helpdesk-settings',
      ]),
    );
  });

  it('flags the orchestrator: passthrough delegation, a chain too deep, a derived token that outlives its parent', () => {
    expect(check('orchestrator.yaml').failed).toBe(true);
    expect(ids('orchestrator.yaml')).toEqual(
      expect.arrayContaining([
        'LR006@delegation:orchestrator/coder',
        'LR008@delegation:release-manager/deployer',
        'LR011@credential:deploy-token',
        'LR009@credential:orch-oauth-token',
      ]),
    );
  });

  it('flags the data analyst: one static key across prod and staging, export without approval, unused grants', () => {
    expect(check('data-analyst.yaml').failed).toBe(true);
    expect(ids('data-analyst.yaml')).toEqual(
      expect.arrayContaining([
        'LR001@credential:analytics-sa-key',
        'LR002@credential:analytics-sa-key',
        'LR003@credential:analytics-sa-key',
        'LR004@credential:analytics-sa-key',
        'LR009@credential:analytics-sa-key',
      ]),
    );
  });

  it('the command line agrees: exit 0 on the hardened model, 1 on the folder', () => {
    expect(cli(['check', 'models/hardened.yaml']).code).toBe(0);
    expect(cli(['check', 'models']).code).toBe(1);
  });
});
