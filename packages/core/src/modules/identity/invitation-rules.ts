import { runAsSystem, withTenant } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { InvitationRecord, UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';

/**
 * What accepting an invitation may do to an account (invitations-service.ts explains the rest).
 * Acceptance itself (password check, session) runs in the auth side and asks these two.
 */

/**
 * Provider staff never join a tenant through the tenant's own invitation — only by staffing. A
 * tenant that invites a provider person's email (or an email the provider has invited and not yet
 * seen accepted) gets the ordinary answer, so it learns nothing; and whoever holds the link is
 * then answered exactly as for an existing account with a wrong password (INVALID_CREDENTIALS),
 * even with the right one. Least revealing: refusing at invitation time would be an oracle, and a
 * distinct error at acceptance would be one for whoever holds the link.
 */
export function closedToTenantInvitation(inv: InvitationRecord, account: UserRecord): boolean {
  return inv.tenantId !== null && account.providerRole !== null;
}

/**
 * The person accepted a tenant's invitation: their INVITED membership becomes a real one (until
 * now it granted nothing). False when the tenant withdrew the invitation meanwhile.
 */
export async function joinInvitedTenant(
  repo: IdentityRepository,
  tenants: TenantDirectory,
  inv: InvitationRecord,
): Promise<boolean> {
  if (inv.tenantId === null) return true;
  const t = await tenants.get(inv.tenantId);
  if (!t || t.status === 'OFFBOARDED') return false;
  return runAsSystem('identity.join-invited-tenant', () =>
    withTenant({ id: t.id, tier: t.tier }, () => repo.joinInvitedTenant(inv.userId)),
  );
}
