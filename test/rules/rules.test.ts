/**
 * Every rule on a small hand-made model that triggers it and one that does
 * not. Expected locations are read from the model text (`at`), so a finding
 * pointing at the wrong node fails.
 */
import { describe, expect, it } from 'vitest';
import { at, findingsOf, policy, summary } from '../helpers/check.js';

describe('LR001 long-lived credential held by an autonomous agent', () => {
  const model = (ttl: string, extra = '') => `version: 1
agents:
  - id: coder
    owner: dev
    purpose: fix tests
    environment: prod
    credentials: [pat]${extra}
credentials:
  - id: pat
    ttl: ${ttl}
`;

  it('flags a ttl above the maximum for the environment, at the ttl', () => {
    const yaml = model('90d');
    expect(summary(findingsOf('LR001', yaml))).toEqual([
      { id: 'LR001@credential:pat', severity: 'high', ...at(yaml, '90d') },
    ]);
  });

  it('flags a credential that never expires', () => {
    const yaml = model('never');
    const [f] = findingsOf('LR001', yaml);
    expect(f).toMatchObject({ id: 'LR001@credential:pat', ...at(yaml, 'never') });
    expect(f.message).toContain('never expires');
  });

  it('passes a short-lived credential', () => {
    expect(findingsOf('LR001', model('1h'))).toEqual([]);
  });

  it("passes the same credential when a person confirms the agent's actions", () => {
    expect(findingsOf('LR001', model('never', '\n    autonomy: human-in-the-loop'))).toEqual([]);
  });

  it('uses the policy maximum of the environment, else its default', () => {
    // Default policy: prod 12h, default 24h. A 20h credential passes in staging, fails in prod.
    expect(findingsOf('LR001', model('20h'))).toHaveLength(1);
    expect(findingsOf('LR001', model('20h').replace('environment: prod', 'environment: staging'))).toEqual([]);
    const strict = policy('kind: policy\nversion: 1\nthresholds: { maxTtl: { prod: 30m } }\n');
    expect(findingsOf('LR001', model('1h'), strict)).toHaveLength(1);
  });

  it('counts the refresh limit of a refreshable credential, and points at it', () => {
    const yaml = model('1h').replace('ttl: 1h', 'ttl: 1h\n    maxLifetime: 30d');
    expect(summary(findingsOf('LR001', yaml))).toEqual([
      { id: 'LR001@credential:pat', severity: 'high', ...at(yaml, '30d') },
    ]);
  });
});

describe('LR002 credential reused across environments', () => {
  const model = (envs: string, agentEnv = 'prod') => `version: 1
agents:
  - { id: a, owner: o, purpose: p, environment: ${agentEnv}, credentials: [key] }
credentials:
  - id: key
    ttl: 1h
    environments: ${envs}
`;

  it('flags a credential listed in two environments, at its environments', () => {
    const yaml = model('[prod, staging]');
    expect(summary(findingsOf('LR002', yaml))).toEqual([
      { id: 'LR002@credential:key', severity: 'high', ...at(yaml, '[prod, staging]') },
    ]);
  });

  it('flags a prod credential used by an agent running in another environment', () => {
    expect(findingsOf('LR002', model('[prod]', 'dev'))[0].message).toContain('"dev" and "prod"');
  });

  it('passes a credential used in one environment', () => {
    expect(findingsOf('LR002', model('[prod]'))).toEqual([]);
  });
});

describe('LR003 credential shared by several agents or tools', () => {
  it('flags a credential two agents hold, at the credential', () => {
    const yaml = `version: 1
agents:
  - { id: a, owner: o, purpose: p, credentials: [key] }
  - { id: b, owner: o, purpose: p, credentials: [key] }
credentials:
  - id: key
    ttl: 1h
`;
    expect(summary(findingsOf('LR003', yaml))).toEqual([
      { id: 'LR003@credential:key', severity: 'medium', ...at(yaml, 'id: key') },
    ]);
  });

  it('flags a tool credential that two agents use through the tool', () => {
    const yaml = `version: 1
agents:
  - { id: a, owner: o, purpose: p, tools: [t] }
  - { id: b, owner: o, purpose: p, tools: [t] }
tools:
  - { id: t, kind: api, credential: key }
credentials:
  - { id: key, ttl: 1h }
`;
    expect(findingsOf('LR003', yaml).map((f) => f.id)).toEqual(['LR003@credential:key']);
  });

  it("passes one agent acting with its own tool's credential", () => {
    const yaml = `version: 1
agents:
  - { id: a, owner: o, purpose: p, tools: [t], credentials: [key] }
tools:
  - { id: t, kind: api, credential: key }
credentials:
  - { id: key, ttl: 1h }
`;
    expect(findingsOf('LR003', yaml)).toEqual([]);
  });
});

