import type { Redis } from 'ioredis';
import { PlatformError } from '../errors.js';
import type { RedisKeys } from '../redis.js';
import type { UsageMeter } from '../usage.js';

const WINDOW_MS = 60_000;

/**
 * One round trip per request: count the request in the tenant's minute (fixed window, shared by
 * every API process), count it in the tenant's usage of the day, and read the revocation versions
 * the credential check needs. `peek` only reads: whether the tenant still has budget, without
 * spending it (for a credential whose secret is not yet proven, e.g. an API key seen the first time).
 *
 * KEYS: window counter, usage hash, then the version keys. ARGV: limit, window ms, mode, usage ttl.
 * Returns: count, ms left in the window, then each version (nil when unset).
 */
const ADMIT_SCRIPT = `
local count
local ttl
if ARGV[3] == 'take' then
  count = redis.call('INCR', KEYS[1])
  ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
  redis.call('HINCRBY', KEYS[2], 'requests', 1)
  if count > tonumber(ARGV[1]) then redis.call('HINCRBY', KEYS[2], 'limited', 1) end
  redis.call('EXPIRE', KEYS[2], ARGV[4])
else
  count = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
  ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = tonumber(ARGV[2]) end
end
local out = { count, ttl }
for i = 3, #KEYS do
  out[#out + 1] = redis.call('GET', KEYS[i]) or false
end
return out
`;

const rateLimited = (msLeft: number): PlatformError =>
  new PlatformError('RATE_LIMITED', 'Too many requests for this organisation; slow down', {
    retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
  });

interface AdmitCommand {
  tandemAdmit(...args: (string | number)[]): Promise<(number | string | null)[]>;
}

export type AdmitMode = 'take' | 'peek';

/**
 * Per-tenant API rate limits from the tenant's plan (requests per minute), counted in Redis under
 * the tenant's own keys so every API process shares the budget. A plan change applies to the next
 * request (the limit is an argument, not part of the key).
 */
export class TenantRateLimiter {
  private readonly redis: Redis & AdmitCommand;
  /**
   * Tenants this process has seen over their budget, until their window ends: further requests in
   * that window are refused here, without a Redis round trip (a flood's refusals cost no I/O).
   * The window's count only grows until it resets, so the refusal is the one Redis would give —
   * except that a plan raised meanwhile applies here from the next window.
   */
  private readonly refusedUntil = new Map<string, { until: number; perMinute: number }>();

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    private readonly usage: UsageMeter,
    /** See RATE_LIMIT_REFUSAL_DELAY_MS. */
    private readonly refusalDelayMs = 0,
  ) {
    if (!('tandemAdmit' in redis)) redis.defineCommand('tandemAdmit', { lua: ADMIT_SCRIPT });
    this.redis = redis as Redis & AdmitCommand;
  }

  /**
   * Throws RATE_LIMITED with a Retry-After when the tenant has used its minute; otherwise returns
   * the versions of `versionKeys` as they were when the request was counted.
   */
  async admit(
    tenantId: string,
    perMinute: number,
    mode: AdmitMode,
    versionKeys: readonly string[],
  ): Promise<(string | null)[]> {
    const refused = this.refusedUntil.get(tenantId);
    if (refused) {
      const left = refused.until - Date.now();
      if (left > 0 && perMinute <= refused.perMinute) {
        this.usage.recordSoon(tenantId, true);
        // Held (with the tenant's in-flight slot) before the answer: a flood on N connections
        // then costs this process N / delay refusals a second, whatever the client's speed. The
        // hold is spread (±50 %) so a flood's refusals do not all come due in the same instant.
        const delay = Math.min(this.refusalDelayMs * (0.5 + Math.random()), left);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        throw rateLimited(left - delay);
      }
      this.refusedUntil.delete(tenantId);
    }
    const reply = await this.redis.tandemAdmit(
      2 + versionKeys.length,
      this.keys.tenant(tenantId, 'rate'),
      this.usage.keyOf(tenantId),
      ...versionKeys,
      perMinute,
      WINDOW_MS,
      mode,
      this.usage.ttlSeconds,
    );
    const [count, ttl, ...versions] = reply;
    if (Number(count) > perMinute) {
      // A refused peek is a refused request too (a `take` counted it in the script).
      if (mode === 'peek') this.usage.recordSoon(tenantId, true);
      else this.refusedUntil.set(tenantId, { until: Date.now() + Number(ttl), perMinute });
      if (this.refusedUntil.size > 10_000) this.refusedUntil.clear();
      throw rateLimited(Number(ttl));
    }
    return versions.map((v) => (v === null ? null : String(v)));
  }
}

/**
 * Fair use of one API process: at most `limit` requests of one tenant are worked on at once; the
 * tenant's next ones wait their turn (in arrival order) without holding the event loop, and past
 * `limit × 4` waiting they are answered 429 at once. A tenant flooding with many connections thus
 * never has more than its share of the process (event loop, database and Redis pools) while other
 * tenants' requests go straight through. Credentials not proven yet count in a bucket of their own.
 */
export class TenantConcurrency {
  private readonly buckets = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = limit * 4,
  ) {}

  /** Resolves when the request may proceed, with the function that lets the next one in (call once). */
  async enter(bucket: string): Promise<() => void> {
    let b = this.buckets.get(bucket);
    if (!b) {
      b = { running: 0, waiting: [] };
      this.buckets.set(bucket, b);
    }
    if (b.running >= this.limit) {
      if (b.waiting.length >= this.maxWaiting) {
        throw new PlatformError('RATE_LIMITED', 'Too many requests in progress for this organisation', {
          retryAfterSeconds: 1,
        });
      }
      const queue = b.waiting;
      // The slot is handed over by leave(): running stays counted for us.
      await new Promise<void>((resolve) => queue.push(resolve));
    } else {
      b.running += 1;
    }
    const entry = b;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = entry.waiting.shift();
      if (next) {
        next();
        return;
      }
      entry.running -= 1;
      if (entry.running === 0) this.buckets.delete(bucket);
    };
  }

  /** Requests of the bucket being worked on, and waiting. */
  load(bucket: string): { running: number; waiting: number } {
    const b = this.buckets.get(bucket);
    return { running: b?.running ?? 0, waiting: b?.waiting.length ?? 0 };
  }
}
