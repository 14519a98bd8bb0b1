// Starts the services a test run needs, once per `vitest run`, and stops them at the end.
import type { TestProject } from 'vitest/node';
import { ensureServices } from '../../tools/services/src/index.js';
import './context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const services = await ensureServices({ purpose: 'test' });
  project.provide('mongoUri', services.mongoUri);
  project.provide('redisUrl', services.redisUrl);
  // for processes the tests spawn (API servers, workers, runners, CLIs)
  const previous = { MONGODB_URI: process.env.MONGODB_URI, REDIS_URL: process.env.REDIS_URL };
  process.env.MONGODB_URI = services.mongoUri;
  process.env.REDIS_URL = services.redisUrl;
  process.stderr.write(
    `[services] test run "${services.name}": mongo ${services.origin.mongo} ${services.mongoUri}, ` +
      `redis ${services.origin.redis} ${services.redisUrl} (${Date.now() - started} ms)\n`,
  );
  return async () => {
    await services.stop();
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
