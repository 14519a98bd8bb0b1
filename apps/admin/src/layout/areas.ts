import type { Viewer } from '../api/types';

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

export const HOME_OF: Record<Area, string> = {
  provider: '/provider/overview',
  tenantAdmin: '/tenant/overview',
  supervisor: '/tenant/overview',
  agent: '/workspace',
  workspace: '/workspace',
};

/** Tenant-level areas: a tenant's time zone and data apply. */
export const TENANT_AREAS: readonly Area[] = ['tenantAdmin', 'supervisor', 'agent'];
