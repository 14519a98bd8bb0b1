import { loadConfig } from '../platform/config/index.js';
import { bootstrap, createApiServer } from '../bootstrap.js';
import { stopOnSignals } from '../platform/runtime.js';

/** The API process: REST + GraphQL. Stateless; run as many as the load needs. */
const config = loadConfig();
const services = await bootstrap(config, { name: 'api' });
const server = await createApiServer(services);
// Signal handling is in place before the process says it is up: a SIGTERM sent right after
// "listening" must drain, not kill.
stopOnSignals(services, () => server.drain());
const port = await server.listen(config.PORT, config.HOST);
services.logger.info({ port, host: config.HOST }, 'api listening');
