import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../platform/crypto.js';
import { runAsSystem } from '../../platform/tenancy/context.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { IdentityError } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import type { UserRecord } from './model.js';
import type { IdentityRepository } from './repository.js';
import type { AuthResult, ClientMeta, SessionsService } from './sessions.js';

/** An address for throttling when the request had none (a CLI call): all such calls share it. */
const NO_ADDRESS = 'none';

/** Sign-in with email and password, throttled per (account, address) — see LoginThrottle. */
export class SignInService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly tenants: TenantDirectory,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(emailRaw: string, password: string, meta: ClientMeta): Promise<AuthResult> {
    const email = emailRaw.trim().toLowerCase();
    const ip = meta.ip ?? NO_ADDRESS;
    const state = await this.throttle.before(email, ip);
    const user = await runAsSystem('auth.login', () => this.repo.findUserByEmail(email));
    // Always pay for one scrypt, so timing does not reveal whether the account exists.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok || user.status !== 'ACTIVE') throw await this.throttle.failed(email, ip, state);
    await this.throttle.succeeded(email, ip);
    const tenantId = await this.defaultTenant(user);
    const result = await this.sessions.start(user, tenantId, meta);
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
}
