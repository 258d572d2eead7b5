import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITLAB_TOKEN_OVERVIEW, RFC6750_BEARER } from './sources.js';

export const gitlabProjectAccessToken: CredentialKindInfo = {
  id: 'gitlab-project-access-token',
  title: 'GitLab project access token (glpat-...)',
  provider: 'GitLab',
  defaults: { ttl: '365d', issuance: 'static', subject: 'workload' },
  notes:
    'A project access token is held by a bot user of one project, with a role and scopes chosen at creation; it must expire, at most 365 days after creation by default. The project access tokens API can revoke or rotate it. Its value starts with glpat-, like a personal access token.',
  sources: [
    {
      title:
        'GitLab Docs: Project access tokens (scoped to a project; a bot user is created for the token; expiry required, 365 days at most by default; revoke or rotate through the API)',
      url: 'https://docs.gitlab.com/user/project/settings/project_access_tokens/',
      backs: ['ttl', 'subject', 'issuance', 'capabilities.issuance', 'capabilities.revocableByApi'],
    },
    GITLAB_TOKEN_OVERVIEW,
    RFC6750_BEARER,
  ],
  capabilities: { bindings: ['bearer'], issuance: ['static'], revocableByApi: true },
  prefixes: ['glpat-'],
};
