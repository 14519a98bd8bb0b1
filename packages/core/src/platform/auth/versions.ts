import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis.js';

/**
 * Exact revocation for cached credential checks. Each API process keeps what it checked about a
 * credential (session, user, membership, API key, tenant status) for a short while, stamped with
 * the revocation versions it read *before* loading those facts. Every request reads the current
 * versions (with its rate-limit call: one Redis round trip) and reloads when one differs. Whoever
 * revokes writes the database first and bumps the version after, so the next request anywhere
 * sees the bump — and a load that raced the write carries the old stamp and is reloaded.
 *
 * A version is a random value (not a counter) kept an hour: far longer than any cache entry may
 * live, so an expired version key can never make a stale entry look fresh.
 */
export type VersionSubject =
  | { kind: 'user'; id: string }
  | { kind: 'session'; id: string }
  | { kind: 'tenant'; id: string }
  | { kind: 'apiKeys'; tenantId: string };

export type Versions = readonly (string | null)[];

/** How long a bumped version is kept; cache entries (AUTH_CACHE_TTL_SECONDS ≤ 600) live less. */
export const VERSION_TTL_SECONDS = 3600;

export class CredentialVersions {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  key(s: VersionSubject): string {
    switch (s.kind) {
      case 'user':
        return this.keys.platform('authv', 'usr', s.id);
      case 'session':
        return this.keys.platform('authv', 'ses', s.id);
      case 'tenant':
        return this.keys.tenant(s.id, 'authv');
      case 'apiKeys':
        return this.keys.tenant(s.tenantId, 'authv', 'keys');
    }
  }

  /** Call after the database write that revokes or changes the subjects; awaits Redis. */
  async bump(...subjects: VersionSubject[]): Promise<void> {
    if (subjects.length === 0) return;
    const m = this.redis.multi();
    for (const s of subjects)
      m.set(this.key(s), randomBytes(9).toString('base64url'), 'EX', VERSION_TTL_SECONDS);
    const results = await m.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('revocation version not written');
  }

  async read(keys: readonly string[]): Promise<Versions> {
    if (keys.length === 0) return [];
    return this.redis.mget(...keys);
  }
}

/** Whether the versions read now are the ones an entry was stamped with. */
export function sameVersions(a: Versions, b: Versions): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
