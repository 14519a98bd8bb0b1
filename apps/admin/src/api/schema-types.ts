/**
 * Enums of packages/core/schema.graphql as the console uses them. The types are generated; the
 * lists below are `Record`s over them, so a value added to the schema fails the typecheck until
 * the console lists (and translates) it.
 */
import type {
  ApiScope,
  IsolationTier,
  ProviderRole,
  TenantRole,
  TenantStatus,
  UserStatus,
} from './generated/graphql';

export type { ApiScope, IsolationTier, ProviderRole, TenantRole, TenantStatus, UserStatus };

function listOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

export const TENANT_ROLES = listOf<TenantRole>({ TENANT_ADMIN: true, SUPERVISOR: true, AGENT: true });
export const PROVIDER_ROLES = listOf<ProviderRole>({ PROVIDER_ADMIN: true, PROVIDER_AGENT: true });
export const API_SCOPES = listOf<ApiScope>({
  TENANT_READ: true,
  USERS_READ: true,
  USERS_WRITE: true,
  AUDIT_READ: true,
  CUSTOMER_SESSIONS_WRITE: true,
  CUSTOMERS_READ: true,
  CUSTOMERS_WRITE: true,
  CUSTOMERS_PII_READ: true,
  TICKETS_READ: true,
  TICKETS_WRITE: true,
  MESSAGES_WRITE: true,
  EVENTS_READ: true,
  WEBHOOKS_READ: true,
  WEBHOOKS_WRITE: true,
  SLA_READ: true,
  SLA_WRITE: true,
});
export const TENANT_STATUSES = listOf<TenantStatus>({ ACTIVE: true, SUSPENDED: true, OFFBOARDED: true });
export const ISOLATION_TIERS = listOf<IsolationTier>({ POOLED: true, SILOED: true });
