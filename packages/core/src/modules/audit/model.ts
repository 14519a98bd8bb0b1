import type { TenantRef } from '../../platform/tenancy/context.js';
import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';

/** Audit entries about provider-level things (not one tenant's) carry this tenantId. */
export const PROVIDER_AUDIT_SCOPE = 'provider';
/**
 * The scope provider-level entries are filed under. Audit entries are `tenant-platform` (always in
 * the platform database), so the tier never places them.
 */
export const PROVIDER_AUDIT_REF: TenantRef = { id: PROVIDER_AUDIT_SCOPE, tier: 'POOLED' };

export interface AuditRecord {
  _id: string;
  tenantId: string;
  at: Date;
  actor: { type: string; id: string; display: string };
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  /** The client's address (behind a trusted proxy, the forwarded one; see TRUST_PROXY). */
  ip: string | null;
}

const schema = new Schema<AuditRecord>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: {
      type: { type: String, required: true },
      id: { type: String, required: true },
      display: { type: String, required: true },
    },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    requestId: { type: String, default: null },
    ip: { type: String, default: null },
  },
  { versionKey: false, collection: 'audit_log' },
);
schema.index({ tenantId: 1, at: -1 });
schema.index({ tenantId: 1, action: 1, at: -1 });
schema.index({ tenantId: 1, 'actor.id': 1, at: -1 });

/**
 * The audit trail is the provider's compliance record: kept in the platform database for every
 * tier (so a provider admin can read it across tenants), scoped per tenant like any tenant data.
 * Snapshots never hold secrets; see audit/service.ts.
 */
export const AuditModel = defineModel('AuditEntry', schema, 'tenant-platform');
