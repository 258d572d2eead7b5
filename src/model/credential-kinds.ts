// PLACEHOLDER until the catalogue lands (being written now); same interface.
export interface KindDefaults {
  ttl?: string;
  maxLifetime?: string;
  issuance?: 'static' | 'per-session' | 'per-task';
  binding?: 'bearer' | 'sender-constrained' | 'workload-bound';
  revocation?: { mode?: 'manual' | 'automated' | 'on-task-end' | 'none'; propagation?: string };
  subject?: 'human' | 'workload';
  revokedWithParent?: boolean;
}
export interface Source { title: string; url: string }
export interface CredentialKindInfo { id: string; title: string; provider: string; defaults: KindDefaults; minTtl?: string; maxTtl?: string; notes: string; sources: Source[] }
export const CREDENTIAL_KINDS: readonly CredentialKindInfo[] = [
  { id: 'aws-sts-session', title: 'AWS STS session', provider: 'AWS', defaults: { ttl: '1h', issuance: 'per-session', revocation: { mode: 'manual', propagation: '5m' } }, minTtl: '15m', maxTtl: '12h', notes: '', sources: [] },
  { id: 'personal-access-token', title: 'PAT', provider: 'generic', defaults: { subject: 'human' }, notes: '', sources: [] },
];
export function credentialKind(id: string): CredentialKindInfo | undefined { return CREDENTIAL_KINDS.find((k) => k.id === id); }
export interface DetectionDefaults { default: string; harvested: string; channels: Record<string, string>; sources: Source[]; rationale: string }
export const DETECTION_DEFAULTS: DetectionDefaults = { default: '5d', harvested: '1d', channels: {}, sources: [], rationale: '' };
export const RESPONSE_DEFAULTS = { manual: '8h', automated: '2m', rationale: '' };
