import { DUMMY_PASSWORD_HASH, hashPassword, sha256, verifyPassword } from '../../platform/crypto.js';
import { runAsSystem } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import { closedToTenantInvitation, joinInvitedTenant } from './invitation-rules.js';
import type { UserRecord } from './model.js';
import { passwordSchema } from './passwords.js';
import type { LoginThrottle } from './login-throttle.js';
import type { IdentityRepository } from './repository.js';
import type { AuthResult, ClientMeta, SessionsService } from './sessions.js';

/** Accepting an invitation: the step from an invitation link to a signed-in session. */
export class InvitationAcceptance {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * A new person sets a password; someone who already has an account (e.g. a person joining a
   * second brand) confirms with their existing password instead. Either way they are signed in.
   */
  async accept(token: string, name: string, password: string, meta: ClientMeta): Promise<AuthResult> {
    return runAsSystem('auth.accept-invitation', async () => {
      const inv = await this.repo.findInvitation(sha256(token));
      if (!inv || inv.acceptedAt)
        throw new IdentityError('INVITATION_INVALID', 'This invitation is not valid');
      if (inv.expiresAt <= new Date())
        throw new IdentityError('INVITATION_EXPIRED', 'This invitation has expired');
      const existing = await this.repo.findUser(inv.userId);
      if (!existing || existing.status === 'DISABLED')
        throw new IdentityError('INVITATION_INVALID', 'This invitation is not valid');
      const closed = closedToTenantInvitation(inv, existing);
      if (existing.status === 'ACTIVE' || closed) {
        // The account's password, throttled like a sign-in (per account and address).
        const ip = meta.ip ?? 'none';
        const state = await this.throttle.before(existing.email, ip);
        const ok = await verifyPassword(password, existing.passwordHash ?? DUMMY_PASSWORD_HASH);
        if (closed || !existing.passwordHash || !ok) {
          const refused = await this.throttle.failed(existing.email, ip, state);
          if (refused.code === 'LOGIN_THROTTLED') throw refused;
          throw new IdentityError('INVALID_CREDENTIALS', 'You already have an account: enter its password');
        }
        await this.throttle.succeeded(existing.email, ip);
      } else {
        const parsed = passwordSchema.safeParse(password);
        if (!parsed.success)
          throw new IdentityError('WEAK_PASSWORD', parsed.error.issues[0]?.message ?? 'Weak password');
      }
      const claimed = await this.repo.acceptInvitation(inv._id);
      if (!claimed || !(await joinInvitedTenant(this.repo, this.tenants, inv)))
        throw new IdentityError('INVITATION_INVALID', 'This invitation is not valid');
      let user: UserRecord | null = existing;
      if (existing.status === 'INVITED') {
        await this.repo.setPassword(existing._id, await hashPassword(password));
        user = await this.repo.updateUser(existing._id, { name, lastLoginAt: new Date() });
      }
      if (!user) throw new IdentityError('INVITATION_INVALID', 'This invitation is not valid');
      const tenant = inv.tenantId ? await this.tenants.get(inv.tenantId) : null;
      await this.audit.record({
        action: 'invitation.accepted',
        targetType: 'user',
        targetId: inv.userId,
        ...(tenant ? { tenant: { id: tenant.id, tier: tenant.tier } } : {}),
      });
      return this.sessions.start(user, inv.tenantId, meta);
    });
  }
}
