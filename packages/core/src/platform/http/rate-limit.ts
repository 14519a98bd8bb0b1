import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { PlatformError } from '../errors.js';

/**
 * Per-tenant API rate limits from the tenant's plan (requests per minute), counted in Redis so
 * every API process shares the budget. One limiter per distinct plan rate.
 */
export class TenantRateLimiter {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private limiter(perMinute: number): RateLimiterRedis {
    let l = this.limiters.get(perMinute);
    if (!l) {
      l = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}:p:rate:${perMinute}`,
        points: perMinute,
        duration: 60,
      });
      this.limiters.set(perMinute, l);
    }
    return l;
  }

  /** Throws RATE_LIMITED with a Retry-After when the tenant has used its minute. */
  async consume(tenantId: string, perMinute: number): Promise<void> {
    try {
      await this.limiter(perMinute).consume(tenantId);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        throw new PlatformError('RATE_LIMITED', 'Too many requests for this organisation; slow down', {
          retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000),
        });
      }
      throw e;
    }
  }
}
