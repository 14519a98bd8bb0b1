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

  async today(tenantId: string): Promise<{ requests: number; limited: number }> {
    const h = await this.redis.hgetall(this.keys.tenant(tenantId, 'usage', day()));
    return { requests: Number(h.requests ?? 0), limited: Number(h.limited ?? 0) };
  }
}
