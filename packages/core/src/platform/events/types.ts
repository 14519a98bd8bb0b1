import type { DomainEvent, EventName } from '@tandem/sdk/events';

/** An event as it travels: the SDK catalogue's envelope and typed data. */
export type PublishedEvent<E extends EventName = EventName> = DomainEvent<E>;

/** A consumer of events (webhooks, SLA, routing, plugins…), run by the worker at least once. */
export interface EventConsumerSpec {
  /** Unique; also the name of its queue (`consumer.<name>`). */
  name: string;
  events: readonly EventName[] | 'all';
  concurrency: number;
  /** Per-tenant fairness (Bull limiter by tenant). */
  perTenant?: { max: number; durationMs: number };
  /** Must be idempotent: the same event id may arrive twice. */
  handle(event: PublishedEvent): Promise<void>;
}
