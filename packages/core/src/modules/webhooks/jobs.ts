import { z } from 'zod';
import type { EventConsumerSpec } from '../../platform/events/index.js';
import type { Logger } from '../../platform/logger.js';
import { defineQueue, type ModuleRef, type QueueSpec } from '../../platform/module.js';
import { forEachTenant, type TenantDirectory } from '../../platform/tenancy/directory.js';
import { DELIVERY_QUEUE } from './deliveries-service.js';
import type { WebhooksServices } from './graphql.js';
import { deliveryId } from './inputs.js';

/** A try whose job should have run this long ago is queued again by the sweeper. */
const OVERDUE_GRACE_MS = 5 * 60_000;
/** Finished deliveries stay in the log this long. */
const RETAIN_MS = 30 * 24 * 3_600_000;

export interface WebhooksService extends WebhooksServices {
  directory: TenantDirectory;
  logger: Logger;
}

/** Every published event goes to the webhooks consumer; it keeps what some subscription wants. */
export const webhooksConsumers = ({ service }: ModuleRef<WebhooksService>): EventConsumerSpec[] => [
  {
    name: 'webhooks',
    events: 'all',
    concurrency: 4,
    perTenant: { max: 100, durationMs: 1000 },
    handle: (event) => service.deliveries.onEvent(event),
  },
];

export const webhooksQueues = ({ service }: ModuleRef<WebhooksService>): QueueSpec[] => [
  defineQueue({
    name: DELIVERY_QUEUE,
    concurrency: 8,
    // One tenant's slow or failing receiver cannot take every slot from the others.
    perTenant: { max: 20, durationMs: 1000 },
    payload: z.object({ deliveryId, attempt: z.number().int().min(1).max(1000) }),
    handle: (p) => service.deliveries.attempt(p.deliveryId, p.attempt),
  }),
  defineQueue({
    name: 'webhook-maintenance',
    concurrency: 1,
    payload: z.object({ task: z.literal('sweep') }),
    async handle() {
      await forEachTenant(
        service.directory,
        async () => void (await service.deliveries.sweep(OVERDUE_GRACE_MS, RETAIN_MS)),
        {
          onError: (t, err) =>
            service.logger.warn({ tenantId: t.id, err: (err as Error).message }, 'webhook sweep failed'),
        },
      );
    },
    repeat: [{ jobId: 'webhook-sweep', every: 5 * 60_000, payload: { task: 'sweep' } }],
  }),
];
