import type { CredentialKindInfo } from '../credential-kinds.js';
import { GITLAB_TOKEN_OVERVIEW, RFC6750_BEARER } from './sources.js';

export const gitlabPersonalAccessToken: CredentialKindInfo = {
  id: 'gitlab-personal-access-token',
  title: 'GitLab personal access token (glpat-...)',
  provider: 'GitLab',
  defaults: { ttl: '365d', issuance: 'static', subject: 'human' },
  notes:
    'A personal access token acts as the user who created it. Since GitLab 16.0 every token must expire, at most 365 days after creation by default (an administrator of a self-managed instance can lift the requirement: write ttl). GitLab revokes one its secret detection finds in a public project on GitLab Ultimate, and the API can revoke or rotate one. Project and group access tokens share the glpat- prefix.',
  sources: [
    {
      title:
        'GitLab Docs: Personal access tokens (attached to a user; tokens without an expiry date removed in GitLab 16.0; maximum allowable lifetime 365 days by default; revoke or rotate through the API)',
      url: 'https://docs.gitlab.com/user/profile/personal_access_tokens/',
      backs: ['ttl', 'subject', 'issuance', 'capabilities.issuance', 'capabilities.revocableByApi'],
    },
    {
      title:
        'GitLab Docs: Automatic response to leaked secrets (GitLab personal access tokens found by secret detection in public projects are immediately revoked and the owner emailed; GitLab Ultimate)',
      url: 'https://docs.gitlab.com/user/application_security/secret_detection/automatic_response/',
      backs: ['capabilities.revokedWhenPublic'],
    },
    {
      title:
        'GitLab Docs: Project access tokens (scoped to one project, held by a bot user, with a role and an expiry)',
      url: 'https://docs.gitlab.com/user/project/settings/project_access_tokens/',
      backs: ['capabilities.replacements'],
    },
    GITLAB_TOKEN_OVERVIEW,
    RFC6750_BEARER,
  ],
  capabilities: {
    bindings: ['bearer'],
    issuance: ['static'],
    revocableByApi: true,
    revokedWhenPublic: true,
    replacements: [
      {
        kind: 'gitlab-project-access-token',
        takes:
          "a project access token (a bot user) on the one project the agent works on, with the role and scopes its workflows use, in place of the person's token",
      },
    ],
  },
  prefixes: ['glpat-'],
};
