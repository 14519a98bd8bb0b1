import mongoose from 'mongoose';
import type { Database } from '../../platform/db/index.js';
import {
  WebhookDeliveryModel,
  WebhookModel,
  type DeliveryRecord,
  type DeliveryStatus,
  type WebhookRecord,
} from './model.js';

const trusted = <T extends object>(op: T): T => mongoose.trusted(op) as T;
const OPEN: DeliveryStatus[] = ['PENDING', 'FAILED'];
const FINISHED: DeliveryStatus[] = ['SUCCEEDED', 'DEAD'];

export type NewWebhook = Pick<
  WebhookRecord,
  '_id' | 'url' | 'eventTypes' | 'active' | 'description' | 'encryptedSecret'
>;
export type WebhookChanges = Partial<Pick<WebhookRecord, 'url' | 'eventTypes' | 'active' | 'description'>>;
export type AttemptResult = Pick<
  DeliveryRecord,
  'status' | 'lastStatusCode' | 'lastLatencyMs' | 'lastError' | 'responseExcerpt' | 'nextAttemptAt'
>;

export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

/** The only code that touches the webhook models; the tenancy plugin scopes every call. */
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  private get webhooks() {
    return this.db.model(WebhookModel);
  }
  private get deliveries() {
    return this.db.model(WebhookDeliveryModel);
  }

  async create(w: NewWebhook): Promise<WebhookRecord> {
    const doc = await this.webhooks.create({
      ...w,
      previousEncryptedSecret: null,
      previousSecretExpiresAt: null,
    });
    return doc.toObject<WebhookRecord>();
  }
  count(): Promise<number> {
    return this.webhooks.countDocuments({});
  }
  list(): Promise<WebhookRecord[]> {
    return this.webhooks.find({}).sort({ createdAt: -1, _id: -1 }).limit(100).lean<WebhookRecord[]>();
  }
  find(id: string): Promise<WebhookRecord | null> {
    return this.webhooks.findOne({ _id: id }).lean<WebhookRecord>();
  }
  /** Active subscriptions to one event type. */
  subscribedTo(eventType: string): Promise<WebhookRecord[]> {
    return this.webhooks.find({ active: true, eventTypes: eventType }).lean<WebhookRecord[]>();
  }
  update(id: string, changes: WebhookChanges): Promise<WebhookRecord | null> {
    return this.webhooks
      .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
      .lean<WebhookRecord>();
  }
  rotate(
    id: string,
    encryptedSecret: string,
    previous: { encrypted: string; expiresAt: Date } | null,
    at: Date,
  ): Promise<WebhookRecord | null> {
    return this.webhooks
      .findOneAndUpdate(
        { _id: id },
        {
          $set: {
            encryptedSecret,
            previousEncryptedSecret: previous?.encrypted ?? null,
            previousSecretExpiresAt: previous?.expiresAt ?? null,
            secretRotatedAt: at,
          },
        },
        { returnDocument: 'after' },
      )
      .lean<WebhookRecord>();
  }
  async remove(id: string): Promise<boolean> {
    const r = await this.webhooks.deleteOne({ _id: id });
    if (r.deletedCount === 1) await this.deliveries.deleteMany({ webhookId: id });
    return r.deletedCount === 1;
  }

  /** The delivery of one event to one subscription, created once however often the event arrives. */
  ensureDelivery(
    d: Pick<DeliveryRecord, '_id' | 'webhookId' | 'eventId' | 'eventType' | 'event' | 'attemptLimit'>,
  ) {
    return this.deliveries
      .findOneAndUpdate(
        { webhookId: d.webhookId, eventId: d.eventId },
        {
          $setOnInsert: {
            _id: d._id,
            eventType: d.eventType,
            event: d.event,
            status: 'PENDING',
            attempts: 0,
            attemptLimit: d.attemptLimit,
            nextAttemptAt: new Date(),
            lastAttemptAt: null,
            lastStatusCode: null,
            lastLatencyMs: null,
            lastError: null,
            responseExcerpt: null,
            replays: 0,
            heldSince: null,
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<DeliveryRecord>();
  }
  findDelivery(id: string): Promise<DeliveryRecord | null> {
    return this.deliveries.findOne({ _id: id }).lean<DeliveryRecord>();
  }
  /** Records try number `attempt`, only if it is the next one (a re-run job changes nothing). */
  async recordAttempt(id: string, attempt: number, r: AttemptResult, at: Date): Promise<boolean> {
    const res = await this.deliveries.updateOne(
      { _id: id, attempts: attempt - 1, status: trusted({ $in: OPEN }) },
      { $set: { ...r, attempts: attempt, lastAttemptAt: at } },
    );
    return res.matchedCount === 1;
  }
  /** The tenant is suspended: its open deliveries wait (a held one keeps when it was first held). */
  async holdOpen(at: Date): Promise<number> {
    const r = await this.deliveries.updateMany(
      { status: trusted({ $in: OPEN }), heldSince: null },
      { $set: { heldSince: at } },
    );
    return r.modifiedCount;
  }
  /** One delivery held (a try came while the tenant was suspended); false if it already was. */
  async holdOne(id: string, at: Date): Promise<boolean> {
    const r = await this.deliveries.updateOne(
      { _id: id, status: trusted({ $in: OPEN }), heldSince: null },
      { $set: { heldSince: at } },
    );
    return r.modifiedCount === 1;
  }
  heldDeliveries(limit: number): Promise<DeliveryRecord[]> {
    return this.deliveries
      .find({ status: trusted({ $in: OPEN }), heldSince: trusted({ $ne: null }) })
      .limit(limit)
      .lean<DeliveryRecord[]>();
  }
  /** Releases one held delivery (from the hold it was read in): its next try is due now. */
  async release(d: DeliveryRecord, at: Date): Promise<boolean> {
    const r = await this.deliveries.updateOne(
      { _id: d._id, heldSince: d.heldSince, attempts: d.attempts },
      { $set: { heldSince: null, nextAttemptAt: at } },
    );
    return r.modifiedCount === 1;
  }
  /** A new try of a finished delivery: only from the state it was read in. */
  async reopen(d: DeliveryRecord, at: Date): Promise<boolean> {
    const res = await this.deliveries.updateOne(
      { _id: d._id, status: d.status, attempts: d.attempts },
      { $set: { status: 'PENDING', attemptLimit: d.attempts + 1, nextAttemptAt: at }, $inc: { replays: 1 } },
    );
    return res.matchedCount === 1;
  }
  page(
    webhookId: string,
    status: DeliveryStatus | undefined,
    first: number,
    after: DeliveryCursor | undefined,
  ): Promise<DeliveryRecord[]> {
    const filter: Record<string, unknown> = { webhookId };
    if (status) filter.status = status;
    if (after) {
      filter.$or = [
        { createdAt: trusted({ $lt: after.createdAt }) },
        { createdAt: after.createdAt, _id: trusted({ $lt: after.id }) },
      ];
    }
    return this.deliveries
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(first)
      .lean<DeliveryRecord[]>();
  }
  /** Deliveries whose next try is long overdue (its job was lost, e.g. Redis lost data). */
  overdue(before: Date, limit: number): Promise<DeliveryRecord[]> {
    return this.deliveries
      .find({ status: trusted({ $in: OPEN }), nextAttemptAt: trusted({ $lte: before }), heldSince: null })
      .limit(limit)
      .lean<DeliveryRecord[]>();
  }
  async prune(before: Date): Promise<number> {
    const r = await this.deliveries.deleteMany({
      createdAt: trusted({ $lt: before }),
      status: trusted({ $in: FINISHED }),
    });
    return r.deletedCount;
  }

  exportAll() {
    return Promise.all([
      this.webhooks.find({}).sort({ _id: 1 }).lean<WebhookRecord[]>(),
      this.deliveries.find({}).sort({ _id: 1 }).lean<DeliveryRecord[]>(),
    ]);
  }
  async eraseAll(): Promise<number> {
    const [a, b] = await Promise.all([this.webhooks.deleteMany({}), this.deliveries.deleteMany({})]);
    return a.deletedCount + b.deletedCount;
  }
}
