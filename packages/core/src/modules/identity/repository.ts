import mongoose from 'mongoose';
import type { Database } from '../../platform/db/index.js';
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

/** The only code that touches identity models. Tenant scoping is added by the tenancy plugin. */
export class IdentityRepository {
  constructor(private readonly db: Database) {}

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
  updateUser(id: string, set: Partial<Pick<UserRecord, 'name' | 'status' | 'passwordHash' | 'lastLoginAt'>>) {
    return this.users
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<UserRecord>();
  }
  /** Password change / sign out everywhere: tokens carrying the old version stop working. */
  deleteUser(id: string) {
    return this.users.deleteOne({ _id: id });
  }
  setPassword(id: string, passwordHash: string) {
    return this.users
      .findOneAndUpdate(
        { _id: id },
        { $set: { passwordHash, status: 'ACTIVE' }, $inc: { tokenVersion: 1 } },
        { returnDocument: 'after' },
      )
      .lean<UserRecord>();
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

  // memberships (tenant-scoped; cross-tenant reads only in an all-tenants system scope)
  membershipsOfUser(userId: string) {
    return this.memberships.find({ userId }).sort({ createdAt: 1 }).lean<MembershipRecord[]>();
  }
  membershipOf(userId: string) {
    return this.memberships.findOne({ userId }).lean<MembershipRecord>();
  }
  tenantMemberships() {
    return this.memberships.find({}).lean<MembershipRecord[]>();
  }
  countMemberships() {
    return this.memberships.countDocuments({});
  }
  countAdmins() {
    return this.memberships.countDocuments({ role: 'TENANT_ADMIN' });
  }
  async addMembership(
    m: Omit<MembershipRecord, 'tenantId' | 'createdAt' | 'updatedAt'>,
  ): Promise<MembershipRecord> {
    const doc = await this.memberships.create(m);
    return doc.toObject<MembershipRecord>();
  }
  setMembershipRole(userId: string, role: TenantRole) {
    return this.memberships
      .findOneAndUpdate({ userId }, { $set: { role } }, { returnDocument: 'after' })
      .lean<MembershipRecord>();
  }
  removeMembership(userId: string) {
    return this.memberships.findOneAndDelete({ userId }).lean<MembershipRecord>();
  }
  deleteTenantMemberships() {
    return this.memberships.deleteMany({});
  }

  // sessions (platform)
  async createSession(s: Omit<SessionRecord, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.sessions.create(s);
  }
  findSession(id: string) {
    return this.sessions.findById(id).lean<SessionRecord>();
  }
  /** Atomic rotation: only the holder of the current refresh token wins; a replay matches nothing. */
  rotateSession(id: string, presentedHash: string, nextHash: string, set: { tenantId?: string | null } = {}) {
    return this.sessions
      .findOneAndUpdate(
        { _id: id, refreshHash: presentedHash, revokedAt: null },
        {
          $set: { refreshHash: nextHash, ...set },
          $push: { usedHashes: mongoose.trusted({ $each: [presentedHash], $slice: -50 }) },
        },
        { returnDocument: 'after' },
      )
      .lean<SessionRecord>();
  }
  revokeSession(id: string, reason: string) {
    return this.sessions.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
  }
  revokeUserSessions(userId: string, reason: string, tenantId?: string) {
    const filter: Record<string, unknown> = { userId, revokedAt: null };
    if (tenantId !== undefined) filter.tenantId = tenantId;
    return this.sessions.updateMany(filter, { $set: { revokedAt: new Date(), revokedReason: reason } });
  }
  deleteTenantSessions(tenantId: string) {
    return this.sessions.deleteMany({ tenantId });
  }
  deleteUserSessions(userId: string) {
    return this.sessions.deleteMany({ userId });
  }
  revokeTenantSessions(tenantId: string, reason: string) {
    return this.sessions.updateMany(
      { tenantId, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
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
  revokeApiKey(id: string) {
    return this.apiKeys
      .findOneAndUpdate({ _id: id }, { $set: { revokedAt: new Date() } }, { returnDocument: 'after' })
      .lean<ApiKeyRecord>();
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
  deleteTenantApiKeys() {
    return this.apiKeys.deleteMany({});
  }
}
