import { runAsSystem, withTenant, type IsolationTier, type TenantRef } from './context.js';

/** What the platform and other modules may know about a tenant without owning tenants. */
export interface TenantSummary {
  id: string;
  name: string;
  slug: string;
  tier: IsolationTier;
  status: 'ACTIVE' | 'SUSPENDED' | 'OFFBOARDED';
  locale: string;
  timeZone: string;
  seats: number;
  apiRatePerMinute: number;
}

/** Implemented by the tenants module, wired by the composition root (a port). */
export interface TenantDirectory {
  get(id: string): Promise<TenantSummary | null>;
  getMany(ids: string[]): Promise<TenantSummary[]>;
  /** A page of tenants that still hold data (not offboarded), ordered by id, after `afterId`. */
  pageLive(afterId: string | null, limit: number): Promise<TenantRef[]>;
}

/**
 * Visits every live tenant (pooled and siloed) in id order, one page at a time, and runs `fn` for
 * each inside a system scope entered for that tenant — the one way background scans (SLA timers,
 * outbox, analytics) reach every tenant. A failure for one tenant is reported and the scan goes on.
 */
export async function forEachTenant(
  directory: TenantDirectory,
  fn: (tenant: TenantRef) => Promise<void>,
  opts: { pageSize?: number; onError?: (tenant: TenantRef, err: unknown) => void } = {},
): Promise<{ visited: number; failed: number }> {
  const pageSize = opts.pageSize ?? 100;
  let after: string | null = null;
  let visited = 0;
  let failed = 0;
  for (;;) {
    const cursor: string | null = after;
    const page: TenantRef[] = await runAsSystem('tenancy.for-each-tenant', () =>
      directory.pageLive(cursor, pageSize),
    );
    for (const t of page) {
      try {
        await runAsSystem('tenancy.for-each-tenant', () => withTenant(t, () => fn(t)));
        visited += 1;
      } catch (err) {
        failed += 1;
        opts.onError?.(t, err);
      }
    }
    if (page.length < pageSize) return { visited, failed };
    after = page[page.length - 1]?.id ?? null;
  }
}
