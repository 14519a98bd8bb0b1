import type { Redis } from 'ioredis';
import type { Authenticator, VerifiedCredential } from '../../platform/auth/authenticator.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { TokenService } from '../../platform/auth/tokens.js';
import type { CredentialVersions } from '../../platform/auth/versions.js';
import type { Config } from '../../platform/config/index.js';
import type { RedisKeys } from '../../platform/redis.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import type { AuditService } from '../audit/index.js';
import { CustomerSessions } from './customer-sessions.js';
import { InvitationAcceptance } from './invitation-acceptance.js';
import { LoginThrottle } from './login-throttle.js';
import type { IdentityRepository } from './repository.js';
import { RequestAuthenticator } from './request-auth.js';
import { SessionsService, type AuthResult, type ClientMeta } from './sessions.js';
import { SignInService } from './sign-in.js';
import type { UserProfile } from './users-service.js';

export type { AuthResult, ClientMeta } from './sessions.js';

export interface AuthDeps {
  repo: IdentityRepository;
  tokens: TokenService;
  tenants: TenantDirectory;
  audit: AuditService;
  config: Config;
  redis: Redis;
  keys: RedisKeys;
  versions: CredentialVersions;
}

/**
 * Credentials, one seam per file: sign-in and its throttling (sign-in.ts, login-throttle.ts),
 * sessions and refresh tokens (sessions.ts), invitation acceptance (invitation-acceptance.ts),
 * end-customer sessions (customer-sessions.ts) and the per-request check (request-auth.ts, the
 * Authenticator port). This is what the module's resolvers and the CLI call.
 */
export class AuthService implements Authenticator {
  readonly sessions: SessionsService;
  private readonly signIn: SignInService;
  private readonly invitations: InvitationAcceptance;
  private readonly customers: CustomerSessions;
  private readonly requests: RequestAuthenticator;

  constructor(d: AuthDeps) {
    this.sessions = new SessionsService(d.repo, d.tokens, d.tenants, d.audit, d.config);
    // One throttle for every place a password is checked: sign-in and accepting an invitation as
    // an existing account (else an invitation link would be an unthrottled password oracle).
    const throttle = new LoginThrottle(d.redis, d.keys, d.config);
    this.signIn = new SignInService(d.repo, d.tenants, this.sessions, throttle);
    this.invitations = new InvitationAcceptance(d.repo, d.tenants, d.audit, this.sessions, throttle);
    this.customers = new CustomerSessions(d.tokens);
    this.requests = new RequestAuthenticator(
      d.repo,
      d.tokens,
      d.versions,
      this.customers,
      d.config.AUTH_CACHE_TTL_SECONDS * 1000,
    );
  }

  login(email: string, password: string, meta: ClientMeta): Promise<AuthResult> {
    return this.signIn.login(email, password, meta);
  }

  refresh(refreshToken: string): Promise<AuthResult> {
    return this.sessions.refresh(refreshToken);
  }

  logout(principal: Principal): Promise<void> {
    return this.sessions.logout(principal);
  }

  switchTenant(principal: Principal, tenantId: string | null): Promise<AuthResult> {
    return this.sessions.switchTenant(principal, tenantId);
  }

  changePassword(principal: Principal, current: string, next: string): Promise<void> {
    return this.sessions.changePassword(principal, current, next);
  }

  acceptInvitation(token: string, name: string, password: string, meta: ClientMeta): Promise<AuthResult> {
    return this.invitations.accept(token, name, password, meta);
  }

  createCustomerSession(
    principal: Principal,
    customerRef: string,
    displayName: string | null,
  ): Promise<{ token: string; expiresAt: Date }> {
    return this.customers.create(principal, customerRef, displayName);
  }

  /** The signed-in user's profile from this request's credential check, if at hand (no read). */
  currentUser(principal: Principal): UserProfile | undefined {
    return this.requests.currentUser(principal);
  }

  /** The Authenticator port: see request-auth.ts. */
  verify(bearer: string): Promise<VerifiedCredential> {
    return this.requests.verify(bearer);
  }
}
