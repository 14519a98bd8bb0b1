import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';

export const DELIVERY_STATUSES = ['PENDING', 'FAILED', 'SUCCEEDED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A tenant's subscription: where to send which events, and the signing secret (encrypted). */
export interface WebhookRecord {
  _id: string;
  tenantId: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  description: string;
  /**
   * The signing secret, encrypted with the tenant's own data key (tenantCrypto, field
   * `webhook.secret`); never stored in clear, unreadable once the tenant's key is shredded.
   */
  encryptedSecret: string;
  /** After a rotation, the previous secret still signs until `previousSecretExpiresAt`. */
  previousEncryptedSecret: string | null;
  previousSecretExpiresAt: Date | null;
  secretRotatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const webhookSchema = new Schema<WebhookRecord>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    active: { type: Boolean, required: true },
    description: { type: String, default: '' },
    encryptedSecret: { type: String, required: true },
    previousEncryptedSecret: { type: String, default: null },
    previousSecretExpiresAt: { type: Date, default: null },
    secretRotatedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'webhooks' },
);
webhookSchema.index({ tenantId: 1, createdAt: -1 });
webhookSchema.index({ tenantId: 1, active: 1, eventTypes: 1 });

export const WebhookModel = defineModel('Webhook', webhookSchema, 'tenant');

/** One event for one subscription, and how its tries went (the delivery log). */
export interface DeliveryRecord {
  _id: string;
  tenantId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** The catalogue envelope, exactly what is sent (and re-sent on retries and replays). */
  event: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  /** The try after which a failure is final (raised by one on each replay). */
  attemptLimit: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  /** A short, safe reason for the last failure (`HTTP_500`, `TIMEOUT`, `ADDRESS_REFUSED`…). */
  lastError: string | null;
  /** The start of the receiver's last answer, bounded. */
  responseExcerpt: string | null;
  replays: number;
  /** Set while the tenant is suspended: no try is made (none is used up) until it is resumed. */
  heldSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const deliverySchema = new Schema<DeliveryRecord>(
  {
    _id: { type: String, required: true },
    webhookId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    attempts: { type: Number, required: true },
    attemptLimit: { type: Number, required: true },
    nextAttemptAt: { type: Date, default: null },
    lastAttemptAt: { type: Date, default: null },
    lastStatusCode: { type: Number, default: null },
    lastLatencyMs: { type: Number, default: null },
    lastError: { type: String, default: null },
    responseExcerpt: { type: String, default: null },
    replays: { type: Number, default: 0 },
    heldSince: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'webhook_deliveries', minimize: false },
);
// At least once in, one delivery per (subscription, event): the consumer upserts on this.
deliverySchema.index({ tenantId: 1, webhookId: 1, eventId: 1 }, { unique: true });
deliverySchema.index({ tenantId: 1, webhookId: 1, createdAt: -1, _id: -1 });
deliverySchema.index({ tenantId: 1, webhookId: 1, status: 1, createdAt: -1, _id: -1 });
// The sweeper: deliveries whose next try is overdue (a lost job) and old ones to prune.
deliverySchema.index({ tenantId: 1, status: 1, nextAttemptAt: 1 });
deliverySchema.index({ tenantId: 1, createdAt: 1 });

export const WebhookDeliveryModel = defineModel('WebhookDelivery', deliverySchema, 'tenant');
