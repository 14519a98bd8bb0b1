import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';
import type { IsolationTier } from '../../platform/tenancy/context.js';
import type { PlanInput } from './inputs.js';

export type TenantStatus = 'ACTIVE' | 'SUSPENDED' | 'OFFBOARDED';

/** Stored as validated by `planInput` (inputs.ts). */
export type PlanLimits = PlanInput;

export interface TenantRecord {
  _id: string;
  name: string;
  slug: string;
  tier: IsolationTier;
  status: TenantStatus;
  plan: PlanLimits;
  locale: string;
  timeZone: string;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  offboardedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<TenantRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    slug: { type: String, required: true },
    tier: { type: String, enum: ['POOLED', 'SILOED'], required: true, immutable: true },
    status: { type: String, enum: ['ACTIVE', 'SUSPENDED', 'OFFBOARDED'], required: true },
    plan: {
      seats: { type: Number, required: true },
      apiRatePerMinute: { type: Number, required: true },
      storageMb: { type: Number, required: true },
    },
    locale: { type: String, required: true },
    timeZone: { type: String, required: true },
    suspendedAt: { type: Date, default: null },
    suspendedReason: { type: String, default: null },
    offboardedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'tenants' },
);
schema.index({ slug: 1 }, { unique: true });
schema.index({ status: 1, createdAt: -1 });

/** Tenants are the provider's own records: platform placement, no tenantId. */
export const TenantModel = defineModel('Tenant', schema, 'platform');

/** An offboarding export: the archive is gzip'd JSON, stored in chunks below the document size limit. */
export interface TenantExportRecord {
  _id: string;
  tenantId: string;
  tenantSlug: string;
  createdBy: string;
  documents: number;
  bytes: number;
  chunks: number;
  createdAt: Date;
}

const exportSchema = new Schema<TenantExportRecord>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    tenantSlug: { type: String, required: true },
    createdBy: { type: String, required: true },
    documents: { type: Number, required: true },
    bytes: { type: Number, required: true },
    chunks: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'tenant_exports' },
);
exportSchema.index({ createdAt: -1 });
/** Kept by the provider after the tenant's data is gone, hence platform placement. */
export const TenantExportModel = defineModel('TenantExport', exportSchema, 'platform');

export interface TenantExportChunkRecord {
  _id: string;
  exportId: string;
  n: number;
  data: Buffer;
}

const chunkSchema = new Schema<TenantExportChunkRecord>(
  {
    _id: { type: String, required: true },
    exportId: { type: String, required: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false, collection: 'tenant_export_chunks' },
);
chunkSchema.index({ exportId: 1, n: 1 }, { unique: true });
export const TenantExportChunkModel = defineModel('TenantExportChunk', chunkSchema, 'platform');
