import { runAsSystem, type TenantRef } from '../../platform/tenancy/context.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

/** The tenant's identity data at the end of its life: export, erase, and suspension. */
export class OffboardingService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
  ) {}

  async exportTenant(): Promise<Record<string, unknown[]>> {
    const memberships = await this.repo.tenantMemberships();
    // Members' accounts only: for a pending invitation the tenant has what it typed (on the
    // membership), never the account behind the email.
    const members = memberships.filter((m) => m.status !== 'INVITED').map((m) => m.userId);
    const users = await runAsSystem('identity.export', () => this.repo.findUsers(members));
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
    removed += (await this.seats.erase()).deletedCount;
    await runAsSystem('identity.offboard', async () => {
      removed += (await this.repo.deleteTenantSessions(tenant.id)).deletedCount;
      removed += (await this.repo.deleteTenantInvitations(tenant.id)).deletedCount;
      for (const m of memberships) {
        const remaining = await runAsSystem(
          'identity.offboard.remaining',
          () => this.repo.membershipsOrInvitationsOfUser(m.userId),
          { allTenants: true },
        );
        const user = await this.repo.findUser(m.userId);
        if (!user || user.providerRole || remaining.length > 0) continue;
        // Only invited here, by an account that lives on its own: not this tenant's to erase.
        if (m.status === 'INVITED' && user.status !== 'INVITED') continue;
        removed += (await this.repo.deleteUserSessions(user._id)).deletedCount;
        removed += (await this.repo.deleteUserInvitations(user._id)).deletedCount;
        removed += (await this.repo.deleteUser(user._id)).deletedCount;
      }
    });
    return removed;
  }

  /** Suspension: every session acting for the tenant ends at once. */
  async revokeTenantSessions(tenantId: string, reason: string): Promise<void> {
    await runAsSystem('identity.revoke-tenant-sessions', () =>
      this.repo.revokeTenantSessions(tenantId, reason),
    );
  }
}
