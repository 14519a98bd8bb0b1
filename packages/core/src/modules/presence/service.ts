import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { LiveHub } from '../../platform/live/hub.js';
import type { Logger } from '../../platform/logger.js';
import type { RedisKeys } from '../../platform/redis.js';

export const TICKET_ACTIVITIES = ['VIEWING', 'REPLYING'] as const;
export type TicketActivity = (typeof TICKET_ACTIVITIES)[number];

/** Who is on a ticket, as the console shows it (a name, never an email: PII stays out). */
export interface TicketViewer {
  userId: string;
  name: string;
  activity: TicketActivity;
  since: Date;
}

/** One entry as stored in the ticket's Redis hash (field: the user id). */
const storedEntry = z.object({
  name: z.string(),
  activity: z.enum(TICKET_ACTIVITIES),
  since: z.number(),
  expiresAt: z.number(),
});
type StoredEntry = z.infer<typeof storedEntry>;

/** The presence module's service: the Redis-backed presence, and the checks its resolvers need. */
export interface PresenceModuleService {
  presence: PresenceService;
  /** The ticket exists in the caller's tenant (NOT_FOUND otherwise: no presence across tenants). */
  requireTicket(ticketId: string): Promise<void>;
  /** The display name of a user (their own account), never their email. */
  nameOf(userId: string): Promise<string>;
}

const TOPIC = 'presence';

export interface PresenceDeps {
  redis: Redis;
  keys: RedisKeys;
  live: LiveHub;
  logger: Logger;
  /** How long an entry lasts without being announced again. */
  ttlMs: number;
  /** How often a process re-reads the tickets it has subscribers for (expired entries drop out). */
  sweepMs: number;
}

interface Watch {
  listeners: Set<(viewers: TicketViewer[]) => void>;
  last: string;
  timer: NodeJS.Timeout;
  stop: () => Promise<void>;
  /** Re-reads the ticket's viewers and pushes them when they changed. */
  refresh: () => void;
}

/**
 * Who is viewing or replying on a ticket (collision detection). Entries live in one Redis hash per
 * ticket under the tenant's key space, each with its own expiry (Redis 7.0 has no per-field TTL,
 * so the expiry is in the value and the hash as a whole expires after the last announcement).
 * Changes are announced on the tenant's live topic, so every API process pushes the new list to
 * its subscribers; a periodic sweep per watched ticket notices entries that expired silently.
 * The ticket's existence in the caller's tenant is checked by the module (index.ts) before this runs.
 */
