/**
 * The two OWASP lists the rules map to, with their official names pinned to
 * their versions: OWASP Non-Human Identities Top 10 (2025) and OWASP Top 10
 * for Agentic Applications (2026).
 */

export const NHI_TOP10_VERSION = 'OWASP Non-Human Identities Top 10 (2025)';
export const ASI_TOP10_VERSION = 'OWASP Top 10 for Agentic Applications (2026)';

export const NHI = {
  NHI1: 'Improper Offboarding',
  NHI2: 'Secret Leakage',
  NHI3: 'Vulnerable Third-Party NHI',
  NHI4: 'Insecure Authentication',
  NHI5: 'Overprivileged NHI',
  NHI6: 'Insecure Cloud Deployment Configurations',
  NHI7: 'Long-Lived Secrets',
  NHI8: 'Environment Isolation',
  NHI9: 'NHI Reuse',
  NHI10: 'Human Use of NHI',
} as const;

export const ASI = {
  ASI01: 'Agent Goal Hijack',
  ASI02: 'Tool Misuse and Exploitation',
  ASI03: 'Identity and Privilege Abuse',
  ASI04: 'Agentic Supply Chain Vulnerabilities',
  ASI05: 'Unexpected Code Execution',
  ASI06: 'Memory & Context Poisoning',
  ASI07: 'Insecure Inter-Agent Communication',
  ASI08: 'Cascading Failures',
  ASI09: 'Human-Agent Trust Exploitation',
  ASI10: 'Rogue Agents',
} as const;

export type NhiId = keyof typeof NHI;
export type AsiId = keyof typeof ASI;

/** `NHI7 Long-Lived Secrets` */
export function nhiLabel(id: NhiId): string {
  return `${id} ${NHI[id]}`;
}

export function asiLabel(id: AsiId): string {
  return `${id} ${ASI[id]}`;
}
