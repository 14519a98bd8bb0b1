import type { TenantRole } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors.js';
import { requireTenant, runAsSystem } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import type { MembershipRecord, UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

/** What the API shows of a person. */
export type UserProfile = Pick<
  UserRecord,
  '_id' | 'email' | 'name' | 'status' | 'providerRole' | 'lastLoginAt' | 'createdAt'
>;

export interface UserView {
  user: UserProfile;
  role: TenantRole | null;
}

const isInvited = (m: MembershipRecord): boolean => m.status === 'INVITED';

/**
 * A pending invitation, as the tenant sees it: only what the tenant typed. Whether an account
 * already exists behind the email — and its name, status, roles, sign-ins — is not the tenant's
 * to know until the person accepts.
 */
function invitedView(m: MembershipRecord): UserView {
  return {
    user: {
      _id: m.userId,
      email: m.invitedEmail ?? '',
      name: m.invitedName ?? '',
      status: 'INVITED',
      providerRole: null,
      lastLoginAt: null,
      createdAt: m.createdAt,
    },
    role: m.role,
  };
}

const newestFirst = (a: UserView, b: UserView): number =>
  b.user.createdAt.getTime() - a.user.createdAt.getTime() || (a.user._id < b.user._id ? -1 : 1);

/** The people of the current tenant: list, read, change their role, remove them. */
export class UsersService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
    private readonly audit: AuditService,
  ) {}

  /** Members (their accounts) and pending invitations (what the tenant typed), newest first. */
  async listTenantUsers(search: string | undefined, page: number, pageSize: number) {
    const roleOf = await this.repo.activeMemberIds();
    const upTo = page * pageSize;
    const [members, invited] = await Promise.all([
      runAsSystem('identity.list-users', () => this.repo.firstUsers([...roleOf.keys()], search, upTo)),
      this.repo.firstInvited(search, upTo),
    ]);
    const items = [
      ...members.items.map((user) => ({ user, role: roleOf.get(user._id) ?? null })),
      ...invited.items.map(invitedView),
    ]
      .sort(newestFirst)
      .slice((page - 1) * pageSize, upTo);
    return { items, total: members.total + invited.total };
  }

  /** A person of the current tenant; anyone else is simply not found. */
  async getTenantUser(userId: string): Promise<UserView> {
    const membership = await this.repo.membershipOrInvitationOf(userId);
    if (!membership) throw notFound('User');
    if (isInvited(membership)) return invitedView(membership);
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

  /** Seats in use: members and pending invitations. */
  countMembers() {
    return this.repo.countMemberships();
  }

  async updateUserRole(userId: string, role: TenantRole): Promise<UserView> {
    const before = await this.repo.membershipOrInvitationOf(userId);
    if (!before) throw notFound('User');
    if (this.isLastAdmin(before, role) && (await this.repo.countAdmins()) <= 1) {
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

  /**
   * Removes the person from the current tenant; their sessions acting for it end at once. For a
   * pending invitation, withdraws it: its links stop working and the account is not touched.
   */
  async removeFromTenant(userId: string): Promise<void> {
    const tenant = requireTenant();
    const before = await this.repo.membershipOrInvitationOf(userId);
    if (!before) throw notFound('User');
    if (this.isLastAdmin(before, null) && (await this.repo.countAdmins()) <= 1) {
      throw new IdentityError('LAST_ADMIN', 'A tenant needs at least one administrator');
    }
    if (await this.repo.removeMembership(userId)) await this.seats.give();
    if (isInvited(before)) {
      await runAsSystem('identity.withdraw-invitation', () =>
        this.repo.deletePendingInvitations(tenant.id, userId),
      );
      await this.audit.record({
        action: 'invitation.withdrawn',
        targetType: 'user',
        targetId: userId,
        before: { email: before.invitedEmail ?? null, role: before.role },
      });
      return;
    }
    await runAsSystem('identity.remove-user', async () => {
      await this.repo.revokeUserSessions(userId, 'removed-from-tenant', tenant.id);
      const user = await this.repo.findUser(userId);
      // A pending invitation elsewhere is still theirs to accept: only a person with nothing
      // left anywhere is disabled.
      const remaining = await runAsSystem(
        'identity.remaining',
        () => this.repo.membershipsOrInvitationsOfUser(userId),
        { allTenants: true },
      );
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

  /** An active admin stepping down (to `role`, or out); invited admins do not count as admins. */
  private isLastAdmin(before: MembershipRecord, role: TenantRole | null): boolean {
    return !isInvited(before) && before.role === 'TENANT_ADMIN' && role !== 'TENANT_ADMIN';
  }
}
