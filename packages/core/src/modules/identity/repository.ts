import mongoose from 'mongoose';
import type { CredentialVersions } from '../../platform/auth/versions.js';
import type { Database } from '../../platform/db/index.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import type { TenantRole } from '../../platform/auth/principal.js';
import {
  ApiKeyModel,
  InvitationModel,
  MembershipModel,
  SessionModel,
  UserModel,
  type ApiKeyRecord,
  type InvitationRecord,
  type MembershipRecord,
  type SessionRecord,
  type UserRecord,
} from './model.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Memberships written before invitations were tenant-owned have no status: they are active. */
const active = () => mongoose.trusted({ $ne: 'INVITED' as const });

/**
 * The only code that touches identity models. Tenant scoping is added by the tenancy plugin.
 * Writes that end or change a credential (sessions, users, memberships, API keys) bump its
 * revocation version after the write (`versions.bump`), so every API process's cached check of it
 * is stale from the next request on — the request path's exact revocation relies on it.
 */
export class IdentityRepository {
  constructor(
    private readonly db: Database,
    private readonly versions: CredentialVersions,
  ) {}

  private get users() {
    return this.db.model(UserModel);
  }
  private get memberships() {
    return this.db.model(MembershipModel);
  }
  private get sessions() {
    return this.db.model(SessionModel);
  }
  private get invitations() {
    return this.db.model(InvitationModel);
  }
  private get apiKeys() {
    return this.db.model(ApiKeyModel);
  }

  // users (platform)
  findUserByEmail(email: string) {
    return this.users.findOne({ email: email.toLowerCase() }).lean<UserRecord>();
  }
  findUser(id: string) {
    return this.users.findById(id).lean<UserRecord>();
  }
  findUsers(ids: string[]) {
    return this.users.find({ _id: mongoose.trusted({ $in: ids }) }).lean<UserRecord[]>();
  }
  async createUser(u: Omit<UserRecord, 'createdAt' | 'updatedAt'>): Promise<UserRecord> {
    const doc = await this.users.create(u);
    return doc.toObject<UserRecord>();
  }
  async updateUser(
    id: string,
    set: Partial<Pick<UserRecord, 'name' | 'status' | 'passwordHash' | 'lastLoginAt'>>,
  ): Promise<UserRecord | null> {
    const after = await this.users
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<UserRecord>();
    // Any change: cached checks hold the profile too (the viewer is served from them).
    await this.versions.bump({ kind: 'user', id });
    return after;
  }
  /**
   * A person removed from their last tenant, invited again: the account starts over as invited
   * (no password; tokens of its past sessions stop working).
   */
  async reopenUser(id: string) {
    const r = await this.users.updateOne(
      { _id: id, status: 'DISABLED', providerRole: null },
      { $set: { status: 'INVITED', passwordHash: null }, $inc: { tokenVersion: 1 } },
    );
    await this.versions.bump({ kind: 'user', id });
    return r;
  }
  /** Password change / sign out everywhere: tokens carrying the old version stop working. */
  async deleteUser(id: string) {
    const r = await this.users.deleteOne({ _id: id });
    await this.versions.bump({ kind: 'user', id });
    return r;
  }
  async setPassword(id: string, passwordHash: string): Promise<UserRecord | null> {
    const after = await this.users
      .findOneAndUpdate(
        { _id: id },
        { $set: { passwordHash, status: 'ACTIVE' }, $inc: { tokenVersion: 1 } },
        { returnDocument: 'after' },
      )
      .lean<UserRecord>();
    await this.versions.bump({ kind: 'user', id });
    return after;
  }
  async pageUsers(
    ids: string[] | null,
    providerOnly: boolean,
    search: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: UserRecord[]; total: number }> {
    const filter: Record<string, unknown> = {};
    if (ids) filter._id = mongoose.trusted({ $in: ids });
    if (providerOnly) filter.providerRole = mongoose.trusted({ $ne: null });
    if (search) {
      const rx = new RegExp(escapeRegex(search), 'i');
      filter.$or = [{ email: rx }, { name: rx }];
    }
    const [items, total] = await Promise.all([
      this.users
        .find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<UserRecord[]>(),
      this.users.countDocuments(filter),
    ]);
    return { items, total };
  }

  /** The first `limit` users among `ids` matching `search`, newest first, and how many match. */
  firstUsers(ids: string[], search: string | undefined, limit: number) {
    return this.pageUsers(ids, false, search, 1, limit);
  }

