import type { Config } from '../../platform/config/index.js';
import type { Principal, TenantRole } from '../../platform/auth/principal.js';
import type { TokenService } from '../../platform/auth/tokens.js';
import { hashPassword, sha256, verifyPassword } from '../../platform/crypto.js';
import { forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import type { SessionRecord, UserRecord } from './model.js';
import { passwordSchema } from './passwords.js';
import type { IdentityRepository } from './repository.js';

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  principal: Extract<Principal, { kind: 'user' }>;
  tenant: TenantRef | undefined;
}

export interface ClientMeta {
  ip: string | undefined;
  userAgent: string | undefined;
}

const REFRESH_PATTERN = /^(ses_[0-9A-Za-z]{20})\.([0-9A-Za-z]{43})$/;

/**
 * Sessions: one refresh-token family each. Starting one (after a sign-in or an accepted
 * invitation), issuing its access tokens, rotating its refresh token, switching its tenant, ending
 * it. Ending a session, rotating it and changing a password write the database through the
 * repository, which bumps the revocation versions the request path checks.
 */
export class SessionsService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly tokens: TokenService,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly config: Config,
  ) {}

  async start(user: UserRecord, tenantId: string | null, meta: ClientMeta): Promise<AuthResult> {
    const sessionId = newId('ses');
    const secret = randomToken(43);
    await runAsSystem('auth.session', () =>
      this.repo.createSession({
        _id: sessionId,
        userId: user._id,
        tenantId,
        refreshHash: sha256(secret),
        usedHashes: [],
        expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
        revokedAt: null,
        revokedReason: null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        ip: meta.ip ?? null,
      }),
    );
    return this.issue(user, sessionId, tenantId, `${sessionId}.${secret}`);
  }

  private async issue(
    user: UserRecord,
    sessionId: string,
    tenantId: string | null,
    refreshToken: string,
  ): Promise<AuthResult> {
    let tenantRole: TenantRole | null = null;
    let tenant: TenantRef | undefined;
    if (tenantId) {
      const resolved = await this.tenantAccess(user._id, tenantId);
      tenantRole = resolved.role;
      tenant = resolved.tenant;
    }
    const { token, expiresAt } = await this.tokens.sign({
      sub: user._id,
      sid: sessionId,
      tid: tenantId,
      trole: tenantRole,
      prole: user.providerRole,
      ver: user.tokenVersion,
    });
    return {
      accessToken: token,
      refreshToken,
      expiresAt,
      tenant,
      principal: {
        kind: 'user',
        userId: user._id,
        sessionId,
        email: user.email,
        providerRole: user.providerRole,
        tenantId,
        tenantRole,
      },
    };
  }

  /** The user's role in an active tenant, or 401 (the same answer whatever the reason). */
  async tenantAccess(userId: string, tenantId: string): Promise<{ role: TenantRole; tenant: TenantRef }> {
    const t = await this.tenants.get(tenantId);
    if (!t || t.status !== 'ACTIVE') {
      throw unauthenticated(
        'Your organisation is not active',
        t?.status === 'SUSPENDED' ? 'TENANT_SUSPENDED' : 'TENANT_GONE',
      );
    }
    const tenant: TenantRef = { id: t.id, tier: t.tier };
    const membership = await runAsSystem('auth.membership', () =>
      withTenant(tenant, () => this.repo.membershipOf(userId)),
    );
    if (!membership) throw unauthenticated('You are no longer a member of this organisation', 'NOT_A_MEMBER');
    return { role: membership.role, tenant };
  }

  async refresh(refreshToken: string): Promise<AuthResult> {
    const m = REFRESH_PATTERN.exec(refreshToken);
    if (!m?.[1] || !m[2]) throw new IdentityError('REFRESH_TOKEN_INVALID', 'Sign in again');
    const [sessionId, secret] = [m[1], m[2]];
    const presented = sha256(secret);
    const nextSecret = randomToken(43);
    return runAsSystem('auth.refresh', async () => {
      const rotated = await this.repo.rotateSession(sessionId, presented, sha256(nextSecret));
      if (!rotated) {
        const session = await this.repo.findSession(sessionId);
        if (session && !session.revokedAt && session.usedHashes.includes(presented)) {
          // A refresh token was used twice: someone holds a copy. End the whole family.
          await this.repo.revokeSession(sessionId, 'refresh-token-reuse');
          await this.audit.record({
            action: 'session.reuse_detected',
            targetType: 'session',
            targetId: sessionId,
          });
        }
        throw new IdentityError('REFRESH_TOKEN_INVALID', 'Sign in again');
      }
      const user = await this.usable(rotated);
      return this.issue(user, sessionId, rotated.tenantId, `${sessionId}.${nextSecret}`);
    });
  }

  private async usable(session: SessionRecord): Promise<UserRecord> {
    if (session.revokedAt || session.expiresAt <= new Date())
      throw new IdentityError('REFRESH_TOKEN_INVALID', 'Sign in again');
    const user = await this.repo.findUser(session.userId);
    if (!user || user.status !== 'ACTIVE') throw new IdentityError('REFRESH_TOKEN_INVALID', 'Sign in again');
    return user;
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'user') return;
    await runAsSystem('auth.logout', () => this.repo.revokeSession(principal.sessionId, 'logout'));
  }

  /** A new token (and refresh token) for another tenant of the same user; null = provider level. */
  async switchTenant(principal: Principal, tenantId: string | null): Promise<AuthResult> {
    if (principal.kind !== 'user') throw unauthenticated();
    return runAsSystem('auth.switch-tenant', async () => {
      const session = await this.repo.findSession(principal.sessionId);
      if (!session) throw unauthenticated();
      const user = await this.usable(session);
      if (tenantId === null && !user.providerRole) {
        throw forbidden('Only provider users can act at provider level');
      }
      if (tenantId !== null) {
        // 404-equivalent for tenants the user does not belong to: same error as a missing tenant.
        await this.tenantAccess(user._id, tenantId).catch(() => {
          throw notFound('Tenant');
        });
      }
      const secret = randomToken(43);
      const rotated = await this.repo.rotateSession(session._id, session.refreshHash, sha256(secret), {
        tenantId,
      });
      if (!rotated) throw unauthenticated();
      return this.issue(user, session._id, tenantId, `${session._id}.${secret}`);
    });
  }

  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    if (principal.kind !== 'user') throw unauthenticated();
    const parsed = passwordSchema.safeParse(next);
    if (!parsed.success)
      throw new IdentityError('WEAK_PASSWORD', parsed.error.issues[0]?.message ?? 'Weak password');
    await runAsSystem('auth.change-password', async () => {
      const user = await this.repo.findUser(principal.userId);
      if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
        throw new IdentityError('INVALID_CREDENTIALS', 'Current password is wrong');
      }
      await this.repo.setPassword(user._id, await hashPassword(next));
      await this.repo.revokeUserSessions(user._id, 'password-changed');
      await this.audit.record({ action: 'user.password_changed', targetType: 'user', targetId: user._id });
    });
  }
}
