/** Shapes of what the console reads from the API (see packages/core/schema.graphql). */
export type IsolationTier = 'POOLED' | 'SILOED';
export type TenantStatus = 'ACTIVE' | 'SUSPENDED' | 'OFFBOARDED';
export type TenantRole = 'TENANT_ADMIN' | 'SUPERVISOR' | 'AGENT';
export type ProviderRole = 'PROVIDER_ADMIN' | 'PROVIDER_AGENT';
export type UserStatus = 'INVITED' | 'ACTIVE' | 'DISABLED';
export type ApiScope =
  'TENANT_READ' | 'USERS_READ' | 'USERS_WRITE' | 'AUDIT_READ' | 'CUSTOMER_SESSIONS_WRITE';

export const TENANT_ROLES: readonly TenantRole[] = ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'];
export const PROVIDER_ROLES: readonly ProviderRole[] = ['PROVIDER_ADMIN', 'PROVIDER_AGENT'];
export const API_SCOPES: readonly ApiScope[] = [
  'TENANT_READ',
  'USERS_READ',
  'USERS_WRITE',
  'AUDIT_READ',
  'CUSTOMER_SESSIONS_WRITE',
];
export const TENANT_STATUSES: readonly TenantStatus[] = ['ACTIVE', 'SUSPENDED', 'OFFBOARDED'];
export const ISOLATION_TIERS: readonly IsolationTier[] = ['POOLED', 'SILOED'];

export interface PlanLimits {
  seats: number;
  apiRatePerMinute: number;
  storageMb: number;
}

export interface TenantUsage {
  users: number;
  apiKeys: number;
  requestsToday: number;
  rateLimitedToday: number;
}

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  tier: IsolationTier;
  status: TenantStatus;
  plan: PlanLimits;
  locale: string;
  timeZone: string;
  createdAt: string;
  suspendedAt: string | null;
  suspendedReason: string | null;
  usage: TenantUsage;
}

export interface Membership {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: TenantRole;
  staffed: boolean;
}

export interface User {
  id: string;
  email: string;
  name: string;
  status: UserStatus;
  role: TenantRole | null;
  providerRole: ProviderRole | null;
  staffedOn: Membership[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ViewerTenant {
  id: string;
  name: string;
  slug: string;
  status: TenantStatus;
  tier: IsolationTier;
  locale: string;
  timeZone: string;
}

export interface Viewer {
  user: Pick<User, 'id' | 'email' | 'name' | 'status'>;
  tenant: ViewerTenant | null;
  role: TenantRole | null;
  providerRole: ProviderRole | null;
  memberships: Membership[];
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  viewer: Viewer;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyWithSecret {
  apiKey: ApiKey;
  secret: string;
}

export interface InvitationLink {
  url: string;
  token: string;
  email: string;
  expiresAt: string;
}

export interface InvitationInfo {
  email: string;
  tenantName: string | null;
  role: TenantRole | null;
  providerRole: ProviderRole | null;
  expiresAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  tenantId: string | null;
  actor: { type: string; id: string; display: string };
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilter {
  tenantId?: string | null;
  action?: string | null;
  actorId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface OnboardTenantInput {
  name: string;
  slug: string;
  tier: IsolationTier;
  plan: PlanLimits;
  locale: string;
  timeZone: string;
  adminEmail: string;
  adminName?: string | null;
}

export interface OnboardTenantPayload {
  tenant: Tenant;
  invitation: InvitationLink;
  apiKey: ApiKeyWithSecret;
}

export interface OffboardTenantPayload {
  tenant: Tenant;
  exportId: string;
  exportedDocuments: number;
}
