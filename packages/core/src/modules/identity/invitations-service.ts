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
import type { UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { Seats } from './seats.js';

export interface InvitationLink {
  url: string;
  token: string;
  email: string;
  expiresAt: Date;
}

/** Invitations: into a tenant (by its admin, or at onboarding) and to the provider's staff. */
export class InvitationsService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly seats: Seats,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly config: Config,
  ) {}

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
      withTenant(tenant, () =>
        this.seats.holding(summary.seats, async () => {
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
      ),
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
}
