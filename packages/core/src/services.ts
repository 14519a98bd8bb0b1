import type { Redis } from 'ioredis';
import type { Config } from './platform/config/index.js';
import type { Database } from './platform/db/index.js';
import type { Logger } from './platform/logger.js';
import { RedisKeys } from './platform/redis.js';
import { TokenService } from './platform/auth/tokens.js';
import { UsageMeter } from './platform/usage.js';
import { AuditRepository, AuditService } from './modules/audit/index.js';
import { AuthService, IdentityRepository, IdentityService } from './modules/identity/index.js';
import { TenantsRepository, TenantsService } from './modules/tenants/index.js';

/** The composition root: every domain service, wired once per process. */
export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  keys: RedisKeys;
  tokens: TokenService;
  usage: UsageMeter;
  audit: AuditService;
  tenants: TenantsService;
  identity: IdentityService;
  auth: AuthService;
}

export function createServices(deps: {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
}): Services {
  const { config, logger, db, redis } = deps;
  const keys = new RedisKeys(config.REDIS_PREFIX);
  const tokens = new TokenService(db, config);
  const usage = new UsageMeter(redis, keys);
  const audit = new AuditService(new AuditRepository(db));
  const identityRepo = new IdentityRepository(db);
  // Tenants and identity need each other (onboarding invites an admin; identity checks tenant
  // status): identity sees tenants only through the TenantDirectory port.
  const wired: { identity?: IdentityService } = {};
  const tenants = new TenantsService(
    new TenantsRepository(db),
    db,
    () => {
      if (!wired.identity) throw new Error('identity service not wired');
      return wired.identity;
    },
    audit,
    usage,
  );
  const identity = new IdentityService(identityRepo, tenants, audit, config);
  wired.identity = identity;
  const auth = new AuthService(identityRepo, tokens, tenants, audit, config, redis);
  return { config, logger, db, redis, keys, tokens, usage, audit, tenants, identity, auth };
}
