import { loadConfig } from '../platform/config/index.js';
import { bootstrap, stopOnSignals } from '../platform/runtime.js';
import { startWorkers } from '../jobs.js';

/** The worker process: background jobs from Bull queues. Stateless; run as many as needed. */
const config = loadConfig();
const services = await bootstrap(config, { name: 'worker' });
const workers = await startWorkers(services);
services.logger.info({ queues: workers.queues.map((q) => q.name) }, 'worker running');
stopOnSignals(services, () => workers.close());
