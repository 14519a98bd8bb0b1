import type { Redis } from 'ioredis';
import { describeConfig, type Config } from './config/index.js';
import { Database } from './db/index.js';
import { createLogger, type Logger } from './logger.js';
import { createRedis } from './redis.js';
import { createServices, type Services } from '../services.js';
import { runAsSystem } from './tenancy/context.js';
import { TenantModel, type TenantRecord } from '../modules/tenants/model.js';

/**
 * Boots what every process needs: validated config, logger, database, Redis, indexes, signing
 * keys, and the services. Used by the api, worker and cli entrypoints and the test harness.
 */
export async function bootstrap(config: Config, opts: { logger?: Logger; name: string }): Promise<Services> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  logger.info({ config: describeConfig(config), process: opts.name }, 'starting');
  const db = await Database.connect(config.MONGODB_URI, config.MONGODB_DB);
  const redis: Redis = createRedis(config.REDIS_URL, opts.name, (err) => logger.warn({ err: err.message }, 'redis error'));
  await redis.ping();
  await db.syncIndexes();
  const siloed = await runAsSystem('boot.silo-indexes', () =>
    db.model(TenantModel).find({ tier: 'SILOED', status: 'ACTIVE' }).select({ _id: 1 }).lean<Pick<TenantRecord, '_id'>[]>(),
  );
  for (const t of siloed) await db.syncIndexes({ siloOf: t._id });
  const services = createServices({ config, logger, db, redis });
  await services.tokens.ensureKey();
  return services;
}

export async function shutdownServices(services: Services): Promise<void> {
  await Promise.allSettled([services.db.close(), services.redis.quit()]);
}
