import type Bull from 'bull';
import { z } from 'zod';
import { eventEnvelopeSchema } from '@tandem/sdk/events';
import { EVENTS_QUEUE, type EventConsumerSpec, type PublishedEvent } from './platform/events/index.js';
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

/** Outbox events left behind by a crash are published within this long. */
export const OUTBOX_GRACE_MS = 5_000;

const publishedEvent = eventEnvelopeSchema.extend({ data: z.record(z.string(), z.unknown()) });

/** Every consumer of events, from every module. */
export function consumerSpecs(services: Services): EventConsumerSpec[] {
  return services.moduleList.flatMap((m) => m.consumers?.(services.refOf(m)) ?? []);
}

/**
 * The event pipeline: the `events` queue fans each event out to the queue of every consumer that
 * wants it (job id `<consumer>:<event id>`, so a re-published event is one job per consumer while
 * kept), and the reconciler publishes what a crash left in outboxes.
 */
function eventQueues(services: Services, queueOf: (name: string) => Bull.Queue<JobEnvelope>): QueueSpec[] {
  const consumers = consumerSpecs(services);
  const sources = services.moduleList.flatMap((m) => (m.eventSources ?? []).map((d) => d.name));
  return [
    defineQueue({
      name: EVENTS_QUEUE,
      concurrency: 4,
      perTenant: { max: 200, durationMs: 1000 },
      payload: publishedEvent,
      async handle(event, envelope) {
        for (const c of consumers) {
          if (c.events !== 'all' && !c.events.includes(event.type)) continue;
          await queueOf(`consumer.${c.name}`).add(
            { ...envelope, idempotencyKey: `${c.name}:${event.id}`, payload: event },
            { jobId: `${c.name}:${event.id}` },
          );
        }
      },
    }),
    ...consumers.map((c) =>
      defineQueue({
        name: `consumer.${c.name}`,
        concurrency: c.concurrency,
        ...(c.perTenant ? { perTenant: c.perTenant } : {}),
        payload: publishedEvent,
        handle: (event) => c.handle(event as PublishedEvent),
      }),
    ),
    defineQueue({
      name: 'outbox-reconcile',
      concurrency: 1,
      payload: z.object({ task: z.literal('reconcile') }),
      async handle() {
        await services.events.reconcile(services.ports.tenantDirectory, sources, OUTBOX_GRACE_MS);
      },
      repeat: [{ jobId: 'outbox-reconcile', every: OUTBOX_GRACE_MS, payload: { task: 'reconcile' } }],
    }),
  ];
}

/** Every queue the worker runs: the platform's and each module's. */
/** Every queue the worker runs: the platform's, the event pipeline and each module's. */
export function queueSpecs(
  services: Services,
  queueOf: (name: string) => Bull.Queue<JobEnvelope> = () => {
    throw new Error('queues are not started');
  },
): QueueSpec[] {
  return [
    maintenanceQueue(services),
    ...eventQueues(services, queueOf),
    ...services.moduleList.flatMap((m) => m.queues?.(services.refOf(m)) ?? []),
  ];
}

/** Starts the worker's queues. */
export async function startWorkers(
  services: Services,
): Promise<{ queues: Bull.Queue<JobEnvelope>[]; close(): Promise<void> }> {
  const { config, logger } = services;
  const queues: Bull.Queue<JobEnvelope>[] = [];
  const specs = queueSpecs(services, (name) => {
    const q = queues.find((x) => x.name === name);
    if (!q) throw new Error(`queue ${name} is not started`);
    return q;
  });
  for (const spec of specs) {
    queues.push(
      createQueue(spec.name, {
        redisUrl: config.REDIS_URL,
        prefix: config.REDIS_PREFIX,
        ...(spec.perTenant ? { perTenant: spec.perTenant } : {}),
      }),
    );
  }
  for (const spec of specs) {
    const queue = queues.find((q) => q.name === spec.name);
    if (!queue) continue;
    processJobs(queue, spec.concurrency, spec.payload, logger, (payload, envelope) =>
      spec.handle(payload, envelope),
    );
    for (const r of spec.repeat ?? []) {
      await queue.add(
        { tenantId: null, tier: null, idempotencyKey: r.jobId, causationDepth: 0, payload: r.payload },
        { repeat: 'cron' in r ? { cron: r.cron, tz: 'UTC' } : { every: r.every }, jobId: r.jobId },
      );
    }
  }
  return { queues, close: () => closeQueues(queues) };
}
