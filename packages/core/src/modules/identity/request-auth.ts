import type {
  Authenticated,
  Authenticator,
  CheckedTenant,
  VerifiedCredential,
} from '../../platform/auth/authenticator.js';
import type { ApiScope, Principal, TenantRole } from '../../platform/auth/principal.js';
import type { AccessClaims, TokenService } from '../../platform/auth/tokens.js';
import { sameVersions, type CredentialVersions, type Versions } from '../../platform/auth/versions.js';
import { sha256 } from '../../platform/crypto.js';
import { unauthenticated } from '../../platform/errors.js';
import { LruCache } from '../../platform/lru.js';
import { runAsSystem, withTenant, type TenantRef } from '../../platform/tenancy/context.js';
import type { CustomerSessions } from './customer-sessions.js';
import type { IdentityRepository } from './repository.js';
import type { UserProfile } from './users-service.js';

const API_KEY_PATTERN = /^tdk_live_(tn_[0-9A-Za-z]{20})_([0-9A-Za-z]{32})$/;
const MAX_ENTRIES = 50_000;

/** What a staff token is checked against, as loaded for one (session, tenant, subject). */
interface SessionFacts {
  session: {
    userId: string;
    tenantId: string | null;
    revokedAt: Date | null;
    revokedReason: string | null;
    expiresAt: Date;
  } | null;
  /** The profile (what the viewer shows) and the token version; never the password hash. */
  user: (UserProfile & { tokenVersion: number }) | null;
  /** The user's role in the token's tenant (null: no membership, or no tenant). */
  role: TenantRole | null;
}

interface KeyFacts {
  keyId: string;
  scopes: readonly ApiScope[];
  revokedAt: Date | null;
}

interface Stamped<T> {
  facts: T;
  /** [tenant version, ...the credential's own versions], read before the facts were loaded. */
  versions: Versions;
}

/**
 * The per-request check of a bearer credential (the Authenticator port). `verify` is CPU only:
 * a token's signature and claims, an API key's shape (its tenant is part of the key). `resolve`
 * answers from what this process checked before while the revocation versions read with the
 * request's rate-limit call are the ones the check was made under; anything revoked since (logout,
 * password change, role change, removal, unstaffing, suspension, key revocation) changed a version,
 * so the facts are reloaded and the request fails at once. Anything wrong is a 401 that does not
 * say which check failed.
 */
