import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';

/** What an intake request answered, kept per Idempotency-Key so a retry gets the same answer. */
export interface IntakeResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One Idempotency-Key of a tenant: the hash of the request it was first used with, and the answer
 * once there is one. Reserved before the work, so a second use with another body is refused
 * before anything is written. Kept for a day (a job deletes expired keys: no TTL indexes on FerretDB).
 */
export interface ChannelRequestRecord {
  _id: string;
  tenantId: string;
  key: string;
  /** SHA-256 of the validated request: no PII kept here, only its hash. */
  bodyHash: string;
  response: IntakeResponse | null;
  createdAt: Date;
  expiresAt: Date;
}

const schema = new Schema<ChannelRequestRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    bodyHash: { type: String, required: true },
    response: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false, collection: 'channel_requests' },
);
schema.index({ tenantId: 1, key: 1 }, { unique: true });
schema.index({ tenantId: 1, expiresAt: 1 });

export const ChannelRequestModel = defineModel('ChannelRequest', schema, 'tenant');
