import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';
import type { ApiScope, ProviderRole, TenantRole } from '../../platform/auth/principal.js';

export type UserStatus = 'INVITED' | 'ACTIVE' | 'DISABLED';

/** A person. Global, because a provider agent works for several tenants with one identity. */
export interface UserRecord {
  _id: string;
  email: string;
  name: string;
  status: UserStatus;
  passwordHash: string | null;
  providerRole: ProviderRole | null;
  /** Bumped by a password change or "sign out everywhere": older tokens stop working. */
  tokenVersion: number;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    status: { type: String, enum: ['INVITED', 'ACTIVE', 'DISABLED'], required: true },
    passwordHash: { type: String, default: null },
    providerRole: { type: String, enum: ['PROVIDER_ADMIN', 'PROVIDER_AGENT', null], default: null },
    tokenVersion: { type: Number, default: 0 },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'users' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ providerRole: 1, createdAt: -1 });
export const UserModel = defineModel('User', userSchema, 'platform');

/**
 * `INVITED`: the tenant invited the person and they have not accepted. Such a membership is the
 * tenant's own record of its invitation — it holds a seat and carries what the tenant typed — but
 * it grants nothing: sign-in, tokens and tenant switching see `ACTIVE` memberships only.
 */
export type MembershipStatus = 'INVITED' | 'ACTIVE';

/** A user's place in a tenant. Kept on the platform so login can find a user's tenants. */
export interface MembershipRecord {
  _id: string;
  tenantId: string;
  userId: string;
  role: TenantRole;
  /** A provider agent staffed onto this tenant (as opposed to the brand's own staff). */
  staffed: boolean;
  /** Absent on memberships written before invitations were tenant-owned: those are ACTIVE. */
  status?: MembershipStatus;
  /** While INVITED: the email and name the tenant typed (the account's own are not the tenant's to see). */
  invitedEmail?: string | null;
  invitedName?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const membershipSchema = new Schema<MembershipRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, immutable: true },
    role: { type: String, enum: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'], required: true },
    staffed: { type: Boolean, default: false },
    status: { type: String, enum: ['INVITED', 'ACTIVE'], default: 'ACTIVE' },
    invitedEmail: { type: String, default: null },
    invitedName: { type: String, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'memberships' },
);
membershipSchema.index({ tenantId: 1, userId: 1 }, { unique: true });
membershipSchema.index({ tenantId: 1, role: 1 });
membershipSchema.index({ userId: 1 });
export const MembershipModel = defineModel('Membership', membershipSchema, 'tenant-platform');

/** A signed-in session: one refresh-token family. */
export interface SessionRecord {
  _id: string;
  userId: string;
  /** The tenant the session currently acts for (null: provider level). */
  tenantId: string | null;
  refreshHash: string;
  /** Hashes of refresh tokens already rotated away: presenting one again is reuse. */
  usedHashes: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const sessionSchema = new Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    tenantId: { type: String, default: null },
    refreshHash: { type: String, required: true },
    usedHashes: { type: [String], default: [] },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    userAgent: { type: String, default: null },
    ip: { type: String, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'sessions' },
);
sessionSchema.index({ userId: 1, revokedAt: 1 });
sessionSchema.index({ tenantId: 1, revokedAt: 1 });
export const SessionModel = defineModel('Session', sessionSchema, 'platform');

export interface InvitationRecord {
  _id: string;
  tokenHash: string;
  userId: string;
  email: string;
  tenantId: string | null;
  role: TenantRole | null;
  providerRole: ProviderRole | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

const invitationSchema = new Schema<InvitationRecord>(
  {
    _id: { type: String, required: true },
    tokenHash: { type: String, required: true },
    userId: { type: String, required: true },
    email: { type: String, required: true },
    tenantId: { type: String, default: null },
    role: { type: String, enum: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT', null], default: null },
    providerRole: { type: String, enum: ['PROVIDER_ADMIN', 'PROVIDER_AGENT', null], default: null },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    createdBy: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, collection: 'invitations' },
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });
invitationSchema.index({ userId: 1 });
/** Invitations are found by token before anyone is signed in: platform placement. */
export const InvitationModel = defineModel('Invitation', invitationSchema, 'platform');

/** Tenant-owned: a siloed tenant's keys live in its own database. */
export interface ApiKeyRecord {
  _id: string;
  tenantId: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: ApiScope[];
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    hash: { type: String, required: true },
    scopes: { type: [String], required: true },
    createdBy: { type: String, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, collection: 'api_keys' },
);
apiKeySchema.index({ tenantId: 1, hash: 1 }, { unique: true });
apiKeySchema.index({ tenantId: 1, revokedAt: 1, createdAt: -1 });
export const ApiKeyModel = defineModel('ApiKey', apiKeySchema, 'tenant');

/**
 * How many seats of the plan a tenant uses: memberships in any state, invited ones included.
 * Taken with one conditional update (`used < seats` then `$inc`), so concurrent invitations and
 * staffings can never exceed the plan (counting and then inserting could).
 */
export interface SeatCounterRecord {
  _id: string;
  tenantId: string;
  used: number;
  createdAt: Date;
  updatedAt: Date;
}

const seatCounterSchema = new Schema<SeatCounterRecord>(
  {
    _id: { type: String, required: true },
    used: { type: Number, required: true, min: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'seat_counters' },
);
seatCounterSchema.index({ tenantId: 1 }, { unique: true });
export const SeatCounterModel = defineModel('SeatCounter', seatCounterSchema, 'tenant-platform');
