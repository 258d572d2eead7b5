/** The catalogue in display order: one file per kind, named by its id. */
import type { CredentialKindInfo } from '../credential-kinds.js';
import { anthropicApiKey } from './anthropic-api-key.js';
import { apiKey } from './api-key.js';
import { atlassianApiToken } from './atlassian-api-token.js';
import { awsIamAccessKey } from './aws-iam-access-key.js';
import { awsStsRoleChained } from './aws-sts-role-chained.js';
import { awsStsSession } from './aws-sts-session.js';
import { awsStsWebIdentity } from './aws-sts-web-identity.js';
import { azureManagedIdentityToken } from './azure-managed-identity-token.js';
import { entraAccessToken } from './entra-access-token.js';
import { entraCaeAccessToken } from './entra-cae-access-token.js';
import { entraRefreshToken } from './entra-refresh-token.js';
import { gcpServiceAccountKey } from './gcp-service-account-key.js';
import { gcpServiceAccountToken } from './gcp-service-account-token.js';
import { gcpWorkloadIdentityFederation } from './gcp-workload-identity-federation.js';
import { githubActionsOidcToken } from './github-actions-oidc-token.js';
import { githubActionsToken } from './github-actions-token.js';
import { githubAppInstallationToken } from './github-app-installation-token.js';
import { githubAppRefreshToken } from './github-app-refresh-token.js';
import { githubAppUserToken } from './github-app-user-token.js';
import { githubClassicPat } from './github-classic-pat.js';
import { githubFineGrainedPat } from './github-fine-grained-pat.js';
import { gitlabPersonalAccessToken } from './gitlab-personal-access-token.js';
import { gitlabProjectAccessToken } from './gitlab-project-access-token.js';
import { googleOauthClientSecret } from './google-oauth-client-secret.js';
import { jwt } from './jwt.js';
import { kubernetesAutomountedServiceAccountToken } from './kubernetes-automounted-service-account-token.js';
import { kubernetesLegacyServiceAccountToken } from './kubernetes-legacy-service-account-token.js';
import { kubernetesServiceAccountToken } from './kubernetes-service-account-token.js';
import { linearApiKey } from './linear-api-key.js';
import { notionApiKey } from './notion-api-key.js';
import { oauthRefreshToken } from './oauth-refresh-token.js';
import { openaiApiKey } from './openai-api-key.js';
import { personalAccessToken } from './personal-access-token.js';
import { slackAppToken } from './slack-app-token.js';
import { slackBotToken } from './slack-bot-token.js';
import { slackRefreshToken } from './slack-refresh-token.js';
import { slackRotatingToken } from './slack-rotating-token.js';
import { slackUserToken } from './slack-user-token.js';
import { spiffeJwtSvid } from './spiffe-jwt-svid.js';
import { spiffeX509Svid } from './spiffe-x509-svid.js';
import { stripeRestrictedKey } from './stripe-restricted-key.js';
import { stripeSecretKey } from './stripe-secret-key.js';
import { supabaseSecretKey } from './supabase-secret-key.js';
import { supabaseServiceRoleKey } from './supabase-service-role-key.js';
import { vaultDynamicSecret } from './vault-dynamic-secret.js';

export const CATALOGUE: readonly CredentialKindInfo[] = [
  awsStsSession,
  awsStsRoleChained,
  awsStsWebIdentity,
  awsIamAccessKey,
  gcpServiceAccountToken,
  gcpWorkloadIdentityFederation,
  gcpServiceAccountKey,
  googleOauthClientSecret,
  entraAccessToken,
  entraCaeAccessToken,
  entraRefreshToken,
  azureManagedIdentityToken,
  githubAppInstallationToken,
  githubAppUserToken,
  githubAppRefreshToken,
  githubActionsOidcToken,
  githubActionsToken,
  githubFineGrainedPat,
  githubClassicPat,
  gitlabPersonalAccessToken,
  gitlabProjectAccessToken,
  slackBotToken,
  slackUserToken,
  slackAppToken,
  slackRotatingToken,
  slackRefreshToken,
  atlassianApiToken,
  notionApiKey,
  linearApiKey,
  openaiApiKey,
  anthropicApiKey,
  stripeSecretKey,
  stripeRestrictedKey,
  supabaseSecretKey,
  supabaseServiceRoleKey,
  spiffeX509Svid,
  spiffeJwtSvid,
  vaultDynamicSecret,
  kubernetesServiceAccountToken,
  kubernetesAutomountedServiceAccountToken,
  kubernetesLegacyServiceAccountToken,
  personalAccessToken,
  jwt,
  oauthRefreshToken,
  apiKey,
];
