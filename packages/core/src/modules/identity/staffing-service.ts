import type { TenantRole } from '../../platform/auth/principal.js';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { runAsSystem, withTenant } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import { identityIds } from './ids.js';
import type { UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

/** Provider staff: listing them, and staffing provider agents onto tenants. */
export class StaffingService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
  ) {}

  async listProviderUsers(search: string | undefined, page: number, pageSize: number) {
    return runAsSystem('identity.provider-users', () =>
      this.repo.pageUsers(null, true, search, page, pageSize),
    );
  }

  async staffAgent(userId: string, tenantId: string, role: TenantRole): Promise<UserRecord> {
    const user = await this.findUser(userId);
    if (!user || user.providerRole !== 'PROVIDER_AGENT') {
      throw new IdentityError('NOT_A_PROVIDER_AGENT', 'Only provider agents can be staffed onto tenants');
    }
    const t = await this.tenants.get(tenantId);
    if (!t || t.status === 'OFFBOARDED') throw notFound('Tenant');
    await runAsSystem('identity.staff', () =>
      withTenant({ id: t.id, tier: t.tier }, async () => {
        if (await this.repo.membershipOf(userId))
          throw new IdentityError('ALREADY_MEMBER', 'Already staffed on this tenant');
        // The tenant had invited this agent's email: that invitation can never be accepted by
        // provider staff (invitation-rules.ts), so the staffing takes its place and its seat.
        if (await this.repo.staffInvited(userId, role)) {
          await this.repo.deletePendingInvitations(t.id, userId);
        } else {
          await this.seats.holding(t.seats, () =>
            this.repo
              .addMembership({ _id: identityIds.next('mbr'), userId, role, staffed: true })
              .catch((e: unknown) => {
                if (isDuplicateKeyError(e))
                  throw new IdentityError('ALREADY_MEMBER', 'Already staffed on this tenant');
                throw e;
              }),
          );
        }
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
    const user = await this.findUser(userId);
    const t = await this.tenants.get(tenantId);
    if (!user || !t) throw notFound('Membership');
    await runAsSystem('identity.unstaff', () =>
      withTenant({ id: t.id, tier: t.tier }, async () => {
        const m = await this.repo.membershipOf(userId);
        if (!m?.staffed) throw notFound('Membership');
        if (await this.repo.removeMembership(userId)) await this.seats.give();
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

  private findUser(userId: string): Promise<UserRecord | null> {
    return runAsSystem('identity.get-user', () => this.repo.findUser(userId));
  }
}
