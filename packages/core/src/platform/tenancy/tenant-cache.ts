import type { CredentialVersions } from '../auth/versions.js';
import { LruCache } from '../lru.js';
import type { TenantDirectory, TenantSummary } from './directory.js';

/** A tenant summary as the request path holds it, with the tenant's version it was loaded under. */
export interface CachedTenant {
  summary: TenantSummary | null;
  /** The tenant's revocation version read before the summary was loaded. */
  version: string | null;
}

/**
 * The request path's view of tenants (status and plan rate), without a database read per request.
 * Entries live a short while and are stamped with the tenant's revocation version: the tenants
 * module bumps it on suspension, resumption, plan change and offboarding, every request reads it
 * with its rate-limit call, and a different version reloads the entry (`refresh`). Unknown ids are
 * cached too (briefly), so made-up tenant ids in API keys do not reach the database each time.
 */
export class TenantSummaryCache {
  private readonly cache: LruCache<string, CachedTenant>;

  constructor(
    private readonly directory: TenantDirectory,
    private readonly versions: CredentialVersions,
    ttlMs: number,
    maxEntries = 10_000,
  ) {
    this.cache = new LruCache(maxEntries, ttlMs);
  }

  versionKey(tenantId: string): string {
    return this.versions.key({ kind: 'tenant', id: tenantId });
  }

  /** The cached entry; on a miss the version is read first, then the directory. */
  async get(tenantId: string): Promise<CachedTenant> {
    const hit = this.cache.get(tenantId);
    if (hit) return hit;
    const [version] = await this.versions.read([this.versionKey(tenantId)]);
    return this.load(tenantId, version ?? null);
  }

  /** Reload under a version the caller has just read (it differs from the cached one). */
  refresh(tenantId: string, version: string | null): Promise<CachedTenant> {
    return this.load(tenantId, version);
  }

  private async load(tenantId: string, version: string | null): Promise<CachedTenant> {
    const summary = await this.directory.get(tenantId);
    const entry = { summary, version };
    this.cache.set(tenantId, entry);
    return entry;
  }
}