  // memberships (tenant-scoped; cross-tenant reads only in an all-tenants system scope).
  // An INVITED membership is the tenant's record of a pending invitation: it holds a seat, but
  // sign-in, tokens and switching read ACTIVE ones only (`membershipOf`, `membershipsOfUser`).
  /** A person's ACTIVE memberships (their tenants). */
  membershipsOfUser(userId: string) {
    return this.memberships
      .find({ userId, status: active() })
      .sort({ createdAt: 1 })
      .lean<MembershipRecord[]>();
  }
  /** The person's ACTIVE membership of the current tenant. */
  membershipOf(userId: string) {
    return this.memberships.findOne({ userId, status: active() }).lean<MembershipRecord>();
  }
  /** The person's membership of the current tenant, invited or active. */
  membershipOrInvitationOf(userId: string) {
    return this.memberships.findOne({ userId }).lean<MembershipRecord>();
  }
  /** Every membership of a person, invited ones included (is anything left of them anywhere?). */
  membershipsOrInvitationsOfUser(userId: string) {
    return this.memberships.find({ userId }).lean<MembershipRecord[]>();
  }
  tenantMemberships() {
    return this.memberships.find({}).lean<MembershipRecord[]>();
  }
  /** Seats in use: memberships in any state. */
  countMemberships() {
    return this.memberships.countDocuments({});
  }
  countAdmins() {
    return this.memberships.countDocuments({ role: 'TENANT_ADMIN', status: active() });
  }
  /** The tenant's ACTIVE members' user ids. */
  async activeMemberIds(): Promise<Map<string, TenantRole>> {
    const rows = await this.memberships.find({ status: active() }).lean<MembershipRecord[]>();
    return new Map(rows.map((m) => [m.userId, m.role]));
  }
  /** The tenant's pending invitations matching `search` (on what the tenant typed), newest first. */
  async firstInvited(
    search: string | undefined,
    limit: number,
  ): Promise<{ items: MembershipRecord[]; total: number }> {
    const filter: Record<string, unknown> = { status: 'INVITED' };
    if (search) {
      const rx = new RegExp(escapeRegex(search), 'i');
      filter.$or = [{ invitedEmail: rx }, { invitedName: rx }];
    }
    const [items, total] = await Promise.all([
      this.memberships.find(filter).sort({ createdAt: -1, _id: 1 }).limit(limit).lean<MembershipRecord[]>(),
      this.memberships.countDocuments(filter),
    ]);
    return { items, total };
  }
  async addMembership(
    m: Omit<MembershipRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<MembershipRecord> {
    const doc = await this.memberships.create(m);
    return doc.toObject<MembershipRecord>();
  }
  /** The person accepted: their invited membership becomes a real one (true if they are a member now). */
  async joinInvitedTenant(userId: string): Promise<boolean> {
    const joined = await this.memberships.updateOne(
      { userId, status: 'INVITED' },
      { $set: { status: 'ACTIVE', invitedEmail: null, invitedName: null } },
    );
    return joined.modifiedCount === 1 || (await this.membershipOf(userId)) !== null;
  }
  /** A provider agent staffed where the tenant had invited their email: the invitation becomes the staffing. */
  staffInvited(userId: string, role: TenantRole) {
    return this.memberships
      .findOneAndUpdate(
        { userId, status: 'INVITED' },
        { $set: { status: 'ACTIVE', staffed: true, role, invitedEmail: null, invitedName: null } },
        { returnDocument: 'after' },
      )
      .lean<MembershipRecord>();
  }
  async setMembershipRole(userId: string, role: TenantRole): Promise<MembershipRecord | null> {
    const after = await this.memberships
      .findOneAndUpdate({ userId }, { $set: { role } }, { returnDocument: 'after' })
      .lean<MembershipRecord>();
    await this.versions.bump({ kind: 'user', id: userId });
    return after;
  }
  async removeMembership(userId: string): Promise<MembershipRecord | null> {
    const removed = await this.memberships.findOneAndDelete({ userId }).lean<MembershipRecord>();
    await this.versions.bump({ kind: 'user', id: userId });
    return removed;
  }
  async deleteTenantMemberships() {
    const r = await this.memberships.deleteMany({});
    await this.versions.bump({ kind: 'tenant', id: requireTenant().id });
    return r;
  }

  // sessions (platform)
  async createSession(s: Omit<SessionRecord, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.sessions.create(s);
  }
  findSession(id: string) {
    return this.sessions.findById(id).lean<SessionRecord>();
  }
  /** Atomic rotation: only the holder of the current refresh token wins; a replay matches nothing. */
  async rotateSession(
    id: string,
    presentedHash: string,
    nextHash: string,
    set: { tenantId?: string | null } = {},
  ): Promise<SessionRecord | null> {
    const rotated = await this.sessions
      .findOneAndUpdate(
        { _id: id, refreshHash: presentedHash, revokedAt: null },
        {
          $set: { refreshHash: nextHash, ...set },
          $push: { usedHashes: mongoose.trusted({ $each: [presentedHash], $slice: -50 }) },
        },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord>();
    // Its tenant may have changed (switchTenant): tokens naming the old one must fail now.
    if (rotated && set.tenantId !== undefined) await this.versions.bump({ kind: 'session', id });
    return rotated;
  }
  async revokeSession(id: string, reason: string) {
    const r = await this.sessions.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
    await this.versions.bump({ kind: 'session', id });
    return r;
  }
  async revokeUserSessions(userId: string, reason: string, tenantId?: string) {
    const filter: Record<string, unknown> = { userId, revokedAt: null };
    if (tenantId !== undefined) filter.tenantId = tenantId;
    const r = await this.sessions.updateMany(filter, {
      $set: { revokedAt: new Date(), revokedReason: reason },
    });
    await this.versions.bump({ kind: 'user', id: userId });
    return r;
  }
  async deleteTenantSessions(tenantId: string) {
    const r = await this.sessions.deleteMany({ tenantId });
    await this.versions.bump({ kind: 'tenant', id: tenantId });
    return r;
  }
  async deleteUserSessions(userId: string) {
    const r = await this.sessions.deleteMany({ userId });
    await this.versions.bump({ kind: 'user', id: userId });
    return r;
  }
  async revokeTenantSessions(tenantId: string, reason: string) {
    const r = await this.sessions.updateMany(
      { tenantId, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
    await this.versions.bump({ kind: 'tenant', id: tenantId });
    return r;
  }

  // invitations (platform, found by token hash)
  async createInvitation(inv: Omit<InvitationRecord, 'createdAt'>): Promise<void> {
    await this.invitations.create(inv);
  }
  findInvitation(tokenHash: string) {
    return this.invitations.findOne({ tokenHash }).lean<InvitationRecord>();
  }
  deleteTenantInvitations(tenantId: string) {
    return this.invitations.deleteMany({ tenantId });
  }
  deleteUserInvitations(userId: string) {
    return this.invitations.deleteMany({ userId });
  }
  /** A tenant withdrew its invitation of a person: the links it sent stop working. */
  deletePendingInvitations(tenantId: string, userId: string) {
    return this.invitations.deleteMany({ tenantId, userId, acceptedAt: null });
  }
  /** Single use: only the first acceptance matches. */
  acceptInvitation(id: string) {
    return this.invitations
      .findOneAndUpdate(
        { _id: id, acceptedAt: null },
        { $set: { acceptedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean<InvitationRecord>();
  }

  // API keys (tenant placement: a siloed tenant's keys live in its database)
  async createApiKey(k: Omit<ApiKeyRecord, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<ApiKeyRecord> {
    const doc = await this.apiKeys.create(k);
    return doc.toObject<ApiKeyRecord>();
  }
  listApiKeys() {
    return this.apiKeys.find({}).sort({ createdAt: -1 }).lean<ApiKeyRecord[]>();
  }
  findApiKeyByHash(hash: string) {
    return this.apiKeys.findOne({ hash }).lean<ApiKeyRecord>();
  }
  countActiveApiKeys() {
    return this.apiKeys.countDocuments({ revokedAt: null });
  }
  async revokeApiKey(id: string): Promise<ApiKeyRecord | null> {
    const after = await this.apiKeys
      .findOneAndUpdate({ _id: id }, { $set: { revokedAt: new Date() } }, { returnDocument: 'after' })
      .lean<ApiKeyRecord>();
    await this.versions.bump({ kind: 'apiKeys', tenantId: requireTenant().id });
    return after;
  }
  findApiKey(id: string) {
    return this.apiKeys.findById(id).lean<ApiKeyRecord>();
  }
  /** Written at most once a minute per key, so a busy key does not write on every call. */
  touchApiKey(id: string, now: Date) {
    return this.apiKeys.updateOne(
      {
        _id: id,
        $or: [
          { lastUsedAt: null },
          { lastUsedAt: mongoose.trusted({ $lt: new Date(now.getTime() - 60_000) }) },
        ],
      },
      { $set: { lastUsedAt: now } },
    );
  }
  exportApiKeys() {
    return this.apiKeys.find({}).select({ hash: 0 }).lean<Omit<ApiKeyRecord, 'hash'>[]>();
  }
  async deleteTenantApiKeys() {
    const r = await this.apiKeys.deleteMany({});
    await this.versions.bump({ kind: 'apiKeys', tenantId: requireTenant().id });
    return r;
  }
}
