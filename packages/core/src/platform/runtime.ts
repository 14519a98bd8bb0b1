import type { Redis } from 'ioredis';
import type { Database } from './db/index.js';
import type { Logger } from './logger.js';
import type { Config } from './config/index.js';

interface Running {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  events?: { close(): Promise<void> };
  live?: { close(): Promise<void> };
}

export async function shutdownServices(services: Running): Promise<void> {
  await services.events?.close().catch(() => undefined);
  await services.live?.close().catch(() => undefined);
  await Promise.allSettled([services.db.close(), services.redis.quit()]);
}

/**
 * SIGTERM/SIGINT handling shared by the processes: run `drain` once (readiness off, finish the
 * in-flight work), close the connections, exit 0 — or exit 1 if a dependency hangs past the grace.
 */
export function stopOnSignals(services: Running, drain: () => Promise<void>): void {
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