export class RequestAuthenticator implements Authenticator {
  private readonly sessions: LruCache<string, Stamped<SessionFacts>>;
  private readonly apiKeys: LruCache<string, Stamped<KeyFacts>>;
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly repo: IdentityRepository,
    private readonly tokens: TokenService,
    private readonly versions: CredentialVersions,
    private readonly customers: CustomerSessions,
    ttlMs: number,
  ) {
    this.sessions = new LruCache(MAX_ENTRIES, ttlMs);
    this.apiKeys = new LruCache(MAX_ENTRIES, ttlMs);
  }

  async verify(bearer: string): Promise<VerifiedCredential> {
    if (bearer.startsWith('tdk_')) return this.apiKeyCredential(bearer);
    const verified = await this.tokens.verify(bearer);
    if (verified.kind === 'customer') return this.customers.credential(verified.claims);
    return this.staffCredential(verified.claims);
  }

  // ---------- staff tokens ----------

  private staffCredential(claims: AccessClaims): VerifiedCredential {
    return {
      tenantId: claims.tid,
      proven: true,
      versionKeys: [
        this.versions.key({ kind: 'user', id: claims.sub }),
        this.versions.key({ kind: 'session', id: claims.sid }),
      ],
      resolve: ({ versions, tenant }) => this.resolveStaff(claims, versions, tenant),
    };
  }

  private async resolveStaff(
    claims: AccessClaims,
    own: Versions,
    tenant: CheckedTenant | null,
  ): Promise<Authenticated> {
    if (claims.tid && tenant?.summary.id !== claims.tid) throw unauthenticated('Session ended');
    const ref: TenantRef | undefined = tenant
      ? { id: tenant.summary.id, tier: tenant.summary.tier }
      : undefined;
    // Facts depend only on (session, tenant); the subject is in the key so that a forged token
    // (another sub on a genuine session) never shares an entry with the genuine one.
    const cacheKey = `${claims.sid}|${claims.tid ?? '-'}|${claims.sub}`;
    const stamp = [tenant?.version ?? null, ...own];
    let entry = this.sessions.get(cacheKey);
    if (!entry || !sameVersions(entry.versions, stamp)) {
      entry = { facts: await this.loadSession(claims.sid, ref), versions: stamp };
      this.sessions.set(cacheKey, entry);
    }
    const { session, user, role } = entry.facts;
    if (!session || session.userId !== claims.sub || session.tenantId !== claims.tid) {
      throw unauthenticated('Session ended');
    }
    if (session.revokedAt || session.expiresAt <= new Date()) {
      // The person holding a once-valid token may learn why their session ended.
      const suspended = session.revokedReason === 'tenant-suspended';
      throw unauthenticated(
        suspended ? 'Your organisation is suspended' : 'Session ended',
        suspended ? 'TENANT_SUSPENDED' : 'SESSION_ENDED',
      );
    }
    if (
      !user ||
      user.status !== 'ACTIVE' ||
      user.tokenVersion !== claims.ver ||
      user.providerRole !== claims.prole
    ) {
      throw unauthenticated('Session ended');
    }
    if (claims.tid && !role) {
      throw unauthenticated('You are no longer a member of this organisation', 'NOT_A_MEMBER');
    }
    if (!claims.tid && !user.providerRole) throw unauthenticated('Session ended');
    return {
      principal: {
        kind: 'user',
        userId: session.userId,
        sessionId: claims.sid,
        email: user.email,
        providerRole: user.providerRole,
        tenantId: claims.tid,
        tenantRole: claims.tid ? role : null,
      },
      tenant: ref,
    };
  }

  private loadSession(sessionId: string, tenant: TenantRef | undefined): Promise<SessionFacts> {
    return runAsSystem('auth.authenticate', async () => {
      const session = await this.repo.findSession(sessionId);
      if (!session) return { session: null, user: null, role: null };
      const user = await this.repo.findUser(session.userId);
      const membership =
        tenant && user ? await withTenant(tenant, () => this.repo.membershipOf(session.userId)) : null;
      return {
        session: {
          userId: session.userId,
          tenantId: session.tenantId,
          revokedAt: session.revokedAt,
          revokedReason: session.revokedReason,
          expiresAt: session.expiresAt,
        },
        user: user && {
          _id: user._id,
          email: user.email,
          name: user.name,
          status: user.status,
          providerRole: user.providerRole,
          lastLoginAt: user.lastLoginAt,
          createdAt: user.createdAt,
          tokenVersion: user.tokenVersion,
        },
        role: membership?.role ?? null,
      };
    });
  }

  /**
   * The signed-in user's profile as this request's credential check saw it (current: checked
   * against the revocation versions moments ago; profile changes bump the user's version too),
   * so reading "who am I" costs no database read. Undefined when not at hand.
   */
  currentUser(principal: Principal): UserProfile | undefined {
    if (principal.kind !== 'user') return undefined;
    const entry = this.sessions.get(
      `${principal.sessionId}|${principal.tenantId ?? '-'}|${principal.userId}`,
    );
    const user = entry?.facts.user;
    if (!user || user._id !== principal.userId) return undefined;
    const { tokenVersion: _v, ...profile } = user;
    return profile;
  }

  // ---------- API keys ----------

  private apiKeyCredential(bearer: string): VerifiedCredential {
    const m = API_KEY_PATTERN.exec(bearer);
    if (!m?.[1]) throw unauthenticated('API key not accepted');
    const tenantId = m[1];
    const hash = sha256(bearer);
    return {
      tenantId,
      // Accepted before by this process: the secret is proven (revocation is still checked).
      proven: this.apiKeys.get(hash) !== undefined,
      versionKeys: [this.versions.key({ kind: 'apiKeys', tenantId })],
      resolve: ({ versions, tenant }) => this.resolveApiKey(hash, tenantId, versions, tenant),
    };
  }

  private async resolveApiKey(
    hash: string,
    tenantId: string,
    own: Versions,
    tenant: CheckedTenant | null,
  ): Promise<Authenticated> {
    if (!tenant || tenant.summary.id !== tenantId) throw unauthenticated('API key not accepted');
    const ref: TenantRef = { id: tenant.summary.id, tier: tenant.summary.tier };
    const stamp = [tenant.version, ...own];
    let entry = this.apiKeys.get(hash);
    if (!entry || !sameVersions(entry.versions, stamp)) {
      const found = await runAsSystem('auth.api-key', () =>
        withTenant(ref, () => this.repo.findApiKeyByHash(hash)),
      );
      // Only keys that exist are kept: a made-up key is looked up again (after the budget check).
      if (!found) throw unauthenticated('API key not accepted');
      entry = {
        facts: { keyId: found._id, scopes: found.scopes, revokedAt: found.revokedAt },
        versions: stamp,
      };
      this.apiKeys.set(hash, entry);
    }
    const key = entry.facts;
    if (key.revokedAt) throw unauthenticated('API key not accepted');
    if (this.touchDue(key.keyId)) {
      await runAsSystem('auth.api-key', () =>
        withTenant(ref, () => this.repo.touchApiKey(key.keyId, new Date())),
      );
    }
    return {
      principal: { kind: 'apiKey', keyId: key.keyId, tenantId, scopes: key.scopes },
      tenant: ref,
    };
  }

  /**
   * lastUsedAt is written at most once a minute per key: the repository's conditional update
   * enforces it across processes, and this process skips even asking while its last touch is fresh.
   */
  private touchDue(id: string): boolean {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < 60_000) return false;
    this.lastTouched.set(id, now);
    if (this.lastTouched.size > 10_000) this.lastTouched.clear();
    return true;
  }
}
