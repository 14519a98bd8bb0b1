import type { Redis } from 'ioredis';
import { z } from 'zod';
import { sha256 } from './crypto.js';
import { PlatformError } from './errors.js';
import type { RedisKeys } from './redis.js';

/**
 * `Idempotency-Key` (the HTTP header, for REST and GraphQL alike): one schema, one reader. A
 * create carrying a key answers the first result again for the same request, and refuses the
 * same key with a different request (IDEMPOTENCY_KEY_REUSED, nothing written).
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200, 'An Idempotency-Key has at most 200 characters')
  .regex(/^[\x21-\x7E]+$/, 'An Idempotency-Key is printable ASCII without spaces');

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export const idempotencyKeyReused = (): PlatformError =>
  new PlatformError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');

/**
 * The request's key: the header (as read into the request context) and, where an operation also
 * takes one as an argument, that argument — both at once must agree. Null when there is none;
 * VALIDATION_FAILED when it is malformed.
 */
export function requestIdempotencyKey(header: string | undefined, argument?: string | null): string | null {
  const given = header === undefined || header === '' ? null : header;
  if (given !== null) {
    const r = idempotencyKeySchema.safeParse(given);
    if (!r.success) {
      throw new PlatformError('VALIDATION_FAILED', 'The Idempotency-Key header is not valid', {
        issues: r.error.issues.map((i) => ({ path: `headers.${IDEMPOTENCY_HEADER}`, message: i.message })),
      });
    }
  }
  if (given !== null && argument && argument !== given) {
    throw new PlatformError('VALIDATION_FAILED', 'The Idempotency-Key header and argument differ', {
      issues: [{ path: 'idempotencyKey', message: 'Differs from the Idempotency-Key header' }],
    });
  }
  return argument ?? given;
}

const entry = z.object({ hash: z.string(), id: z.string().nullable() });

/** How long a second request waits for the first one with the same key to finish. */
const IN_FLIGHT_WAIT_MS = 5_000;

/**
 * Idempotent creates for records that keep no key of their own: the key, the hash of the request
 * and (once created) the record's id, in Redis under the tenant and the operation, for a day.
 * The key is reserved before anything is written (SET NX), so two concurrent requests with the
 * same key create one record; a create that fails frees the key again.
 */
export class IdempotentCreates {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  async run<T>(opts: {
    tenantId: string;
    /** The operation (e.g. `customers.create`): a key is per tenant and operation. */
    operation: string;
    key: string | null;
    request: unknown;
    create: () => Promise<{ id: string; value: T }>;
    /** The record created by the first request with this key. */
    load: (id: string) => Promise<T>;
  }): Promise<T> {
    if (!opts.key) return (await opts.create()).value;
    const redisKey = this.keys.tenant(opts.tenantId, 'idempotency', opts.operation, sha256(opts.key));
    const hash = sha256(JSON.stringify(opts.request));
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      const reserved = await this.redis.set(
        redisKey,
        JSON.stringify({ hash, id: null }),
        'PX',
        this.ttlMs,
        'NX',
      );
      if (reserved === 'OK') break;
      const raw = await this.redis.get(redisKey);
      // Freed meanwhile (the first request failed): reserve it again.
      if (raw === null) continue;
      const seen = entry.safeParse(JSON.parse(raw));
      if (seen.success && seen.data.hash !== hash) throw idempotencyKeyReused();
      if (seen.success && seen.data.id) return opts.load(seen.data.id);
      if (Date.now() > deadline) {
        throw new PlatformError('CONFLICT', 'A request with this Idempotency-Key is still in progress');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    let created: { id: string; value: T };
    try {
      created = await opts.create();
    } catch (e) {
      await this.redis.del(redisKey);
      throw e;
    }
    await this.redis.set(redisKey, JSON.stringify({ hash, id: created.id }), 'PX', this.ttlMs);
    return created.value;
  }
}
