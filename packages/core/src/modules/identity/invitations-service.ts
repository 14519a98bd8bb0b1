import type { Config } from '../../platform/config/index.js';
import type { Principal, ProviderRole, TenantRole } from '../../platform/auth/principal.js';
import { sha256 } from '../../platform/crypto.js';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { requireTenant, runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { actorId } from './actor.js';
import { IdentityError } from './errors.js';
import { identityIds } from './ids.js';
import type { InvitationRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

export interface InvitationLink {
  url: string;
  token: string;
  email: string;
  expiresAt: Date;
}

/**
 * Invitations: into a tenant (by its admin, or at onboarding) and to the provider's staff.
 *
 * A tenant's invitation reveals nothing about accounts outside the tenant. Whatever is behind the
 * email — nothing, a person of another brand, provider staff, a pending provider invitation, a
 * disabled account — the tenant gets the same answer, and until the person accepts it sees only
 * what it typed: the invitation is an INVITED membership carrying the typed email and name, and
 * the tenant's users list reads that, never the account. Accepting is the person's choice: an
 * existing account must confirm with its own password (invitation-rules.ts), and provider staff
 * never accept a tenant's invitation at all — they join tenants by staffing only.
 */
export class InvitationsService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly config: Config,
  ) {}

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

  /** Invites a person into the current tenant (or into `tenant` from a system scope, at onboarding). */
  async inviteToTenant(
    actor: Principal,
    input: { email: string; name: string; role: TenantRole },
    tenant: TenantRef = requireTenant(),
  ): Promise<InvitationLink> {
    const summary = await this.tenants.get(tenant.id);
    if (!summary) throw notFound('Tenant');
    return runAsSystem('identity.invite-to-tenant', () =>
      withTenant(tenant, () =>
        this.seats.holding(summary.seats, async () => {
          const userId = await this.accountFor(input.email, input.name);
          // The tenant's own data only: this person is already its member, or already invited.
          const alreadyMember = () => new IdentityError('ALREADY_MEMBER', 'This person is already a member');
          if (await this.repo.membershipOrInvitationOf(userId)) throw alreadyMember();
          await this.repo
            .addMembership({
              _id: identityIds.next('mbr'),
              userId,
              role: input.role,
              staffed: false,
              status: 'INVITED',
              invitedEmail: input.email,
              invitedName: input.name,
            })
            .catch((e: unknown) => {
              if (isDuplicateKeyError(e)) throw alreadyMember();
              throw e;
            });
          const link = await this.issue({
            userId,
            email: input.email,
            tenantId: tenant.id,
            role: input.role,
            providerRole: null,
            createdBy: actorId(actor),
          });
          await this.audit.record({
            action: 'user.invited',
            targetType: 'user',
            targetId: userId,
            after: { email: input.email, role: input.role },
          });
          return link;
        }),
      ),
    );
  }

  /** Provider admins invite provider staff: a new account, so an existing email is refused. */
  async inviteProviderUser(actor: Principal, input: { email: string; name: string; role: ProviderRole }) {
    const alreadyExists = () => new IdentityError('ALREADY_MEMBER', 'A user with this email exists');
    return runAsSystem('identity.invite-provider', async () => {
      if (await this.repo.findUserByEmail(input.email)) throw alreadyExists();
      // Two invitations of one email at once: the unique index on email decides the winner.
      const user = await this.repo
        .createUser({
          _id: newId('usr'),
          email: input.email,
          name: input.name,
          status: 'INVITED',
          passwordHash: null,
          providerRole: input.role,
          tokenVersion: 0,
          lastLoginAt: null,
        })
        .catch((e: unknown) => {
          if (isDuplicateKeyError(e)) throw alreadyExists();
          throw e;
        });
      const link = await this.issue({
        userId: user._id,
        email: input.email,
        tenantId: null,
        role: null,
        providerRole: input.role,
        createdBy: actorId(actor),
      });
      await this.audit.record({
        action: 'provider_user.invited',
        targetType: 'user',
        targetId: user._id,
        after: { email: input.email, providerRole: input.role },
      });
      return link;
    });
  }

  /**
   * The account a tenant's invitation of `email` will be accepted as: the existing one, or a new
   * invited account. Every case does the same kind of work and nothing about it leaves this method.
   */
  private async accountFor(email: string, name: string): Promise<string> {
    return runAsSystem('identity.invite.account', async () => {
      const found = await this.repo.findUserByEmail(email);
      if (found) {
        // Removed from their last tenant: the account starts over as invited (its password and
        // sessions are gone), so the invitation is accepted like a new person's.
        if (found.status === 'DISABLED') await this.repo.reopenUser(found._id);
        return found._id;
      }
      const created = await this.repo
        .createUser({
          _id: newId('usr'),
          email,
          name,
          status: 'INVITED',
          passwordHash: null,
          providerRole: null,
          tokenVersion: 0,
          lastLoginAt: null,
        })
        .catch(async (e: unknown) => {
          // Invited elsewhere at the same moment: the unique index on email kept the other one.
          if (!isDuplicateKeyError(e)) throw e;
          return this.repo.findUserByEmail(email);
        });
      if (!created) throw new Error('identity: an invited account vanished while being created');
      return created._id;
    });
  }

  private async issue(
    inv: Pick<InvitationRecord, 'userId' | 'email' | 'tenantId' | 'role' | 'providerRole' | 'createdBy'>,
  ): Promise<InvitationLink> {
    const token = randomToken(40);
    const expiresAt = new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3_600_000);
    await runAsSystem('identity.invite.issue', () =>
      this.repo.createInvitation({
        ...inv,
        _id: identityIds.next('inv'),
        tokenHash: sha256(token),
        expiresAt,
        acceptedAt: null,
      }),
    );
    return { url: `/invite/${token}`, token, email: inv.email, expiresAt };
  }
}
