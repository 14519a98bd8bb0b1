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
  const redis: Redis = createRedis(config.REDIS_URL, opts.name, (err) =>
    logger.warn({ err: err.message }, 'redis error'),
  );
  await redis.ping();
  await db.syncIndexes();
  const siloed = await runAsSystem('boot.silo-indexes', () =>
    db
      .model(TenantModel)
      .find({ tier: 'SILOED', status: 'ACTIVE' })
      .select({ _id: 1 })
      .lean<Pick<TenantRecord, '_id'>[]>(),
  );
  for (const t of siloed) await db.syncIndexes({ siloOf: t._id });
  const services = createServices({ config, logger, db, redis });
  await services.tokens.ensureKey();
  return services;
}

export async function shutdownServices(services: Services): Promise<void> {
  await Promise.allSettled([services.db.close(), services.redis.quit()]);
}

/**
 * SIGTERM/SIGINT handling shared by the processes: run `drain` once (readiness off, finish the
 * in-flight work), close the connections, exit 0 — or exit 1 if a dependency hangs past the grace.
 */
export function stopOnSignals(services: Services, drain: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      services.logger.error('shutdown timed out');
      process.exit(1);
    }, services.config.SHUTDOWN_GRACE_MS + 5_000).unref();
    services.logger.info({ signal }, 'draining');
    await drain();
    await shutdownServices(services);
    services.logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
