/**
 * Every GraphQL operation the console sends. Keep them here (and only here): the unit test
 * `documents.test.ts` validates each against packages/core/schema.graphql.
 * Field selections are spelled out per operation rather than shared as fragments, so each
 * document is self-contained and readable on its own.
 */
import { mutation, query } from './operation';
import type {
  ApiKey,
  ApiKeyWithSecret,
  ApiScope,
  AuditEntry,
  AuditFilter,
  AuthPayload,
  InvitationInfo,
  InvitationLink,
  IsolationTier,
  OffboardTenantPayload,
  OnboardTenantInput,
  OnboardTenantPayload,
  Page,
  PlanLimits,
  ProviderRole,
  Tenant,
  TenantRole,
  TenantStatus,
  User,
  Viewer,
} from './types';

const VIEWER_FIELDS = `
  user { id email name status }
  tenant { id name slug status tier locale timeZone }
  role
  providerRole
  memberships { tenantId tenantName tenantSlug role staffed }
`;

const AUTH_PAYLOAD_FIELDS = `
  accessToken
  refreshToken
  expiresAt
  viewer { ${VIEWER_FIELDS} }
`;

const TENANT_FIELDS = `
  id name slug tier status locale timeZone createdAt suspendedAt suspendedReason
  plan { seats apiRatePerMinute storageMb }
  usage { users apiKeys requestsToday rateLimitedToday }
`;

const USER_FIELDS = `
  id email name status role providerRole lastLoginAt createdAt
  staffedOn { tenantId tenantName tenantSlug role staffed }
`;

const API_KEY_FIELDS = `id name prefix scopes createdAt lastUsedAt revokedAt`;

const INVITATION_LINK_FIELDS = `url token email expiresAt`;

// ---- session ---------------------------------------------------------------------------------

export const LoginMutation = mutation<{ login: AuthPayload }, { email: string; password: string }>(
  'Login',
  `mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { ${AUTH_PAYLOAD_FIELDS} }
  }`,
);

export const RefreshSessionMutation = mutation<{ refreshSession: AuthPayload }, { refreshToken: string }>(
  'RefreshSession',
  `mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) { ${AUTH_PAYLOAD_FIELDS} }
  }`,
);

export const LogoutMutation = mutation<{ logout: boolean }>('Logout', `mutation Logout { logout }`);

export const SwitchTenantMutation = mutation<{ switchTenant: AuthPayload }, { tenantId: string | null }>(
  'SwitchTenant',
  `mutation SwitchTenant($tenantId: ID) {
    switchTenant(tenantId: $tenantId) { ${AUTH_PAYLOAD_FIELDS} }
  }`,
);

export const ViewerQuery = query<{ viewer: Viewer }>(
  'Viewer',
  `query Viewer { viewer { ${VIEWER_FIELDS} } }`,
);

export const ChangePasswordMutation = mutation<
  { changePassword: boolean },
  { currentPassword: string; newPassword: string }
>(
  'ChangePassword',
  `mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }`,
);

export const InvitationQuery = query<{ invitation: InvitationInfo }, { token: string }>(
  'Invitation',
  `query Invitation($token: String!) {
    invitation(token: $token) { email tenantName role providerRole expiresAt }
  }`,
);

export const AcceptInvitationMutation = mutation<
  { acceptInvitation: AuthPayload },
  { token: string; name: string; password: string }
>(
  'AcceptInvitation',
  `mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
    acceptInvitation(token: $token, name: $name, password: $password) { ${AUTH_PAYLOAD_FIELDS} }
  }`,
);

// ---- provider: tenants -----------------------------------------------------------------------

export interface TenantsVariables {
  search?: string | null;
  status?: TenantStatus | null;
  tier?: IsolationTier | null;
  page?: number;
  pageSize?: number;
}

