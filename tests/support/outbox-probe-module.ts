// A minimal event-source module for the outbox tests: each write appends a `customer.created`
// event to the written document (same single-document write), and a consumer records every event
// it receives in Redis, so a test can count deliveries per event id.
import { Schema } from 'mongoose';
import { defineModel, type Database } from '../../packages/core/src/platform/db/index.js';
import { defineErrors } from '../../packages/core/src/platform/errors.js';
import {
  newEvent,
  outboxOnCreate,
  withOutbox,
  type OutboxFields,
} from '../../packages/core/src/platform/events/index.js';
import { defineIds } from '../../packages/core/src/platform/ids.js';
import { defineModule, type Platform } from '../../packages/core/src/platform/module.js';
import { requireTenant } from '../../packages/core/src/platform/tenancy/context.js';

interface ProbeRecord extends OutboxFields {
  _id: string;
  tenantId: string;
  marker: string;
}

const schema = withOutbox(
  new Schema<ProbeRecord>(
    { _id: { type: String, required: true }, marker: { type: String, required: true } },
    { versionKey: false, collection: 'test_outbox_probes' },
  ),
);
export const ProbeModel = defineModel('TestOutboxProbe', schema, 'tenant');
const ids = defineIds({ cus: 'probe customer' });

export class ProbeService {
  constructor(
    private readonly db: Database,
    private readonly platform: Platform,
  ) {}

  /** The write alone: document and its event in one insert (what a crash right after leaves). */
  async writeOnly(marker: string): Promise<{ docId: string; eventId: string }> {
    const event = newEvent('customer.created', { customerId: ids.next('cus'), externalId: marker });
    const docId = ids.next('cus');
    await this.db.model(ProbeModel).create({ _id: docId, marker, ...outboxOnCreate([event]) });
    return { docId, eventId: event.id };
  }

  /** The write and the publish, as a real module does it. */
  async write(marker: string): Promise<{ docId: string; eventId: string }> {
    const r = await this.writeOnly(marker);
    await this.platform.events.flushAfterWrite('TestOutboxProbe', r.docId);
    return r;
  }

  pending(docId: string) {
    return this.db.model(ProbeModel).findOne({ _id: docId }).lean<ProbeRecord>();
  }

  /** Deliveries recorded by the consumer, per event id. */
  async deliveries(eventId: string): Promise<number> {
    const n = await this.platform.redis.hget(
      this.platform.keys.tenant(requireTenant().id, 'probe-deliveries'),
      eventId,
    );
    return Number(n ?? 0);
  }
}

export const outboxProbeModule = defineModule({
  create: ({ platform }) => new ProbeService(platform.db, platform),
  name: 'outbox-probe',
  summary: 'Test-only: writes documents with outbox events and counts their deliveries',
  models: [ProbeModel],
  errors: defineErrors({}),
  eventSources: [ProbeModel],
  consumers: ({ platform }) => [
    {
      name: 'outbox-probe',
      events: ['customer.created'],
      concurrency: 2,
      async handle(event) {
        await platform.redis.hincrby(platform.keys.tenant(event.tenantId, 'probe-deliveries'), event.id, 1);
      },
    },
  ],
  tenantData: { kind: 'models' },
});
