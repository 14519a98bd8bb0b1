/** Who is calling. The tenant of a request comes only from here, i.e. from a verified credential. */
export const TENANT_ROLES = ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export const PROVIDER_ROLES = ['PROVIDER_ADMIN', 'PROVIDER_AGENT'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

/**
 * API-key scopes are declared by the modules (`scopes` in defineModule) and served as the
 * GraphQL enum ApiScope; a test checks every policy names a declared scope.
 */
export type ApiScope = string;
export const API_SCOPE_PATTERN = /^[A-Z][A-Z_]{1,47}$/;

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      email: string;
      providerRole: ProviderRole | null;
      /** Set when the token acts for a tenant. */
      tenantId: string | null;
      tenantRole: TenantRole | null;
    }
  | { kind: 'apiKey'; keyId: string; tenantId: string; scopes: readonly ApiScope[] }
  /**
   * An end customer in a brand's widget or app: a short-lived session minted by the brand's
   * backend (API key with CUSTOMER_SESSIONS_WRITE) for a customer it has signed in.
   */
  | { kind: 'customer'; tenantId: string; customerRef: string; displayName: string | null; expiresAt: Date }
  | { kind: 'system'; reason: string };

export function principalTenantId(p: Principal): string | null {
  if (p.kind === 'user') return p.tenantId;
  if (p.kind === 'apiKey' || p.kind === 'customer') return p.tenantId;
  return null;
}

/** A short, non-secret description for audit records and logs. */
export function describePrincipal(p: Principal): { type: string; id: string; display: string } {
  switch (p.kind) {
    case 'anonymous':
      return { type: 'anonymous', id: '-', display: 'anonymous' };
    case 'user':
      return { type: 'user', id: p.userId, display: p.email };
    case 'apiKey':
      return { type: 'apiKey', id: p.keyId, display: `API key ${p.keyId}` };
    case 'customer':
      return { type: 'customer', id: p.customerRef, display: `customer ${p.customerRef}` };
    case 'system':
      return { type: 'system', id: 'system', display: `system (${p.reason})` };
  }
}