export const TenantsQuery = query<{ tenants: Page<Tenant> }, TenantsVariables>(
  'Tenants',
  `query Tenants($search: String, $status: TenantStatus, $tier: IsolationTier, $page: Int, $pageSize: Int) {
    tenants(search: $search, status: $status, tier: $tier, page: $page, pageSize: $pageSize) {
      total page pageSize
      items { ${TENANT_FIELDS} }
    }
  }`,
);

/** Light list for pickers (tenant filter, staffing). */
export const TenantOptionsQuery = query<
  { tenants: Page<Pick<Tenant, 'id' | 'name' | 'slug' | 'status'>> },
  { search?: string | null; pageSize?: number }
>(
  'TenantOptions',
  `query TenantOptions($search: String, $pageSize: Int) {
    tenants(search: $search, page: 1, pageSize: $pageSize) {
      total page pageSize
      items { id name slug status }
    }
  }`,
);

export const TenantQuery = query<{ tenant: Tenant }, { id: string }>(
  'Tenant',
  `query Tenant($id: ID!) { tenant(id: $id) { ${TENANT_FIELDS} } }`,
);

export const OnboardTenantMutation = mutation<
  { onboardTenant: OnboardTenantPayload },
  { input: OnboardTenantInput }
>(
  'OnboardTenant',
  `mutation OnboardTenant($input: OnboardTenantInput!) {
    onboardTenant(input: $input) {
      tenant { ${TENANT_FIELDS} }
      invitation { ${INVITATION_LINK_FIELDS} }
      apiKey { secret apiKey { ${API_KEY_FIELDS} } }
    }
  }`,
);

export const UpdateTenantPlanMutation = mutation<
  { updateTenantPlan: Tenant },
  { id: string; plan: PlanLimits }
>(
  'UpdateTenantPlan',
  `mutation UpdateTenantPlan($id: ID!, $plan: PlanLimitsInput!) {
    updateTenantPlan(id: $id, plan: $plan) { ${TENANT_FIELDS} }
  }`,
);

export const SuspendTenantMutation = mutation<{ suspendTenant: Tenant }, { id: string; reason: string }>(
  'SuspendTenant',
  `mutation SuspendTenant($id: ID!, $reason: String!) {
    suspendTenant(id: $id, reason: $reason) { ${TENANT_FIELDS} }
  }`,
);

export const ResumeTenantMutation = mutation<{ resumeTenant: Tenant }, { id: string }>(
  'ResumeTenant',
  `mutation ResumeTenant($id: ID!) { resumeTenant(id: $id) { ${TENANT_FIELDS} } }`,
);

export const OffboardTenantMutation = mutation<
  { offboardTenant: OffboardTenantPayload },
  { id: string; confirmSlug: string }
>(
  'OffboardTenant',
  `mutation OffboardTenant($id: ID!, $confirmSlug: String!) {
    offboardTenant(id: $id, confirmSlug: $confirmSlug) {
      exportId exportedDocuments
      tenant { ${TENANT_FIELDS} }
    }
  }`,
);

export const RotateTenantApiKeysMutation = mutation<
  { rotateTenantApiKeys: ApiKeyWithSecret[] },
  { tenantId: string }
>(
  'RotateTenantApiKeys',
  `mutation RotateTenantApiKeys($tenantId: ID!) {
    rotateTenantApiKeys(tenantId: $tenantId) { secret apiKey { ${API_KEY_FIELDS} } }
  }`,
);

// ---- provider: people ------------------------------------------------------------------------

export const ProviderUsersQuery = query<
  { providerUsers: Page<User> },
  { search?: string | null; page?: number; pageSize?: number }
>(
  'ProviderUsers',
  `query ProviderUsers($search: String, $page: Int, $pageSize: Int) {
    providerUsers(search: $search, page: $page, pageSize: $pageSize) {
      total page pageSize
      items { ${USER_FIELDS} }
    }
  }`,
);

export const InviteProviderUserMutation = mutation<
  { inviteProviderUser: InvitationLink },
  { email: string; name: string; role: ProviderRole }
