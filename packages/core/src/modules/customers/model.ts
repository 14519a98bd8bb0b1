import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';
import { withOutbox, type OutboxFields } from '../../platform/events/index.js';
import { IDENTITY_KINDS, PII_FIELDS, type IdentityKind, type PiiField } from './fields.js';

/** A PII value at rest: the tenant-key ciphertext and the mask people see by default. */
export interface SealedValue {
  ciphertext: string;
  masked: string;
}

export type AttributeValue = string | number | boolean | null;

export interface CustomerRecord extends OutboxFields {
  _id: string;
  tenantId: string;
  displayName: string | null;
  /** displayName folded and lowercased, for prefix search ('' without a name). */
  nameKey: string;
  locale: string | null;
  tags: string[];
  notes: string | null;
  attributes: Record<string, AttributeValue>;
  residentId: SealedValue | null;
  bankCard: SealedValue | null;
  address: SealedValue | null;
  /** Set when merged into another customer: this document is then a tombstone. */
  mergedIntoId: string | null;
  mergedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const sealed = new Schema<SealedValue>(
  { ciphertext: { type: String, required: true }, masked: { type: String, required: true } },
  { _id: false },
);

const customerSchema = new Schema<CustomerRecord>(
  {
    _id: { type: String, required: true },
    displayName: { type: String, default: null },
    nameKey: { type: String, default: '' },
    locale: { type: String, default: null },
    tags: { type: [String], default: [] },
    notes: { type: String, default: null },
    attributes: { type: Schema.Types.Mixed, default: {} },
    residentId: { type: sealed, default: null },
    bankCard: { type: sealed, default: null },
    address: { type: sealed, default: null },
    mergedIntoId: { type: String, default: null },
    mergedAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, versionKey: false, minimize: false, collection: 'customers' },
);
withOutbox(customerSchema);
customerSchema.index({ tenantId: 1, mergedIntoId: 1, createdAt: -1, _id: -1 });
customerSchema.index({ tenantId: 1, mergedIntoId: 1, nameKey: 1, _id: 1 });
customerSchema.index({ tenantId: 1, tags: 1 });

export const CustomerModel = defineModel('Customer', customerSchema, 'tenant');

/**
 * One way to reach a customer. Unique per tenant on (kind, blind index): two spellings of one
 * mobile number normalise to one value, hence one blind index, hence one customer — and of two
 * concurrent first contacts, the unique index lets exactly one claim it.
 */
export interface CustomerIdentityRecord {
  _id: string;
  tenantId: string;
  /** The customer this identity belongs to (reserved before that customer is written). */
  customerId: string;
  kind: IdentityKind;
  /** tenantCrypto.blindIndex of the normalised value. */
  blindIndex: string;
  /** Email and mobile: the tenant-key ciphertext of the normalised value; null for opaque ids. */
  ciphertext: string | null;
  /** What people see: the mask of an email or mobile, an opaque id as it is. */
  display: string;
  createdAt: Date;
}

const identitySchema = new Schema<CustomerIdentityRecord>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    kind: { type: String, enum: IDENTITY_KINDS, required: true },
    blindIndex: { type: String, required: true },
    ciphertext: { type: String, default: null },
    display: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'customer_identities' },
);
identitySchema.index({ tenantId: 1, kind: 1, blindIndex: 1 }, { unique: true });
identitySchema.index({ tenantId: 1, customerId: 1, createdAt: 1 });

export const CustomerIdentityModel = defineModel('CustomerIdentity', identitySchema, 'tenant');

/** Per-tenant rules of the customers module (one document per tenant). */
export interface CustomerSettingsRecord {
  _id: string;
  tenantId: string;
  /** PII fields agents may reveal (admins and supervisors always may); none by default. */
  agentRevealFields: PiiField[];
  updatedAt: Date;
}

const settingsSchema = new Schema<CustomerSettingsRecord>(
  {
    _id: { type: String, required: true },
    agentRevealFields: { type: [{ type: String, enum: PII_FIELDS }], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'customer_settings' },
);
settingsSchema.index({ tenantId: 1 }, { unique: true });

export const CustomerSettingsModel = defineModel('CustomerSettings', settingsSchema, 'tenant');

export const CUSTOMER_MODELS = [CustomerModel, CustomerIdentityModel, CustomerSettingsModel] as const;
