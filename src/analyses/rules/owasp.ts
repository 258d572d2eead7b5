/**
 * The two OWASP lists the rules map to, with their official ids and names as
 * their sources publish them, pinned to their versions: OWASP Non-Human
 * Identities Top 10 (2025) and OWASP Top 10 for Agentic Applications (2026).
 * The one table of names: rules, reports and docs/rules.md read it.
 */

export interface OwaspList {
  readonly title: string;
  readonly url: string;
}

export const NHI_TOP10: OwaspList = {
  title: 'OWASP Non-Human Identities Top 10 (2025)',
  url: 'https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025/',
};

export const ASI_TOP10: OwaspList = {
  title: 'OWASP Top 10 for Agentic Applications (2026)',
  url: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
};

export const NHI_TOP10_VERSION = NHI_TOP10.title;
export const ASI_TOP10_VERSION = ASI_TOP10.title;

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
  ASI05: 'Unexpected Code Execution (RCE)',
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

/** `NHI7 Long-Lived Secrets; ASI03 Identity and Privilege Abuse`, or `none` for a rule that maps to neither list. */
export function owaspLine(mapping: { readonly nhi: readonly NhiId[]; readonly asi: readonly AsiId[] }): string {
  const parts = [mapping.nhi.map(nhiLabel).join(', '), mapping.asi.map(asiLabel).join(', ')].filter((s) => s !== '');
  return parts.length > 0 ? parts.join('; ') : 'none';
}
