import { z } from 'zod';
import type { EventConsumerSpec } from '../../platform/events/index.js';
import type { ModuleRef } from '../../platform/module.js';
import type { TicketsModuleService } from './service.js';

const merged = z.object({ customerId: z.string().min(1), mergedIntoId: z.string().min(1) });

/** Reactions of the tickets module to other modules' events (run by the worker, in the event's tenant). */
export const ticketsConsumers = ({ service }: ModuleRef<TicketsModuleService>): EventConsumerSpec[] => [
  {
    // A merged customer's tickets follow the survivor (idempotent: a repeat moves nothing).
    name: 'tickets.customer-merged',
    events: ['customer.merged'],
    concurrency: 2,
    perTenant: { max: 50, durationMs: 1000 },
    async handle(event) {
      const data = merged.parse(event.data);
      await service.tickets.followCustomerMerge(data.customerId, data.mergedIntoId);
    },
  },
];
