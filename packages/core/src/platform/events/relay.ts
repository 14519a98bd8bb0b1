import type Bull from 'bull';
import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import type { Database, ModelDef } from '../db/index.js';
import { registeredModels } from '../db/index.js';
import type { Logger } from '../logger.js';
import { enqueue, type JobEnvelope } from '../queues.js';
import type { RedisKeys } from '../redis.js';
import { requireTenant } from '../tenancy/context.js';
import { forEachTenant, type TenantDirectory } from '../tenancy/directory.js';
import type { OutboxEntry, OutboxFields } from './outbox.js';
import type { PublishedEvent } from './types.js';

export const EVENTS_QUEUE = 'events';

type OutboxDoc = OutboxFields & { _id: string; tenantId: string };

function outboxModel(name: string): ModelDef<OutboxDoc> {
  const def = registeredModels().find((d) => d.name === name);
  if (!def || def.placement === 'platform' || !def.schema.path('outboxSeq')) {
    throw new Error(`${name} is not a tenant model with an outbox (withOutbox)`);
  }
  return def as unknown as ModelDef<OutboxDoc>;
}

export function toPublished(tenantId: string, e: OutboxEntry): PublishedEvent {
  return {
    id: e.id,
    type: e.type,
    tenantId,
    occurredAt: new Date(e.occurredAt).toISOString(),
    schemaVersion: e.schemaVersion,
    causationDepth: e.causationDepth,
    data: e.data,
  } as PublishedEvent;
}

/**
 * Moves events from documents' outboxes to the event queue (Bull, at least once; the job id is
 * the event id, so a second publish of the same event is one job while it is kept) and to the
 * tenant's Redis channel for live updates.
 */
export class EventRelay {
  constructor(
    private readonly db: Database,
    private readonly queue: Bull.Queue<JobEnvelope>,
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly logger: Logger,
  ) {}

  /** Publishes the pending events of one document of the current tenant, then clears them. */
  async flush(modelName: string, docId: string): Promise<number> {
    const model = this.db.model(outboxModel(modelName));
    let published = 0;
    // A concurrent write may append events between the read and the clear: then read again
    // (events already sent are sent again — receivers deduplicate on the event id).
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await model
        .findOne({ _id: docId })
        .select({ pendingEvents: 1, outboxSeq: 1, tenantId: 1 })
        .lean<OutboxDoc>();
      if (!doc || doc.pendingEvents.length === 0) return published;
      for (const e of doc.pendingEvents) await this.publish(toPublished(doc.tenantId, e));
      published += doc.pendingEvents.length;
      const cleared = await model.updateOne(
        { _id: docId, outboxSeq: doc.outboxSeq },
        { $set: { pendingEvents: [], outboxAt: null } },
      );
      if (cleared.matchedCount === 1) return published;
    }
    return published;
  }

  /**
   * The fast path after a write: publish now. A failure here loses nothing — the events stay in
   * the document and the reconciler publishes them — so it is logged, not thrown at the caller.
   */
  async flushAfterWrite(modelName: string, docId: string): Promise<void> {
    try {
      await this.flush(modelName, docId);
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, model: modelName },
        'outbox flush deferred to the reconciler',
      );
    }
  }

  /** Publishes events left in outboxes for longer than `graceMs`, in every live tenant. */
  async reconcile(
    directory: TenantDirectory,
    modelNames: readonly string[],
    graceMs: number,
  ): Promise<number> {
    if (modelNames.length === 0) return 0;
    let total = 0;
    await forEachTenant(
      directory,
      async () => {
        const before = new Date(Date.now() - graceMs);
        for (const name of modelNames) {
          const model = this.db.model(outboxModel(name));
          const stale = await model
            .find({ outboxAt: mongoose.trusted({ $ne: null, $lte: before }) })
            .select({ _id: 1 })
            .limit(500)
            .lean<{ _id: string }[]>();
          for (const d of stale) total += await this.flush(name, d._id);
        }
      },
      {
        onError: (t, err) =>
          this.logger.warn({ tenantId: t.id, err: (err as Error).message }, 'outbox reconcile failed'),
      },
    );
    if (total > 0) this.logger.info({ events: total }, 'outbox reconciled');
    return total;
  }

  private async publish(event: PublishedEvent): Promise<void> {
    const tenant = requireTenant();
    await enqueue(this.queue, tenant, event, {
      idempotencyKey: event.id,
      causationDepth: event.causationDepth,
    });
    // Live updates: API processes relay the tenant's channel to its subscriptions.
    await this.redis.publish(this.keys.tenant(event.tenantId, 'events'), JSON.stringify(event));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
