import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';

export interface TenantDataKeyRecord {
  _id: string;
  tenantId: string;
  /** 1 for the first key; a rotation adds the next version and keeps the old ones to decrypt. */
  version: number;
  /** The data key sealed by `sealer` with the tenant and key id as associated data. */
  sealed: string;
  /** Which KeySealer sealed it (`master-key/v1`, later a KMS). */
  sealer: string;
  createdAt: Date;
}

const schema = new Schema<TenantDataKeyRecord>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    sealed: { type: String, required: true },
    sealer: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'tenant_data_keys' },
);
// One key per version per tenant: two concurrent first uses cannot both create one.
schema.index({ tenantId: 1, version: 1 }, { unique: true });

/**
 * `tenant-platform`: in the platform database for every tier. The key must not live next to the
 * data it protects — a siloed tenant's database (or a backup of it) holds only ciphertext — and the
 * platform must be able to destroy it whatever happens to the silo.
 */
export const TenantDataKeyModel = defineModel('TenantDataKey', schema, 'tenant-platform');
