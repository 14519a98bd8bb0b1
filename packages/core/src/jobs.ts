import type Bull from 'bull';
import { z } from 'zod';
import { defineQueue, type QueueSpec } from './platform/module.js';
import { closeQueues, createQueue, processJobs, type JobEnvelope } from './platform/queues.js';
import type { Services } from './services.js';

export const MAINTENANCE_QUEUE = 'platform-maintenance';

/** Provider maintenance: signing-key rotation every month (one repeatable job however many workers). */
function maintenanceQueue(services: Services): QueueSpec {
  return defineQueue({
    name: MAINTENANCE_QUEUE,
    concurrency: 1,
    payload: z.discriminatedUnion('task', [z.object({ task: z.literal('rotate-signing-key') })]),
    async handle(payload) {
      if (payload.task === 'rotate-signing-key') {
        const kid = await services.tokens.rotate();
        services.logger.info({ kid }, 'signing key rotated');
      }
    },
    repeat: [{ jobId: 'rotate-signing-key', cron: '0 3 1 * *', payload: { task: 'rotate-signing-key' } }],
  });
}

/** Every queue the worker runs: the platform's and each module's. */
export function queueSpecs(services: Services): QueueSpec[] {
  return [
    maintenanceQueue(services),
    ...services.moduleList.flatMap((m) => m.queues?.(services.refOf(m)) ?? []),
  ];
}

/** Starts the worker's queues. */
export async function startWorkers(
  services: Services,
): Promise<{ queues: Bull.Queue<JobEnvelope>[]; close(): Promise<void> }> {
  const { config, logger } = services;
  const queues: Bull.Queue<JobEnvelope>[] = [];
  for (const spec of queueSpecs(services)) {
    const queue = createQueue(spec.name, {
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      ...(spec.perTenant ? { perTenant: spec.perTenant } : {}),
    });
    processJobs(queue, spec.concurrency, spec.payload, logger, (payload, envelope) =>
      spec.handle(payload, envelope),
    );
    for (const r of spec.repeat ?? []) {
      await queue.add(
        { tenantId: null, tier: null, idempotencyKey: r.jobId, causationDepth: 0, payload: r.payload },
        { repeat: { cron: r.cron, tz: 'UTC' }, jobId: r.jobId },
      );
    }
    queues.push(queue);
  }
  return { queues, close: () => closeQueues(queues) };
}