describe('LR004 granted actions no workflow uses', () => {
  const model = (steps: string) => `version: 1
agents:
  - { id: a, owner: o, purpose: p, credentials: [key] }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - id: key
    ttl: 1h
    grants:
      - { resource: repo, actions: [read, write] }
workflows:
  - id: w
    agent: a
    duration: 10m
    steps:
${steps}`;

  it('flags the unused action, at the action', () => {
    const yaml = model('      - { resource: repo, action: read }\n');
    const findings = findingsOf('LR004', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR004@credential:key', severity: 'medium', ...at(yaml, 'write') }]);
    expect(findings[0].message).toContain('repo:write');
  });

  it('passes when the workflows use every granted action', () => {
    expect(
      findingsOf(
        'LR004',
        model('      - { resource: repo, action: read }\n      - { resource: repo, action: write }\n'),
      ),
    ).toEqual([]);
  });

  it('says nothing about a model without workflows', () => {
    const yaml = model('      - { resource: repo, action: read }\n').replace(/workflows:[\s\S]*$/, '');
    expect(findingsOf('LR004', yaml)).toEqual([]);
  });
  it('never proposes dropping a grant that a credential minted from it needs', () => {
    // a hands b a token exchanged from key (derivedFrom): the exchange can only hand on what key holds, so key's
    // read is needed by b's workflow through the minted token; key's write is used by nobody.
    const yaml = `version: 1
agents:
  - { id: a, owner: o, purpose: p, credentials: [key], delegates: [{ to: b, mode: exchange, credential: minted }] }
  - { id: b, owner: o, purpose: p }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - { id: key, ttl: 1h, grants: [{ resource: repo, actions: [read, write] }] }
  - { id: minted, ttl: 10m, derivedFrom: key, grants: [{ resource: repo, actions: [read] }] }
workflows:
  - { id: w, agent: a, duration: 10m, steps: [{ delegate: b }] }
  - { id: v, agent: b, duration: 5m, steps: [{ resource: repo, action: read, credential: minted }] }
`;
    const findings = findingsOf('LR004', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR004@credential:key', severity: 'medium', ...at(yaml, 'write') }]);
    expect(findings[0].message).toBe('credential "key" grants 1 action no workflow uses: repo:write');
  });
});

describe('LR005 bearer credential exposed through prompt context, logs or other channels', () => {
  const model = (binding: string, exposure: string) => `version: 1
credentials:
  - id: key
    ttl: 1h
    binding: ${binding}
    exposure: ${exposure}
`;

  it('flags a bearer credential with leak channels, at its exposure', () => {
    const yaml = model('bearer', '[logs, prompt-context]');
    expect(summary(findingsOf('LR005', yaml))).toEqual([
      { id: 'LR005@credential:key', severity: 'high', ...at(yaml, '[logs, prompt-context]') },
    ]);
  });

  it('passes a sender-constrained credential with the same channels', () => {
    expect(findingsOf('LR005', model('sender-constrained', '[logs, prompt-context]'))).toEqual([]);
  });

  it('passes a bearer credential that passes through no channel', () => {
    expect(findingsOf('LR005', model('bearer', '[]'))).toEqual([]);
  });
});

describe('LR006 delegation by passthrough', () => {
  const model = (mode: string) => `version: 1
agents:
  - id: boss
    owner: o
    purpose: p
    credentials: [key]
    delegates:
      - { to: helper, mode: ${mode} }
  - { id: helper, owner: o, purpose: p }
credentials:
  - { id: key, ttl: 1h }
  - { id: minted, ttl: 5m, derivedFrom: key, revokedWithParent: true }
`;

  it('flags the passthrough, at its mode', () => {
    const yaml = model('passthrough');
    expect(summary(findingsOf('LR006', yaml))).toEqual([
      { id: 'LR006@delegation:boss/helper', severity: 'high', ...at(yaml, 'passthrough') },
    ]);
  });

  it('passes delegation by token exchange', () => {
    expect(findingsOf('LR006', model('exchange, credential: minted'))).toEqual([]);
  });
});

describe('LR007 delegation that escalates', () => {
  const model = (mintedActions: string) => `version: 1
agents:
  - id: boss
    owner: o
    purpose: p
    credentials: [key]
    delegates:
      - { to: helper, mode: exchange, credential: minted }
  - { id: helper, owner: o, purpose: p }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - { id: key, ttl: 1h, grants: [{ resource: repo, actions: [read] }] }
  - { id: minted, ttl: 5m, derivedFrom: key, revokedWithParent: true, grants: [{ resource: repo, actions: ${mintedActions} }] }
`;

  it('flags a minted credential that can do more than its delegator, at the delegation', () => {
    const yaml = model('[read, write]');
    const findings = findingsOf('LR007', yaml);
    expect(summary(findings)).toEqual([
      { id: 'LR007@delegation:boss/helper', severity: 'high', ...at(yaml, '{ to: helper') },
    ]);
    expect(findings[0].message).toContain('repo:write');
  });

  it('passes a narrowed exchange', () => {
    expect(findingsOf('LR007', model('[read]'))).toEqual([]);
  });
});

describe('LR008 delegation deeper than the limit, or cyclic', () => {
  const chain = (n: number) => {
    const agents = Array.from({ length: n }, (_, i) => `a${i}`);
    const lines = agents.map((a, i) =>
      i + 1 < n
        ? `  - { id: ${a}, owner: o, purpose: p, delegates: [{ to: a${i + 1}, mode: passthrough }] }`
        : `  - { id: ${a}, owner: o, purpose: p }`,
    );
    return `version: 1\nagents:\n${lines.join('\n')}\n`;
  };

  it('flags the delegation that crosses the limit (4 hops, limit 3), at that delegation', () => {
    const yaml = chain(5); // a0 -> a1 -> a2 -> a3 -> a4: the fourth delegation, a3 -> a4, crosses the limit
    expect(summary(findingsOf('LR008', yaml))).toEqual([
      { id: 'LR008@delegation:a3/a4', severity: 'medium', ...at(yaml, '{ to: a4') },
    ]);
  });

  it('passes a chain at the limit, and a deeper one when the policy allows it', () => {
    expect(findingsOf('LR008', chain(4))).toEqual([]);
    expect(
      findingsOf('LR008', chain(5), policy('kind: policy\nversion: 1\nthresholds: { maxDelegationDepth: 4 }\n')),
    ).toEqual([]);
  });

  it('flags a loop once, named by its agents in sorted order whatever the file order', () => {
    const yaml = `version: 1
agents:
  - { id: zed, owner: o, purpose: p, delegates: [{ to: amy, mode: passthrough }] }
  - { id: amy, owner: o, purpose: p, delegates: [{ to: zed, mode: passthrough }] }
`;
    expect(summary(findingsOf('LR008', yaml))).toEqual([
      { id: 'LR008@cycle:amy/zed', severity: 'medium', ...at(yaml, '{ to: zed') },
    ]);
  });
});

describe('LR009 leaked-token path to a high-impact action without approval', () => {
  const model = (grant: string) => `version: 1
detection: { default: 1h }
response: { manual: 1h, automated: 1m }
resources:
  - { id: cluster, kind: cluster, sensitivity: critical }
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
credentials:
  - id: pat
    ttl: 1h
    grants:
      - ${grant}
  - { id: deploy-key, ttl: 30d, grants: [{ resource: cluster, actions: [deploy] }] }
`;

  it('flags a credential whose leak reaches deploy on a critical resource, at the credential', () => {
    const yaml = model('{ resource: cluster, actions: [deploy] }');
    const findings = findingsOf('LR009', yaml);
    expect(summary(findings).find((f) => f.id === 'LR009@credential:pat')).toEqual({
      id: 'LR009@credential:pat',
      severity: 'critical',
      ...at(yaml, 'id: pat'),
    });
    expect(findings[0].message).toContain('cluster:deploy');
  });

  it('follows the simulation through a harvested secret', () => {
    // pat reads the repo, which stores deploy-key, which deploys to the cluster.
    const findings = findingsOf('LR009', model('{ resource: repo, actions: [read] }'));
    expect(findings.map((f) => f.id)).toEqual(['LR009@credential:pat', 'LR009@credential:deploy-key']);
  });

  it('passes when a person approves each deploy', () => {
    const findings = findingsOf('LR009', model('{ resource: cluster, actions: [deploy], approval: [deploy] }'));
    expect(findings.map((f) => f.id)).toEqual(['LR009@credential:deploy-key']);
  });
});

describe('LR010 revocation manual or none while the exposure window exceeds the limit', () => {
  const model = (mode: string, ttl = '30d') => `version: 1
detection: { default: 3d }
response: { manual: 8h, automated: 2m }
credentials:
  - id: key
    ttl: ${ttl}
    revocation: { mode: ${mode}, propagation: 0s }
`;

  it('flags manual revocation when detection plus response exceeds 24h, at the mode', () => {
    const yaml = model('manual');
    const findings = findingsOf('LR010', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR010@credential:key', severity: 'high', ...at(yaml, 'manual', 2) }]);
    // 3d detection + 8h manual response = 3d8h.
    expect(findings[0].message).toContain('3d8h');
  });

  it('passes automated revocation', () => {
    // 3d + 2m: over 24h, but revocation is not manual: LR010 is about the human bottleneck.
    expect(findingsOf('LR010', model('automated'))).toEqual([]);
  });

  it('passes manual revocation when expiry bounds the window', () => {
    expect(findingsOf('LR010', model('none', '1h'))).toEqual([]);
  });
});

describe('LR011 derived tokens outlive their parent', () => {
  const model = (withParent: string) => `version: 1
credentials:
  - { id: parent, ttl: 1h }
  - id: child
    ttl: 12h
    derivedFrom: parent
    revokedWithParent: ${withParent}
`;

  it('flags a derived token that is not revoked with its parent, at revokedWithParent', () => {
    const yaml = model('false');
    expect(summary(findingsOf('LR011', yaml))).toEqual([
      { id: 'LR011@credential:child', severity: 'medium', ...at(yaml, 'false') },
    ]);
  });

  it('points at derivedFrom when revokedWithParent is left to its default', () => {
    const yaml = model('false').replace('    revokedWithParent: false\n', '');
    expect(summary(findingsOf('LR011', yaml))).toEqual([
      { id: 'LR011@credential:child', severity: 'medium', ...at(yaml, 'parent', 2) },
    ]);
  });

  it('passes a derived token revoked with its parent', () => {
    expect(findingsOf('LR011', model('true'))).toEqual([]);
  });

  it('says what happens when the parent itself cannot be revoked', () => {
    // The parent is revoked by hand by default: the child outlives its revocation by its own 12h.
    expect(findingsOf('LR011', model('false'))[0].message).toContain(
      'one minted just before "parent" is revoked stays valid for up to 12h',
    );
    // Never revoked, the parent stops at its expiry (1h): the child lasts 12h past that.
    const none = model('false').replace(
      '{ id: parent, ttl: 1h }',
      '{ id: parent, ttl: 1h, revocation: { mode: none } }',
    );
    expect(findingsOf('LR011', none)[0].message).toContain(
      '"parent" cannot be revoked; one minted just before it expires stays valid for up to 12h after it',
    );
    // Never revoked and never expiring: minting never stops.
    const forever = none.replace('ttl: 1h, revocation', 'ttl: never, revocation');
    expect(findingsOf('LR011', forever)[0].message).toContain(
      '"parent" can be neither revoked nor expire, so whoever holds it keeps minting new ones',
    );
  });
});

describe('LR012 agent with no owner or purpose', () => {
  it('flags an agent without an owner, at the agent', () => {
    const yaml = 'version: 1\nagents:\n  - id: ghost\n    purpose: something\n';
    const findings = findingsOf('LR012', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR012@agent:ghost', severity: 'medium', ...at(yaml, 'id: ghost') }]);
    expect(findings[0].message).toContain('no owner');
  });

  it('counts a blank purpose as none', () => {
    expect(
      findingsOf('LR012', 'version: 1\nagents:\n  - { id: a, owner: team, purpose: "  " }\n')[0].message,
    ).toContain('no purpose');
  });

  it('passes an agent with both', () => {
    expect(findingsOf('LR012', 'version: 1\nagents:\n  - { id: a, owner: team, purpose: triage }\n')).toEqual([]);
  });
});

describe('LR013 resource storing credentials readable by an agent credential', () => {
  const model = (grant: string) => `version: 1
agents:
  - { id: a, owner: o, purpose: p, credentials: [pat] }
resources:
  - id: repo
    kind: repository
    sensitivity: high
    holds: [deploy-key]
credentials:
  - { id: pat, ttl: 1h, grants: [${grant}] }
  - { id: deploy-key, ttl: 1h }
`;

  it('flags the resource, at its holds', () => {
    const yaml = model('{ resource: repo, actions: [read] }');
    expect(summary(findingsOf('LR013', yaml))).toEqual([
      { id: 'LR013@resource:repo', severity: 'high', ...at(yaml, '[deploy-key]') },
    ]);
  });

  it('passes when the agent can only write to it, or must get each read approved', () => {
    expect(findingsOf('LR013', model('{ resource: repo, actions: [write] }'))).toEqual([]);
    expect(findingsOf('LR013', model('{ resource: repo, actions: [read], approval: [read] }'))).toEqual([]);
  });
});

describe("LR014 a human's credential used by an agent", () => {
  const model = (subject: string) => `version: 1
agents:
  - { id: a, owner: o, purpose: p, credentials: [pat] }
credentials:
  - id: pat
    ttl: 1h
    subject: ${subject}
`;

  it('flags it, at the subject', () => {
    const yaml = model('human');
    expect(summary(findingsOf('LR014', yaml))).toEqual([
      { id: 'LR014@credential:pat', severity: 'high', ...at(yaml, 'human') },
    ]);
  });

  it('passes a workload credential', () => {
    expect(findingsOf('LR014', model('workload'))).toEqual([]);
  });
});

describe('LR015 third-party tool with write or higher on a high or critical resource', () => {
  const model = (publisher: string, actions: string, sensitivity = 'high') => `version: 1
tools:
  - id: connector
    kind: mcp
    publisher: ${publisher}
    credential: key
resources:
  - { id: crm, kind: crm, sensitivity: ${sensitivity} }
credentials:
  - { id: key, ttl: 1h, grants: [{ resource: crm, actions: ${actions} }] }
`;

  it('flags the tool, at its credential', () => {
    const yaml = model('third-party', '[read, write]');
    const findings = findingsOf('LR015', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR015@tool:connector', severity: 'high', ...at(yaml, 'key', 1) }]);
    expect(findings[0].message).toContain('crm:write');
  });

  it('passes a first-party tool, a read-only credential, and a low-sensitivity resource', () => {
    expect(findingsOf('LR015', model('first-party', '[read, write]'))).toEqual([]);
    expect(findingsOf('LR015', model('third-party', '[read]'))).toEqual([]);
    expect(findingsOf('LR015', model('third-party', '[read, write]', 'low'))).toEqual([]);
  });
});

describe('LR016 worst-case blast-radius score above the policy maximum', () => {
  // critical (10) x (read 1 + write 2 + deploy 4 + admin 4) = 110 > 100; read and write alone: 30.
  const model = (actions: string) => `version: 1
detection: { default: 1h }
resources:
  - { id: cluster, kind: cluster, sensitivity: critical }
credentials:
  - id: key
    ttl: 1h
    grants: [{ resource: cluster, actions: ${actions} }]
`;

  it('flags a score of 110 against the default limit of 100, at the credential', () => {
    const yaml = model('[read, write, deploy, admin]');
    const findings = findingsOf('LR016', yaml);
    expect(summary(findings)).toEqual([{ id: 'LR016@credential:key', severity: 'high', ...at(yaml, 'id: key') }]);
    expect(findings[0].message).toContain('score of 110');
  });

  it('passes a smaller blast radius, and the larger one under a higher limit', () => {
    expect(findingsOf('LR016', model('[read, write]'))).toEqual([]);
    expect(
      findingsOf(
        'LR016',
        model('[read, write, deploy, admin]'),
        policy('kind: policy\nversion: 1\nthresholds: { maxBlastRadiusScore: 110 }\n'),
      ),
    ).toEqual([]);
  });
});
