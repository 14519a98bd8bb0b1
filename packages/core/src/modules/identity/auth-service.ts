import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../platform/config/index.js';
import type { Principal, TenantRole } from '../../platform/auth/principal.js';
import type { Authenticated, Authenticator } from '../../platform/module.js';
import type { CustomerClaims, TokenService } from '../../platform/auth/tokens.js';
import { DUMMY_PASSWORD_HASH, hashPassword, sha256, verifyPassword } from '../../platform/crypto.js';
import { forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import { runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { IdentityError } from './errors.js';
import { closedToTenantInvitation, joinInvitedTenant } from './invitation-rules.js';
import type { SessionRecord, UserRecord } from './model.js';
import { passwordSchema } from './passwords.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
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

const API_KEY_PATTERN = /^tdk_live_(tn_[0-9A-Za-z]{20})_([0-9A-Za-z]{32})$/;
const REFRESH_PATTERN = /^(ses_[0-9A-Za-z]{20})\.([0-9A-Za-z]{43})$/;

/** Sign-in, sessions, token refresh and the per-request check of a credential. */
export class AuthService implements Authenticator {
  private readonly failuresByAccount: RateLimiterRedis;
  private readonly failuresByIp: RateLimiterRedis;
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly repo: IdentityRepository,
    private readonly tokens: TokenService,
    private readonly tenants: TenantDirectory,
    private readonly audit: AuditService,
    private readonly config: Config,
    redis: Redis,
  ) {
    this.failuresByAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}:p:login-fail-account`,
      points: config.LOGIN_MAX_FAILURES,
      duration: config.LOGIN_FAILURE_WINDOW_SECONDS,
      blockDuration: config.LOGIN_FAILURE_WINDOW_SECONDS,
    });
    this.failuresByIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.REDIS_PREFIX}:p:login-fail-ip`,
      points: config.LOGIN_MAX_FAILURES * 10,
      duration: config.LOGIN_FAILURE_WINDOW_SECONDS,
      blockDuration: config.LOGIN_FAILURE_WINDOW_SECONDS,
    });
  }

  private async assertNotThrottled(email: string, ip: string | undefined): Promise<void> {
    const [acct, byIp] = await Promise.all([
      this.failuresByAccount.get(email),
      ip ? this.failuresByIp.get(ip) : Promise.resolve(null),
    ]);
    for (const r of [acct, byIp]) {
      if (r && r.remainingPoints <= 0) {
        throw new IdentityError('LOGIN_THROTTLED', 'Too many failed sign-in attempts; try again later', {
          retryAfterSeconds: Math.ceil(r.msBeforeNext / 1000),
        });
      }
    }
  }

  private async recordFailure(email: string, ip: string | undefined): Promise<void> {
    const swallowLimit = (e: unknown) => {
      if (!(e instanceof RateLimiterRes)) throw e;
    };
    await Promise.all([
      this.failuresByAccount.consume(email).catch(swallowLimit),
      ip ? this.failuresByIp.consume(ip).catch(swallowLimit) : Promise.resolve(),
    ]);
  }

  async login(emailRaw: string, password: string, meta: ClientMeta): Promise<AuthResult> {
    const email = emailRaw.trim().toLowerCase();
    await this.assertNotThrottled(email, meta.ip);
    const user = await runAsSystem('auth.login', () => this.repo.findUserByEmail(email));
    // Always pay for one scrypt, so timing does not reveal whether the account exists.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || user.status !== 'ACTIVE') {
      await this.recordFailure(email, meta.ip);
      throw new IdentityError('INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    await this.failuresByAccount.delete(email);
    const tenantId = await this.defaultTenant(user);
    const result = await this.startSession(user, tenantId, meta);
    await runAsSystem('auth.login', () => this.repo.updateUser(user._id, { lastLoginAt: new Date() }));
    return result;
  }

  /** Provider users start at provider level (agents in their first tenant); staff in their tenant. */
  private async defaultTenant(user: UserRecord): Promise<string | null> {
    if (user.providerRole === 'PROVIDER_ADMIN') return null;
    const memberships = await runAsSystem('auth.memberships', () => this.repo.membershipsOfUser(user._id), {
      allTenants: true,
    });
    const tenants = await this.tenants.getMany(memberships.map((m) => m.tenantId));
    const active = memberships.find((m) => tenants.some((t) => t.id === m.tenantId && t.status === 'ACTIVE'));
    if (active) return active.tenantId;
    if (user.providerRole) return null;
    if (memberships.length > 0) {
      throw new IdentityError(
        'TENANT_SUSPENDED',
        'Your organisation is suspended; contact your service provider',
      );
    }
    throw new IdentityError('INVALID_CREDENTIALS', 'Email or password is wrong');
  }

  private async startSession(
    user: UserRecord,
    tenantId: string | null,
    meta: ClientMeta,
  ): Promise<AuthResult> {
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
      const resolved = await this.resolveTenantAccess(user._id, tenantId);
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
  private async resolveTenantAccess(
    userId: string,
    tenantId: string,
  ): Promise<{ role: TenantRole; tenant: TenantRef; ratePerMinute: number }> {
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
    return { role: membership.role, tenant, ratePerMinute: t.apiRatePerMinute };
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
      const user = await this.checkSessionUsable(rotated);
      return this.issue(user, sessionId, rotated.tenantId, `${sessionId}.${nextSecret}`);
    });
  }

  private async checkSessionUsable(session: SessionRecord): Promise<UserRecord> {
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
      const user = await this.checkSessionUsable(session);
      if (tenantId === null && !user.providerRole) {
        throw forbidden('Only provider users can act at provider level');
      }
      if (tenantId !== null) {
        // 404-equivalent for tenants the user does not belong to: same error as a missing tenant.
        await this.resolveTenantAccess(user._id, tenantId).catch(() => {
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

  /** Accepting an invitation sets the password and signs the person in. */
  /**
   * A new person sets a password; someone who already has an account (e.g. a person joining a
   * second brand) confirms with their existing password instead.
   */
  async acceptInvitation(
    token: string,
    name: string,
    password: string,
    meta: ClientMeta,
  ): Promise<AuthResult> {
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
        const ok = await verifyPassword(password, existing.passwordHash ?? DUMMY_PASSWORD_HASH);
        if (closed || !existing.passwordHash || !ok) {
          throw new IdentityError('INVALID_CREDENTIALS', 'You already have an account: enter its password');
        }
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
      return this.startSession(user, inv.tenantId, meta);
    });
  }

  /**
   * The per-request check of a bearer credential. Returns the principal and the tenant it acts
   * for; anything wrong is a 401 that says nothing about which check failed.
   */
  async authenticate(bearer: string): Promise<Authenticated> {
    if (bearer.startsWith('tdk_')) return this.authenticateApiKey(bearer);
    const verified = await this.tokens.verify(bearer);
    if (verified.kind === 'customer') return this.authenticateCustomer(verified.claims);
    const claims = verified.claims;
    return runAsSystem('auth.authenticate', async () => {
      const session = await this.repo.findSession(claims.sid);
      if (!session || session.userId !== claims.sub || session.tenantId !== claims.tid) {
        throw unauthenticated('Session ended');
      }
      if (session.revokedAt || session.expiresAt <= new Date()) {
        // The person holding a once-valid token may learn why their session ended.
        const reason = session.revokedReason === 'tenant-suspended' ? 'TENANT_SUSPENDED' : 'SESSION_ENDED';
        throw unauthenticated(
          reason === 'TENANT_SUSPENDED' ? 'Your organisation is suspended' : 'Session ended',
          reason,
        );
      }
      const user = await this.repo.findUser(claims.sub);
      if (
        !user ||
        user.status !== 'ACTIVE' ||
        user.tokenVersion !== claims.ver ||
        user.providerRole !== claims.prole
      ) {
        throw unauthenticated('Session ended');
      }
      let tenantRole: TenantRole | null = null;
      let tenant: TenantRef | undefined;
      let ratePerMinute: number | undefined;
      if (claims.tid) {
        const access = await this.resolveTenantAccess(user._id, claims.tid);
        tenantRole = access.role;
        tenant = access.tenant;
        ratePerMinute = access.ratePerMinute;
      } else if (!user.providerRole) {
        throw unauthenticated('Session ended');
      }
      return {
        principal: {
          kind: 'user',
          userId: user._id,
          sessionId: session._id,
          email: user.email,
          providerRole: user.providerRole,
          tenantId: claims.tid,
          tenantRole,
        },
        tenant,
        ratePerMinute,
      };
    });
  }

  /** Customer sessions are stateless and short-lived; they end early when the tenant is suspended. */
  private async authenticateCustomer(claims: CustomerClaims): Promise<Authenticated> {
    const t = await this.tenants.get(claims.tid);
    if (!t || t.status !== 'ACTIVE') throw unauthenticated('Session ended', 'TENANT_SUSPENDED');
    return {
      principal: {
        kind: 'customer',
        tenantId: t.id,
        customerRef: claims.sub,
        displayName: claims.name,
        expiresAt: new Date(claims.exp * 1000),
      },
      tenant: { id: t.id, tier: t.tier },
      ratePerMinute: t.apiRatePerMinute,
    };
  }

  /** A widget or app session for a customer the brand's backend has signed in. */
  async createCustomerSession(
    principal: Principal,
    customerRef: string,
    displayName: string | null,
  ): Promise<{ token: string; expiresAt: Date }> {
    if (principal.kind !== 'apiKey') throw unauthenticated();
    return this.tokens.signCustomer({ tid: principal.tenantId, sub: customerRef, name: displayName });
  }

  /**
   * lastUsedAt is written at most once a minute per key: the repository's conditional update
   * enforces it across processes, and this process skips even asking while its last touch is fresh.
   */
  private async touchApiKey(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < 60_000) return;
    this.lastTouched.set(id, now);
    if (this.lastTouched.size > 10_000) this.lastTouched.clear();
    await this.repo.touchApiKey(id, new Date(now));
  }

  private async authenticateApiKey(bearer: string): Promise<Authenticated> {
    const m = API_KEY_PATTERN.exec(bearer);
    if (!m?.[1]) throw unauthenticated('API key not accepted');
    const t = await this.tenants.get(m[1]);
    if (!t || t.status !== 'ACTIVE') throw unauthenticated('API key not accepted');
    const tenant: TenantRef = { id: t.id, tier: t.tier };
    const key = await runAsSystem('auth.api-key', () =>
      withTenant(tenant, async () => {
        const found = await this.repo.findApiKeyByHash(sha256(bearer));
        if (found && !found.revokedAt) await this.touchApiKey(found._id);
        return found;
      }),
    );
    if (!key || key.revokedAt) throw unauthenticated('API key not accepted');
    return {
      principal: { kind: 'apiKey', keyId: key._id, tenantId: t.id, scopes: key.scopes },
      tenant,
      ratePerMinute: t.apiRatePerMinute,
    };
  }
}