>(
  'InviteProviderUser',
  `mutation InviteProviderUser($email: String!, $name: String!, $role: ProviderRole!) {
    inviteProviderUser(email: $email, name: $name, role: $role) { ${INVITATION_LINK_FIELDS} }
  }`,
);

export const StaffAgentMutation = mutation<
  { staffAgent: User },
  { userId: string; tenantId: string; role: TenantRole }
>(
  'StaffAgent',
  `mutation StaffAgent($userId: ID!, $tenantId: ID!, $role: TenantRole!) {
    staffAgent(userId: $userId, tenantId: $tenantId, role: $role) { ${USER_FIELDS} }
  }`,
);

export const UnstaffAgentMutation = mutation<{ unstaffAgent: User }, { userId: string; tenantId: string }>(
  'UnstaffAgent',
  `mutation UnstaffAgent($userId: ID!, $tenantId: ID!) {
    unstaffAgent(userId: $userId, tenantId: $tenantId) { ${USER_FIELDS} }
  }`,
);

// ---- audit -----------------------------------------------------------------------------------

export const AuditLogQuery = query<
  { auditLog: Page<AuditEntry> },
  { filter?: AuditFilter | null; page?: number; pageSize?: number }
>(
  'AuditLog',
  `query AuditLog($filter: AuditFilter, $page: Int, $pageSize: Int) {
    auditLog(filter: $filter, page: $page, pageSize: $pageSize) {
      total page pageSize
      items {
        id at tenantId action targetType targetId before after requestId
        actor { type id display }
      }
    }
  }`,
);

// ---- tenant ----------------------------------------------------------------------------------

export const CurrentTenantQuery = query<{ currentTenant: Tenant }>(
  'CurrentTenant',
  `query CurrentTenant { currentTenant { ${TENANT_FIELDS} } }`,
);

export const UsersQuery = query<
  { users: Page<User> },
  { search?: string | null; page?: number; pageSize?: number }
>(
  'Users',
  `query Users($search: String, $page: Int, $pageSize: Int) {
    users(search: $search, page: $page, pageSize: $pageSize) {
      total page pageSize
      items { ${USER_FIELDS} }
    }
  }`,
);

export const InviteUserMutation = mutation<
  { inviteUser: InvitationLink },
  { email: string; name: string; role: TenantRole }
>(
  'InviteUser',
  `mutation InviteUser($email: String!, $name: String!, $role: TenantRole!) {
    inviteUser(email: $email, name: $name, role: $role) { ${INVITATION_LINK_FIELDS} }
  }`,
);

export const UpdateUserRoleMutation = mutation<
  { updateUserRole: User },
  { userId: string; role: TenantRole }
>(
  'UpdateUserRole',
  `mutation UpdateUserRole($userId: ID!, $role: TenantRole!) {
    updateUserRole(userId: $userId, role: $role) { ${USER_FIELDS} }
  }`,
);

export const RemoveUserMutation = mutation<{ removeUser: boolean }, { userId: string }>(
  'RemoveUser',
  `mutation RemoveUser($userId: ID!) { removeUser(userId: $userId) }`,
);

export const ApiKeysQuery = query<{ apiKeys: ApiKey[] }>(
  'ApiKeys',
  `query ApiKeys { apiKeys { ${API_KEY_FIELDS} } }`,
);

export const CreateApiKeyMutation = mutation<
  { createApiKey: ApiKeyWithSecret },
  { name: string; scopes: ApiScope[] }
>(
  'CreateApiKey',
  `mutation CreateApiKey($name: String!, $scopes: [ApiScope!]!) {
    createApiKey(name: $name, scopes: $scopes) { secret apiKey { ${API_KEY_FIELDS} } }
  }`,
);

export const RevokeApiKeyMutation = mutation<{ revokeApiKey: ApiKey }, { id: string }>(
  'RevokeApiKey',
  `mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ${API_KEY_FIELDS} } }`,
);
