/**
 * What well-known MCP servers reach, by the package, image or address that
 * launches them. Everything here is a guess about a deployment the import
 * cannot see (the token's real scopes, the data's sensitivity), so every
 * grant and sensitivity it yields is marked assumed.
 */
import type { Sensitivity } from '../model/types.js';

export interface KnownServer {
  /** Matched against the package, image or URL that launches the server. */
  readonly pattern: RegExp;
  /** The resource it reaches (paths for a filesystem server come from its arguments instead). */
  readonly resource: {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly sensitivity: Sensitivity;
  };
  readonly actions: readonly string[];
  /** Arguments or environment settings that make it read-only. */
  readonly readOnly?: RegExp;
  /** Its non-flag arguments are paths it can reach (a filesystem server). */
  readonly pathArguments?: boolean;
}

export const KNOWN_SERVERS: readonly KnownServer[] = [
  {
    pattern: /server-github|github-mcp-server|api\.githubcopilot\.com|(^|\/)github\/github-mcp/i,
    resource: {
      id: 'github-repositories',
      name: 'GitHub repositories the token reaches',
      kind: 'repository',
      sensitivity: 'high',
    },
    actions: ['read', 'write'],
    readOnly: /--read-only|GITHUB_READ_ONLY|X-MCP-Readonly/i,
  },
  {
    pattern: /server-gitlab|gitlab-mcp|gitlab\.com\/api\/v4\/mcp/i,
    resource: {
      id: 'gitlab-projects',
      name: 'GitLab projects the token reaches',
      kind: 'repository',
      sensitivity: 'high',
    },
    actions: ['read', 'write'],
    readOnly: /--read-only|GITLAB_READ_ONLY/i,
  },
  {
    pattern: /server-filesystem|mcp-server-filesystem|filesystem-mcp|(^|\s|\/)mcp\/filesystem\b/i,
    resource: { id: 'local-files', name: 'Local files', kind: 'filesystem', sensitivity: 'medium' },
    actions: ['read', 'write', 'delete'],
    readOnly: /(^|[,:])ro($|,)|readonly|--read-only/i,
    pathArguments: true,
  },
  {
    pattern: /server-slack|slack-mcp|mcp\.slack\.com/i,
    resource: { id: 'slack-workspace', name: 'Slack workspace', kind: 'messaging', sensitivity: 'medium' },
    actions: ['read', 'write'],
  },
  {
    pattern: /server-postgres|postgres-mcp|mcp-server-postgres|server-mysql|mysql-mcp|server-sqlite|mcp-server-sqlite/i,
    resource: { id: 'database', name: 'Database', kind: 'database', sensitivity: 'high' },
    actions: ['read', 'write'],
    readOnly: /server-postgres|--read-only|access-mode[= ]restricted/i,
  },
  {
    pattern: /server-gdrive|google-drive|gdrive-mcp/i,
    resource: { id: 'google-drive', name: 'Google Drive files', kind: 'documents', sensitivity: 'high' },
    actions: ['read'],
  },
  {
    pattern: /notion/i,
    resource: { id: 'notion-workspace', name: 'Notion workspace', kind: 'documents', sensitivity: 'medium' },
    actions: ['read', 'write'],
  },
  {
    pattern: /linear/i,
    resource: { id: 'linear-workspace', name: 'Linear issues', kind: 'issue-tracker', sensitivity: 'medium' },
    actions: ['read', 'write'],
  },
  {
    pattern: /atlassian|jira|confluence/i,
    resource: { id: 'atlassian-site', name: 'Jira and Confluence', kind: 'issue-tracker', sensitivity: 'medium' },
    actions: ['read', 'write'],
  },
  {
    pattern: /sentry/i,
    resource: {
      id: 'sentry-organization',
      name: 'Sentry issues and events',
      kind: 'monitoring',
      sensitivity: 'medium',
    },
    actions: ['read'],
  },
  {
    pattern: /stripe/i,
    resource: { id: 'stripe-account', name: 'Stripe account', kind: 'payment-api', sensitivity: 'critical' },
    actions: ['read', 'write', 'payment'],
  },
  {
    pattern: /supabase/i,
    resource: { id: 'supabase-projects', name: 'Supabase projects', kind: 'database', sensitivity: 'high' },
    actions: ['read', 'write', 'admin'],
    readOnly: /--read-only/i,
  },
  {
    pattern: /aws-|awslabs|\baws\b/i,
    resource: { id: 'aws-account', name: 'AWS account', kind: 'cloud-account', sensitivity: 'critical' },
    actions: ['read', 'write'],
  },
];

/** The first known server whose pattern matches what launches it. */
export function knownServer(signature: string): KnownServer | undefined {
  return KNOWN_SERVERS.find((s) => s.pattern.test(signature));
}