export class PresenceService {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly d: PresenceDeps) {}

  private key(tenantId: string, ticketId: string): string {
    return this.d.keys.tenant(tenantId, 'presence', ticketId);
  }

  /** The current viewers of a ticket, oldest first; expired entries are removed on the way. */
  async list(tenantId: string, ticketId: string): Promise<TicketViewer[]> {
    const key = this.key(tenantId, ticketId);
    const raw = await this.d.redis.hgetall(key);
    const now = Date.now();
    const viewers: TicketViewer[] = [];
    const stale: string[] = [];
    for (const [userId, value] of Object.entries(raw)) {
      const e = parseEntry(value);
      if (!e || e.expiresAt <= now) stale.push(userId);
      else viewers.push({ userId, name: e.name, activity: e.activity, since: new Date(e.since) });
    }
    if (stale.length) await this.d.redis.hdel(key, ...stale);
    return viewers.sort((a, b) => a.since.getTime() - b.since.getTime() || (a.userId < b.userId ? -1 : 1));
  }

  /**
   * The user is on the ticket (again). `since` is when the current activity began: repeating the
   * same activity keeps it; switching from viewing to replying starts it anew. Other processes are
   * told only when what they show changes (a new viewer, another activity), not on every repeat.
   */
  async announce(
    tenantId: string,
    ticketId: string,
    user: { userId: string; name: () => Promise<string> },
    activity: TicketActivity,
  ): Promise<TicketViewer[]> {
    const key = this.key(tenantId, ticketId);
    const now = Date.now();
    const before = parseEntry(await this.d.redis.hget(key, user.userId));
    const current = before && before.expiresAt > now ? before : null;
    const entry: StoredEntry = {
      name: current?.name ?? (await user.name()),
      activity,
      since: current && current.activity === activity ? current.since : now,
      expiresAt: now + this.d.ttlMs,
    };
    await this.d.redis
      .multi()
      .hset(key, user.userId, JSON.stringify(entry))
      .pexpire(key, this.d.ttlMs)
      .exec();
    if (!current || current.activity !== activity) await this.changed(tenantId, ticketId);
    return this.list(tenantId, ticketId);
  }

  /** The user left the ticket; true whether or not they were on it. */
  async leave(tenantId: string, ticketId: string, userId: string): Promise<boolean> {
    const removed = await this.d.redis.hdel(this.key(tenantId, ticketId), userId);
    if (removed > 0) await this.changed(tenantId, ticketId);
    return true;
  }

  private async changed(tenantId: string, ticketId: string): Promise<void> {
    await this.d.live.publishTopic(this.d.redis, tenantId, TOPIC, ticketId);
  }

  /**
   * The ticket's viewers now, then the full list each time it changes (someone arrives, switches
   * activity, leaves, or expires). Ends when the subscription is closed.
   */
  async watch(tenantId: string, ticketId: string): Promise<AsyncIterableIterator<TicketViewer[]>> {
    const pending: TicketViewer[][] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener = (viewers: TicketViewer[]) => {
      // Only the newest list matters to a client that has fallen behind.
      pending.length = 0;
      pending.push(viewers);
      wake?.();
    };
    const watchKey = `${tenantId}:${ticketId}`;
    const initial = await this.list(tenantId, ticketId);
    pending.push(initial);
    const existing = this.watches.get(watchKey);
    const w = existing ?? this.startWatch(tenantId, ticketId, watchKey, JSON.stringify(initial));
    w.listeners.add(listener);
    if (!existing) {
      const stop = await this.d.live.listenTopic(tenantId, TOPIC, (changedTicket) => {
        if (changedTicket === ticketId) w.refresh();
      });
      if (this.watches.get(watchKey) === w) w.stop = stop;
      else await stop();
    }

    const finish = async (): Promise<IteratorResult<TicketViewer[]>> => {
      if (!done) {
        done = true;
        wake?.();
        const current = this.watches.get(watchKey);
        current?.listeners.delete(listener);
        if (current && current.listeners.size === 0) {
          this.watches.delete(watchKey);
          clearInterval(current.timer);
          await current.stop();
        }
      }
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<TicketViewer[]> = {
      async next() {
        while (!done && pending.length === 0) await new Promise<void>((r) => (wake = r));
        const value = pending.shift();
        if (done || !value) return { done: true, value: undefined };
        return { done: false, value };
      },
      return: finish,
      throw: async (err: unknown) => {
        await finish();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** One Redis read per watched ticket and process, shared by its subscribers. */
  private startWatch(tenantId: string, ticketId: string, watchKey: string, last: string): Watch {
    const w: Watch = {
      listeners: new Set(),
      last,
      timer: setInterval(() => w.refresh(), this.d.sweepMs),
      stop: async () => undefined,
      refresh: () => {
        this.list(tenantId, ticketId).then(
          (viewers) => {
            const text = JSON.stringify(viewers);
            if (text === w.last) return;
            w.last = text;
            for (const l of w.listeners) l(viewers);
          },
          (err: unknown) => this.d.logger.warn({ err: (err as Error).message }, 'presence refresh failed'),
        );
      },
    };
    w.timer.unref();
    this.watches.set(watchKey, w);
    return w;
  }

  /** Stops every watch of this process (shutdown). */
  async close(): Promise<void> {
    for (const w of this.watches.values()) {
      clearInterval(w.timer);
      await w.stop();
    }
    this.watches.clear();
  }
}

function parseEntry(value: string | null | undefined): StoredEntry | null {
  if (!value) return null;
  try {
    const r = storedEntry.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
