import type { TenantRole } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors.js';
import { requireTenant, runAsSystem } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import type { MembershipRecord, UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

export interface UserView {
  user: UserRecord;
  role: TenantRole | null;
}

/** The people of the current tenant: list, read, change their role, remove them. */
export class UsersService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
    private readonly audit: AuditService,
  ) {}

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

  /** Any user by id: the signed-in person themself (viewer) or provider-level screens. */
  async getUser(userId: string): Promise<UserRecord | null> {
    return runAsSystem('identity.get-user', () => this.repo.findUser(userId));
  }

  /** A person's memberships across tenants: their tenant switcher, provider staffing screens. */
  async membershipsOf(userId: string): Promise<MembershipRecord[]> {
    return runAsSystem('identity.memberships-of', () => this.repo.membershipsOfUser(userId), {
      allTenants: true,
    });
  }

  countMembers() {
    return this.repo.countMemberships();
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
    if (await this.repo.removeMembership(userId)) await this.seats.give();
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
}
