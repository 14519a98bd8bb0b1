import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../platform/config/index.js';
import { bootstrap, createApiServer } from '../bootstrap.js';
import type { ApiServer } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';
import type { AnyModule } from '../platform/module.js';
import { shutdownServices } from '../platform/runtime.js';
import type { Services } from '../services.js';
import { seedProviderAdmin } from '../seed.js';

export interface TestServer {
  baseUrl: string;
  port: number;
  services: Services;
  /** The Express app and HTTP server (tests walk its router). */
  api: ApiServer;
  config: Config;
  providerAdmin: { email: string; password: string };
  /** Lines the server logged (JSON), for tests that check what reaches the logs. */
  logLines: string[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  mongoUri: string;
  redisUrl: string;
  /** Fresh per suite, e.g. from freshDatabaseName(); also used as the Redis key prefix. */
  dbName?: string;
  adminDistDir?: string;
  env?: Record<string, string>;
  /** The modules to compose (default: src/modules.ts) — a test may add a module of its own. */
  modules?: readonly AnyModule[];
}

/**
 * A real API on a real socket over the real services, for tests: its own database and Redis
 * prefix, a seeded provider admin, and a close() that stops the server and its connections.
 */
export async function startTestServer(opts: TestServerOptions): Promise<TestServer> {
  const dbName = opts.dbName ?? `t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: opts.mongoUri,
    MONGODB_DB: dbName,
    REDIS_URL: opts.redisUrl,
    REDIS_PREFIX: dbName
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '')
      .slice(0, 20),
    TANDEM_MASTER_KEY: randomBytes(32).toString('base64'),
    PORT: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_READINESS_DELAY_MS: '0',
    ...(opts.adminDistDir ? { ADMIN_DIST_DIR: opts.adminDistDir } : {}),
    ...opts.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (logLines.length > 5000) logLines.splice(0, logLines.length - 5000);
      cb();
    },
  });
  const services = await bootstrap(config, {
    name: 'test-api',
    logger: createLogger(config.LOG_LEVEL, sink),
    ...(opts.modules ? { modules: opts.modules } : {}),
  });
  const providerAdmin = await seedProviderAdmin(services, { email: 'admin@provider.test' });
  const server = await createApiServer(services);
  const port = await server.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    services,
    api: server,
    config,
    providerAdmin,
    logLines,
    async close() {
      await server.drain();
      await services.db.connection.dropDatabase().catch(() => undefined);
      await shutdownServices(services);
    },
  };
}
