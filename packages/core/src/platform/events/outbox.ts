import { EVENT_CATALOGUE, type EventData, type EventName } from '@tandem/sdk/events';
import { Schema } from 'mongoose';
import { platformIds } from '../ids.js';
import { PlatformError } from '../errors.js';

/**
 * The transactional outbox, inside the changed document (no multi-document transactions on
 * MongoDB-compatible FerretDB): a write that changes a document appends its events to the
 * document's `pendingEvents` in the same single-document update and bumps `outboxSeq`. The relay
 * publishes them and then clears the array with a conditional update on `outboxSeq`; a crash in
 * between leaves them in the document, where the reconciler finds them (`outboxAt`).
 */
export interface OutboxEntry {
  id: string;
  type: EventName;
  schemaVersion: number;
  occurredAt: Date;
  causationDepth: number;
  data: Record<string, unknown>;
}

export interface OutboxFields {
  pendingEvents: OutboxEntry[];
  /** When the oldest pending event was written; null when there is none. */
  outboxAt: Date | null;
  outboxSeq: number;
}

/** Events chained deeper than this are refused (a plugin or rule re-triggering itself). */
export const MAX_CAUSATION_DEPTH = 8;

/** Adds the outbox fields and the reconciler's index to a tenant model's schema. */
export function withOutbox<T>(schema: Schema<T>): Schema<T> {
  (schema as unknown as Schema).add({
    pendingEvents: { type: [Schema.Types.Mixed], default: [] },
    outboxAt: { type: Date, default: null },
    outboxSeq: { type: Number, default: 0 },
  });
  schema.index({ tenantId: 1, outboxAt: 1 });
  return schema;
}

/** A new event, its data checked against the SDK catalogue before anything is written. */
export function newEvent<E extends EventName>(
  type: E,
  data: EventData<E>,
  opts: { causationDepth?: number; at?: Date } = {},
): OutboxEntry {
  const spec = EVENT_CATALOGUE[type];
  const parsed = spec.data.safeParse(data);
  if (!parsed.success) {
    throw new PlatformError('INTERNAL_ERROR', `event ${type} does not match the catalogue`, {
      cause: parsed.error,
    });
  }
  const depth = opts.causationDepth ?? 0;
  if (depth > MAX_CAUSATION_DEPTH) {
    throw new PlatformError('VALIDATION_FAILED', 'This change was triggered by too long a chain of events');
  }
  return {
    id: platformIds.next('evt'),
    type,
    schemaVersion: spec.version,
    occurredAt: opts.at ?? new Date(),
    causationDepth: depth,
    data: parsed.data as Record<string, unknown>,
  };
}

type UpdateDoc = Record<string, Record<string, unknown> | undefined>;

/**
 * Adds events to an update so they are written in the same single-document write as the change:
 * `model.updateOne(filter, withEvents({ $set: {...} }, [newEvent(...)]))`.
 */
export function withEvents<U extends UpdateDoc>(update: U, events: OutboxEntry[], now = new Date()): U {
  if (events.length === 0) return update;
  return {
    ...update,
    $set: { ...update.$set, outboxAt: now },
    $push: { ...update.$push, pendingEvents: { $each: events } },
    $inc: { ...update.$inc, outboxSeq: 1 },
  };
}

/** The outbox fields of a new document that is created with events. */
export function outboxOnCreate(events: OutboxEntry[], now = new Date()): OutboxFields {
  return { pendingEvents: events, outboxAt: events.length ? now : null, outboxSeq: 1 };
}
