import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis.js';

const day = (d = new Date()): string => d.toISOString().slice(0, 10).replaceAll('-', '');

/** Per-tenant daily request counters in Redis (for the provider's overview and plan enforcement). */
export class UsageMeter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Days of counters kept. */
  readonly ttlSeconds = 8 * 86_400;

  /** Today's counters of a tenant (the request path's rate-limit script counts into it too). */
  keyOf(tenantId: string): string {
    return this.keys.tenant(tenantId, 'usage', day());
  }

  async record(tenantId: string, limited: boolean): Promise<void> {
    const base = this.keyOf(tenantId);
    const m = this.redis.multi().hincrby(base, 'requests', 1);
    if (limited) m.hincrby(base, 'limited', 1);
    await m.expire(base, this.ttlSeconds).exec();
  }

  private readonly pending = new Map<string, { requests: number; limited: number }>();
  private flushing: NodeJS.Timeout | undefined;

  /**
   * Counts a request now and writes the counts within a second, batched: for the refusals of a
   * flooding tenant, which must not cost a Redis round trip each. (A process that dies loses at
   * most that second of counts.)
   */
  recordSoon(tenantId: string, limited: boolean): void {
    const p = this.pending.get(tenantId) ?? { requests: 0, limited: 0 };
    p.requests += 1;
    if (limited) p.limited += 1;
    this.pending.set(tenantId, p);
    this.flushing ??= setTimeout(() => void this.flush().catch(() => undefined), 1000).unref();
  }

  /** Writes the batched counts now. */
  async flush(): Promise<void> {
    clearTimeout(this.flushing);
    this.flushing = undefined;
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    const m = this.redis.multi();
    for (const [tenantId, p] of batch) {
      const key = this.keyOf(tenantId);
      m.hincrby(key, 'requests', p.requests);
      if (p.limited > 0) m.hincrby(key, 'limited', p.limited);
      m.expire(key, this.ttlSeconds);
    }
    await m.exec();
  }

  async today(tenantId: string): Promise<{ requests: number; limited: number }> {
    await this.flush();
    const h = await this.redis.hgetall(this.keys.tenant(tenantId, 'usage', day()));
    return { requests: Number(h.requests ?? 0), limited: Number(h.limited ?? 0) };
  }
}
