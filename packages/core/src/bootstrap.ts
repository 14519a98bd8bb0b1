import type { Redis } from 'ioredis';
import { describeConfig, type Config } from './platform/config/index.js';
import { Database } from './platform/db/index.js';
import { createApiServer as createHttpServer, type ApiServer } from './platform/http/app.js';
import { createLogger, type Logger } from './platform/logger.js';
import type { AnyModule } from './platform/module.js';
import { createRedis } from './platform/redis.js';
import { describePrincipal } from './platform/auth/principal.js';
import { observeSystemScopes } from './platform/tenancy/context.js';
import { forEachTenant } from './platform/tenancy/directory.js';
import { buildSchema } from './schema.js';
import { createServices, type Services } from './services.js';

/**
 * Boots what every process needs: validated config, logger, database, Redis, indexes (the
 * platform database and every silo), signing keys, and the modules' services. Used by the api,
 * worker and cli entrypoints and the test harness.
 */
export async function bootstrap(
  config: Config,
  opts: { logger?: Logger; name: string; modules?: readonly AnyModule[] },
): Promise<Services> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  logger.info({ config: describeConfig(config), process: opts.name }, 'starting');
  // Every system scope leaves a record: cross-tenant reads at info, the rest at debug.
  observeSystemScopes((e) => {
    const who = describePrincipal(e.principal);
    // Ids only: an actor's display name may be an email address.
    const entry = { reason: e.reason, requestId: e.requestId, actor: `${who.type}:${who.id}` };
    if (e.allTenants) logger.info({ systemScope: entry }, 'cross-tenant system scope');
    else logger.debug({ systemScope: entry }, 'system scope');
  });
  const db = await Database.connect(config.MONGODB_URI, config.MONGODB_DB);
  const redis: Redis = createRedis(config.REDIS_URL, opts.name, (err) =>
    logger.warn({ err: err.message }, 'redis error'),
  );
  await redis.ping();
  const services = createServices({ config, logger, db, redis }, opts.modules);
  await db.syncIndexes();
  await forEachTenant(services.ports.tenantDirectory, async (t) => {
    if (t.tier === 'SILOED') await db.syncIndexes({ siloOf: t.id });
  });
  await services.tokens.ensureKey();
  return services;
}

/** The API over the composed modules: their GraphQL schema and REST routes. */
export function createApiServer(services: Services, schema = buildSchema(services)): Promise<ApiServer> {
  return createHttpServer({
    platform: services,
    authenticator: services.ports.authenticator,
    tenants: services.ports.tenantDirectory,
    schema,
    routes: services.moduleList.flatMap((m) => m.routes?.(services.refOf(m)) ?? []),
  });
}
