import type { IsolationTier } from '../../platform/tenancy/context.js';

/** What identity needs to know about tenants; wired to the tenants module by the composition root. */
export interface TenantSummary {
  id: string;
  name: string;
  slug: string;
  tier: IsolationTier;
  status: 'ACTIVE' | 'SUSPENDED' | 'OFFBOARDED';
  seats: number;
  apiRatePerMinute: number;
}

export interface TenantDirectory {
  get(id: string): Promise<TenantSummary | null>;
  getMany(ids: string[]): Promise<TenantSummary[]>;
}
