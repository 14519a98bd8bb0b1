import type { Config } from '../../platform/config/index.js';
import type { ApiScope, Principal, ProviderRole, TenantRole } from '../../platform/auth/principal.js';
import { sha256 } from '../../platform/crypto.js';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { requireTenant, runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import { identityIds } from './ids.js';
import type { ApiKeyRecord, MembershipRecord, UserRecord } from './model.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { IdentityRepository } from './repository.js';

export interface InvitationLink {
  url: string;
  token: string;
  email: string;
  expiresAt: Date;
}

export interface UserView {
  user: UserRecord;
  role: TenantRole | null;
}

export interface ApiKeyWithSecret {
  apiKey: ApiKeyRecord;
  secret: string;
}

/** Users, memberships, invitations, staffing and API keys. */
export class IdentityService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly config: Config,
  ) {}

  // ---------- invitations ----------

  private async createInvitation(args: {
    email: string;
    name: string;
    tenantId: string | null;
    role: TenantRole | null;
    providerRole: ProviderRole | null;
    createdBy: string;
  }): Promise<{ link: InvitationLink; user: UserRecord }> {
    return runAsSystem('identity.invite', async () => {
      let user = await this.repo.findUserByEmail(args.email);
      if (user && args.providerRole)
        throw new IdentityError('ALREADY_MEMBER', 'A user with this email exists');
      if (!user) {
        // Two invitations of one email at once: the unique index on email decides the winner.
        user = await this.repo
          .createUser({
            _id: newId('usr'),
            email: args.email,
            name: args.name,
            status: 'INVITED',
            passwordHash: null,
            providerRole: args.providerRole,
            tokenVersion: 0,
            lastLoginAt: null,
          })
          .catch(async (e: unknown) => {
            if (!isDuplicateKeyError(e)) throw e;
            const winner = args.providerRole ? null : await this.repo.findUserByEmail(args.email);
            if (!winner) throw new IdentityError('ALREADY_MEMBER', 'A user with this email exists');
            return winner;
          });
      }
      const token = randomToken(40);
      const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3_600_000);
      await this.repo.createInvitation({
        _id: identityIds.next('inv'),
        tokenHash: sha256(token),
        userId: user._id,
        email: args.email,
        tenantId: args.tenantId,
        role: args.role,
        providerRole: args.providerRole,
        expiresAt,
        acceptedAt: null,
        createdBy: args.createdBy,
      });
      return { link: { url: `/invite/${token}`, token, email: args.email, expiresAt }, user };
    });
  }

  async invitationInfo(token: string) {
    const inv = await runAsSystem('identity.invitation-info', () => this.repo.findInvitation(sha256(token)));
    if (!inv || inv.acceptedAt) throw new IdentityError('INVITATION_INVALID', 'This invitation is not valid');
    if (inv.expiresAt <= new Date())
      throw new IdentityError('INVITATION_EXPIRED', 'This invitation has expired');
    const tenant = inv.tenantId ? await this.tenants.get(inv.tenantId) : null;
    return {
      email: inv.email,
      tenantName: tenant?.name ?? null,
      role: inv.role,
      providerRole: inv.providerRole,
      expiresAt: inv.expiresAt,
    };
  }

  /**
   * Adds a person to the current tenant (or to `tenant` from a system scope, at onboarding).
   * Whether the email already has an account elsewhere is never revealed to the tenant.
   */
  async inviteToTenant(
    actor: Principal,
    input: { email: string; name: string; role: TenantRole },
    tenant: TenantRef = requireTenant(),
  ): Promise<InvitationLink> {
    const summary = await this.tenants.get(tenant.id);
    if (!summary) throw notFound('Tenant');
    return runAsSystem('identity.invite-to-tenant', () =>
      withTenant(tenant, async () => {
        const seatsUsed = await this.repo.countMemberships();
        if (seatsUsed >= summary.seats) {
          throw new IdentityError('SEAT_LIMIT_REACHED', `All ${summary.seats} seats of the plan are taken`, {
            details: { seats: summary.seats },
          });
        }
        const existing = await this.repo.findUserByEmail(input.email);
        if (existing && (await this.repo.membershipOf(existing._id))) {
          throw new IdentityError('ALREADY_MEMBER', 'This person is already a member');
        }
        const { link, user } = await this.createInvitation({
          ...input,
          tenantId: tenant.id,
          providerRole: null,
          createdBy: actorId(actor),
        });
        const membership = await this.repo.addMembership({
          _id: identityIds.next('mbr'),
          userId: user._id,
          role: input.role,
          staffed: false,
        });
        await this.audit.record({
          action: 'user.invited',
          targetType: 'user',
          targetId: user._id,
          after: { email: input.email, role: membership.role },
        });
        return link;
      }),
    );
  }

  async inviteProviderUser(actor: Principal, input: { email: string; name: string; role: ProviderRole }) {
    const { link, user } = await this.createInvitation({
      ...input,
      tenantId: null,
      role: null,
      providerRole: input.role,
      createdBy: actorId(actor),
    });
    await runAsSystem('identity.invite-provider', () =>
      this.audit.record({
        action: 'provider_user.invited',
        targetType: 'user',
        targetId: user._id,
        after: { email: input.email, providerRole: input.role },
      }),
    );
    return link;
  }

  // ---------- users of the current tenant ----------

  async listTenantUsers(search: string | undefined, page: number, pageSize: number) {
    const memberships = await this.repo.tenantMemberships();
    const roleOf = new Map(memberships.map((m) => [m.userId, m.role]));
    const { items, total } = await runAsSystem('identity.list-users', () =>
      this.repo.pageUsers([...roleOf.keys()], false, search, page, pageSize),
    );
    return { items: items.map((user) => ({ user, role: roleOf.get(user._id) ?? null })), total };
  }

  /** A user of the current tenant; a user of another tenant is simply not found. */
  async getTenantUser(userId: string): Promise<UserView> {
    const membership = await this.repo.membershipOf(userId);
    if (!membership) throw notFound('User');
    const user = await runAsSystem('identity.get-user', () => this.repo.findUser(userId));
    if (!user) throw notFound('User');
    return { user, role: membership.role };
  }

  async updateUserRole(userId: string, role: TenantRole): Promise<UserView> {
    const before = await this.repo.membershipOf(userId);
    if (!before) throw notFound('User');
    if (before.role === 'TENANT_ADMIN' && role !== 'TENANT_ADMIN' && (await this.repo.countAdmins()) <= 1) {
      throw new IdentityError('LAST_ADMIN', 'A tenant needs at least one administrator');
    }
    const after = await this.repo.setMembershipRole(userId, role);
    if (!after) throw notFound('User');
    await this.audit.record({
      action: 'user.role_changed',
      targetType: 'user',
      targetId: userId,
      before: { role: before.role },
      after: { role: after.role },
    });
    return this.getTenantUser(userId);
  }

  /** Removes the user from the current tenant; their sessions acting for it end at once. */
  async removeFromTenant(userId: string): Promise<void> {
    const tenant = requireTenant();
    const before = await this.repo.membershipOf(userId);
    if (!before) throw notFound('User');
    if (before.role === 'TENANT_ADMIN' && (await this.repo.countAdmins()) <= 1) {
      throw new IdentityError('LAST_ADMIN', 'A tenant needs at least one administrator');
    }
    await this.repo.removeMembership(userId);
    await runAsSystem('identity.remove-user', async () => {
      await this.repo.revokeUserSessions(userId, 'removed-from-tenant', tenant.id);
      const user = await this.repo.findUser(userId);
      const remaining = await runAsSystem('identity.remaining', () => this.repo.membershipsOfUser(userId), {
        allTenants: true,
      });
      if (user && !user.providerRole && remaining.length === 0) {
        await this.repo.updateUser(userId, { status: 'DISABLED' });
      }
    });
    await this.audit.record({
      action: 'user.removed',
      targetType: 'user',
      targetId: userId,
      before: { role: before.role },
    });
  }

  // ---------- provider users and staffing ----------

  async listProviderUsers(search: string | undefined, page: number, pageSize: number) {
    return runAsSystem('identity.provider-users', () =>
      this.repo.pageUsers(null, true, search, page, pageSize),
    );
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    return runAsSystem('identity.get-user', () => this.repo.findUser(userId));
  }

  /** Provider-level view of a user's memberships across tenants (staffing screens). */
  async membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return runAsSystem('identity.memberships-of', () => this.repo.membershipsOfUser(userId), {
      allTenants: true,
    });
  }

  async staffAgent(userId: string, tenantId: string, role: TenantRole): Promise<UserRecord> {
    const user = await this.getUser(userId);
    if (!user || user.providerRole !== 'PROVIDER_AGENT') {
      throw new IdentityError('NOT_A_PROVIDER_AGENT', 'Only provider agents can be staffed onto tenants');
    }
    const t = await this.tenants.get(tenantId);
    if (!t || t.status === 'OFFBOARDED') throw notFound('Tenant');
    await runAsSystem('identity.staff', () =>
      withTenant({ id: t.id, tier: t.tier }, async () => {
        if (await this.repo.membershipOf(userId))
          throw new IdentityError('ALREADY_MEMBER', 'Already staffed on this tenant');
        if ((await this.repo.countMemberships()) >= t.seats) {
          throw new IdentityError('SEAT_LIMIT_REACHED', `All ${t.seats} seats of the plan are taken`);
        }
        await this.repo.addMembership({ _id: identityIds.next('mbr'), userId, role, staffed: true });
        await this.audit.record({
          action: 'agent.staffed',
          targetType: 'user',
          targetId: userId,
          after: { tenantId, role },
        });
      }),
    );
    return user;
  }

  async unstaffAgent(userId: string, tenantId: string): Promise<UserRecord> {
    const user = await this.getUser(userId);
    const t = await this.tenants.get(tenantId);
    if (!user || !t) throw notFound('Membership');
    await runAsSystem('identity.unstaff', () =>
      withTenant({ id: t.id, tier: t.tier }, async () => {
        const m = await this.repo.membershipOf(userId);
        if (!m?.staffed) throw notFound('Membership');
        await this.repo.removeMembership(userId);
        await this.repo.revokeUserSessions(userId, 'unstaffed', tenantId);
        await this.audit.record({
          action: 'agent.unstaffed',
          targetType: 'user',
          targetId: userId,
          before: { tenantId, role: m.role },
        });
      }),
    );
    return user;
  }

  // ---------- API keys of the current tenant ----------

  async createApiKey(actor: Principal, name: string, scopes: ApiScope[]): Promise<ApiKeyWithSecret> {
    const tenant = requireTenant();
    const random = randomToken(32);
    const secret = `tdk_live_${tenant.id}_${random}`;
    const apiKey = await this.repo.createApiKey({
      _id: identityIds.next('key'),
      name,
      prefix: `tdk_live_…${random.slice(-4)}`,
      hash: sha256(secret),
      scopes: [...new Set(scopes)],
      createdBy: actorId(actor),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.audit.record({
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: apiKey._id,
      after: { name, scopes: apiKey.scopes, prefix: apiKey.prefix },
    });
    return { apiKey, secret };
  }

  listApiKeys() {
    return this.repo.listApiKeys();
  }

  countActiveApiKeys() {
    return this.repo.countActiveApiKeys();
  }

  countMembers() {
    return this.repo.countMemberships();
  }

  async revokeApiKey(id: string): Promise<ApiKeyRecord> {
    const before = await this.repo.findApiKey(id);
    if (!before) throw notFound('API key');
    if (before.revokedAt) return before;
    const after = await this.repo.revokeApiKey(id);
    if (!after) throw notFound('API key');
    await this.audit.record({
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
      before: { name: before.name },
    });
    return after;
  }

  /** Provider rotation: every active key is revoked and replaced by one with the same name and scopes. */
  async rotateApiKeys(actor: Principal): Promise<ApiKeyWithSecret[]> {
    const active = (await this.repo.listApiKeys()).filter((k) => !k.revokedAt);
    const out: ApiKeyWithSecret[] = [];
    for (const key of active) {
      out.push(await this.createApiKey(actor, key.name, key.scopes));
      await this.revokeApiKey(key._id);
    }
    return out;
  }

  /** Creates a provider admin, or resets the password of an existing account (bootstrap, demo). */
  async ensureProviderAdmin(input: { email: string; name: string; passwordHash: string }): Promise<void> {
    await runAsSystem('identity.ensure-provider-admin', async () => {
      const existing = await this.repo.findUserByEmail(input.email);
      if (existing) {
        await this.repo.setPassword(existing._id, input.passwordHash);
        return;
      }
      await this.repo.createUser({
        _id: newId('usr'),
        email: input.email,
        name: input.name,
        status: 'ACTIVE',
        passwordHash: input.passwordHash,
        providerRole: 'PROVIDER_ADMIN',
        tokenVersion: 0,
        lastLoginAt: null,
      });
    });
  }

  // ---------- offboarding ----------

  async exportTenant(): Promise<Record<string, unknown[]>> {
    const memberships = await this.repo.tenantMemberships();
    const users = await runAsSystem('identity.export', () =>
      this.repo.findUsers(memberships.map((m) => m.userId)),
    );
    return {
      memberships,
      users: users.map(({ passwordHash: _p, ...u }) => u),
      apiKeys: await this.repo.exportApiKeys(),
    };
  }

  /**
   * Erases the tenant's identity data: memberships, API keys, its invitations and the sessions
   * acting for it. People left with no tenant and no provider role are erased with their sessions
   * and invitations; provider staff and people of other tenants stay (without this membership).
   */
  async eraseTenant(tenant: TenantRef): Promise<number> {
    const memberships = await this.repo.tenantMemberships();
    let removed = (await this.repo.deleteTenantMemberships()).deletedCount;
    removed += (await this.repo.deleteTenantApiKeys()).deletedCount;
    await runAsSystem('identity.offboard', async () => {
      removed += (await this.repo.deleteTenantSessions(tenant.id)).deletedCount;
      removed += (await this.repo.deleteTenantInvitations(tenant.id)).deletedCount;
      for (const m of memberships) {
        const remaining = await runAsSystem(
          'identity.offboard.remaining',
          () => this.repo.membershipsOfUser(m.userId),
          { allTenants: true },
        );
        const user = await this.repo.findUser(m.userId);
        if (!user || user.providerRole || remaining.length > 0) continue;
        removed += (await this.repo.deleteUserSessions(user._id)).deletedCount;
        removed += (await this.repo.deleteUserInvitations(user._id)).deletedCount;
        removed += (await this.repo.deleteUser(user._id)).deletedCount;
      }
    });
    return removed;
  }

  async revokeTenantSessions(tenantId: string, reason: string): Promise<void> {
    await runAsSystem('identity.revoke-tenant-sessions', () =>
      this.repo.revokeTenantSessions(tenantId, reason),
    );
  }
}

function actorId(p: Principal): string {
  switch (p.kind) {
    case 'user':
      return p.userId;
    case 'apiKey':
      return p.keyId;
    case 'system':
      return 'system';
    case 'customer':
      return `customer:${p.customerRef}`;
    case 'anonymous':
      return 'anonymous';
  }
}
