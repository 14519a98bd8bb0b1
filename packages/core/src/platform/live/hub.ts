import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RedisKeys } from '../redis.js';
import type { PublishedEvent } from '../events/types.js';

type Listener = (event: PublishedEvent) => void;
type TopicListener = (message: string) => void;

/**
 * Live events for subscriptions: one Redis subscriber connection per API process, listening on
 * the channels of the tenants that have subscribers here, fanned out in process. Every API process
 * receives every event of a tenant it serves, so two (or twenty) API processes serve the same
 * subscriptions. Events are published by the outbox relay after the write (platform/events).
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly channelTenant = new Map<string, string>();
  /** Other live topics of a tenant (presence, …): channel → its listeners in this process. */
  private readonly topics = new Map<string, Set<TopicListener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly logger: Logger,
  ) {
    subscriber.on('error', (err: Error) => logger.warn({ err: err.message }, 'live subscriber error'));
    subscriber.on('message', (channel: string, message: string) => {
      const topic = this.topics.get(channel);
      if (topic) {
        for (const l of topic) {
          try {
            l(message);
          } catch (err) {
            this.logger.warn({ err: (err as Error).message }, 'live topic listener failed');
          }
        }
        return;
      }
      const tenantId = this.channelTenant.get(channel);
      if (!tenantId) return;
      let event: PublishedEvent;
      try {
        event = JSON.parse(message) as PublishedEvent;
      } catch {
        return;
      }
      // The channel names the tenant; an event claiming another tenant is dropped.
      if (event.tenantId !== tenantId) return;
      for (const l of this.listeners.get(tenantId) ?? []) {
        try {
          l(event);
        } catch (err) {
          this.logger.warn({ err: (err as Error).message }, 'live listener failed');
        }
      }
    });
  }

  /** Number of listeners of a tenant in this process (per-tenant limits). */
  count(tenantId: string): number {
    return this.listeners.get(tenantId)?.size ?? 0;
  }

  async listen(tenantId: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(tenantId);
    if (!set) {
      set = new Set();
      this.listeners.set(tenantId, set);
      const channel = this.keys.tenant(tenantId, 'events');
      this.channelTenant.set(channel, tenantId);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(tenantId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(tenantId);
        const channel = this.keys.tenant(tenantId, 'events');
        this.channelTenant.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  /**
   * A tenant's live topic other than its events (e.g. who is on a ticket): the channel carries the
   * tenant (`<prefix>:t:<tenantId>:live:<topic>`), so a listener only ever hears its own tenant.
   * Messages are hints that something changed; listeners re-read the state they show.
   */
  async listenTopic(tenantId: string, topic: string, listener: TopicListener): Promise<() => Promise<void>> {
    const channel = this.topicChannel(tenantId, topic);
    let set = this.topics.get(channel);
    if (!set) {
      set = new Set();
      this.topics.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.topics.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.topics.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  /** Tells every API process's listeners of a tenant's topic (see listenTopic). */
  async publishTopic(publisher: Redis, tenantId: string, topic: string, message: string): Promise<void> {
    await publisher.publish(this.topicChannel(tenantId, topic), message);
  }

  private topicChannel(tenantId: string, topic: string): string {
    return this.keys.tenant(tenantId, 'live', topic);
  }

  /**
   * An async iterator of the tenant's events that pass `filter`, for a GraphQL subscription.
   * Bounded: a consumer that does not keep up loses the oldest buffered events (never the process's
   * memory), and the iterator ends when the subscription is closed.
   */
  async iterate(
    tenantId: string,
    filter: (e: PublishedEvent) => boolean,
    maxBuffered = 256,
  ): Promise<AsyncIterableIterator<PublishedEvent>> {
    const buffer: PublishedEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const stop = await this.listen(tenantId, (e) => {
      if (!filter(e)) return;
      buffer.push(e);
      if (buffer.length > maxBuffered) buffer.shift();
      wake?.();
    });
    const finish = async (): Promise<IteratorResult<PublishedEvent>> => {
      done = true;
      wake?.();
      await stop();
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<PublishedEvent> = {
      async next() {
        while (!done && buffer.length === 0) await new Promise<void>((r) => (wake = r));
        const value = buffer.shift();
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

  async close(): Promise<void> {
    this.listeners.clear();
    this.channelTenant.clear();
    this.topics.clear();
    await this.subscriber.quit().catch(() => undefined);
  }
}
