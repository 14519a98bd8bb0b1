import type Bull from 'bull';
import { z } from 'zod';
import { closeQueues, createQueue, processJobs, type JobEnvelope } from './platform/queues.js';
import type { Services } from './services.js';

export const MAINTENANCE_QUEUE = 'platform-maintenance';

const maintenancePayload = z.discriminatedUnion('task', [
  z.object({ task: z.literal('rotate-signing-key') }),
]);

/**
 * Background work of the worker process. Today: provider maintenance (signing-key rotation every
 * 30 days, as a repeatable job so exactly one worker runs it however many are up). Domains add
 * their queues here.
 */
export async function startWorkers(
  services: Services,
): Promise<{ queues: Bull.Queue<JobEnvelope>[]; close(): Promise<void> }> {
  const { config, logger } = services;
  const maintenance = createQueue(MAINTENANCE_QUEUE, {
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
  });
  processJobs(maintenance, 1, maintenancePayload, logger, async (payload) => {
    if (payload.task === 'rotate-signing-key') {
      const kid = await services.tokens.rotate();
      logger.info({ kid }, 'signing key rotated');
    }
  });
  await maintenance.add(
    {
      tenantId: null,
      tier: null,
      idempotencyKey: 'rotate-signing-key',
      causationDepth: 0,
      payload: { task: 'rotate-signing-key' },
    },
    { repeat: { cron: '0 3 1 * *', tz: 'UTC' }, jobId: 'rotate-signing-key' },
  );
  const queues = [maintenance];
  return { queues, close: () => closeQueues(queues) };
}
