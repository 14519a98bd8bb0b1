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
  services.logger.info({ signal }, 'draining jobs');
  await workers.close();
  await shutdownServices(services);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
