import { loadConfig } from '../platform/config/index.js';
import { bootstrap, shutdownServices } from '../platform/runtime.js';
import { startWorkers } from '../jobs.js';

/** The worker process: background jobs from Bull queues. Stateless; run as many as needed. */
const config = loadConfig();
const services = await bootstrap(config, { name: 'worker' });
const workers = await startWorkers(services);
services.logger.info({ queues: workers.queues.map((q) => q.name) }, 'worker running');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A dependency that hangs must not keep a stopping process alive past its grace period.
  setTimeout(() => {
    services.logger.error('shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_GRACE_MS + 5_000).unref();
  services.logger.info({ signal }, 'draining jobs');
  await workers.close();
  await shutdownServices(services);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
