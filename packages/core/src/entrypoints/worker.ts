import { loadConfig } from '../platform/config/index.js';
import { bootstrap } from '../bootstrap.js';
import { stopOnSignals } from '../platform/runtime.js';
import { startWorkers } from '../jobs.js';

/** The worker process: background jobs from Bull queues. Stateless; run as many as needed. */
const config = loadConfig();
const services = await bootstrap(config, { name: 'worker' });
const running: { workers?: Awaited<ReturnType<typeof startWorkers>> } = {};
// Installed before the queues start, so a SIGTERM at any moment after boot drains cleanly.
stopOnSignals(services, async () => {
  await running.workers?.close();
});
running.workers = await startWorkers(services);
services.logger.info({ queues: running.workers.queues.map((q) => q.name) }, 'worker running');
