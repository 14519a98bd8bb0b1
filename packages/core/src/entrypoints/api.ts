import { loadConfig } from '../platform/config/index.js';
import { createApiServer } from '../platform/http/app.js';
import { bootstrap, shutdownServices } from '../platform/runtime.js';
import { buildSchema } from '../schema.js';

/** The API process: REST + GraphQL. Stateless; run as many as the load needs. */
const config = loadConfig();
const services = await bootstrap(config, { name: 'api' });
const server = await createApiServer(services, buildSchema());
const port = await server.listen(config.PORT, config.HOST);
services.logger.info({ port, host: config.HOST }, 'api listening');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A dependency that hangs must not keep a stopping process alive past its grace period.
  setTimeout(() => {
    services.logger.error('shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_GRACE_MS + 5_000).unref();
  services.logger.info({ signal }, 'draining');
  await server.drain();
  await shutdownServices(services);
  services.logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
