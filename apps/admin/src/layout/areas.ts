import type { Viewer } from '../session/documents';

/**
 * What part of the console a session sees. Derived from the viewer only: a provider-level token
 * of a provider admin is the provider console; a tenant token shows that tenant's console by role.
 */
export type Area = 'provider' | 'tenantAdmin' | 'supervisor' | 'agent' | 'workspace';

export function areaOf(viewer: Viewer): Area {
  if (!viewer.tenant) return viewer.providerRole === 'PROVIDER_ADMIN' ? 'provider' : 'workspace';
  switch (viewer.role) {
    case 'TENANT_ADMIN':
      return 'tenantAdmin';
    case 'SUPERVISOR':
      return 'supervisor';
    case 'AGENT':
      return 'agent';
    default:
      return 'workspace';
  }
}

/** Tenant-level areas: a tenant's time zone and data apply. */
export const TENANT_AREAS: readonly Area[] = ['tenantAdmin', 'supervisor', 'agent'];
