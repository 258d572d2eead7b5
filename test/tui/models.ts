/** Small hand-made models for the TUI tests; every figure is written, so no catalogue default is involved. */

const HEADER = `
version: 1
detection: { default: 3d, channels: { logs: 2d, prompt-context: 7d }, harvested: 1d }
response: { manual: 8h, automated: 2m }
`;

/**
 * One bearer token, detected through logs after 2d, revoked by hand 8h later:
 * worst case window = min(30d, 2d + 8h) = 2d8h (56 h); impact = high (5) × (read 1 + write 2) = 15;
 * time-weighted = 15 × 56 = 840; revocation lag = 2d8h − 2d = 8h. The agent's name carries an
 * escape sequence that would set the terminal title.
 */
export const TOKEN_MODEL = `${HEADER}
agents:
  - { id: bot, name: "\\u001b]0;pwned\\u0007", credentials: [token] }
resources:
  - { id: repo, kind: repository, sensitivity: high }
credentials:
  - id: token
    ttl: 30d
    issuance: static
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    exposure: [logs]
    grants:
      - { resource: repo, actions: [read, write] }
`;

/**
 * A PAT whose repository holds a deploy key. Leaked at 0 through prompt-context: detected 7d,
 * revoked 7d8h, stops 7d8h. The deploy key is harvested at 0; its detection is 7d + 1d = 8d,
 * revoked 8d8h, stops min(30d, 8d8h) = 8d8h; revocation lag = 8d8h − 7d = 1d8h.
 */
export const PAT_MODEL = `${HEADER}
agents:
  - id: coder
    credentials: [pat]
    delegates:
      - { to: helper, mode: passthrough }
  - { id: helper, credentials: [wiki-token] }
resources:
  - { id: repo, kind: repository, sensitivity: high, holds: [deploy-key] }
  - { id: cluster, kind: cluster, sensitivity: critical }
  - { id: wiki, kind: wiki, sensitivity: low }
credentials:
  - id: pat
    ttl: 90d
    issuance: static
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    exposure: [logs, prompt-context]
    grants:
      - { resource: repo, actions: [read, write] }
  - id: deploy-key
    ttl: 30d
    issuance: static
    binding: bearer
    revocation: { mode: manual, propagation: 0s }
    grants:
      - { resource: cluster, actions: [deploy] }
  - id: wiki-token
    ttl: 1h
    issuance: per-task
    binding: workload-bound
    revocation: { mode: automated, propagation: 0s }
    grants:
      - { resource: wiki, actions: [read] }
`;

export const PAT_SCENARIO = `kind: scenario
version: 1
name: PAT leaked through prompt context
model: ../models/pat.yaml
leak: { credential: pat, channel: prompt-context }
attacker: external
`;

/** A model that does not load: a misspelt field and a bad duration. */
export const BAD_MODEL = `version: 1
agents:
  - id: a
    credentals: [c]
credentials:
  - id: c
    ttl: 9x
`;

/** `count` independent bearer credentials, for the responsiveness tests. */
export function manyCredentials(count: number): string {
  const lines = [HEADER, 'resources:', '  - { id: store, kind: database, sensitivity: high }', 'credentials:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - { id: c${i}, ttl: ${1 + (i % 90)}d, binding: bearer, revocation: { mode: manual }, exposure: [logs], grants: [{ resource: store, actions: [read] }] }`,
    );
  }
  return lines.join('\n');
}
