import { z } from 'zod';
import { defineQueue, type ModuleRef, type QueueSpec } from '../../platform/module.js';
import type { ChannelsService } from './service.js';

/** Hourly: forget expired Idempotency-Keys in every tenant. */
export const channelsQueues = ({ service }: ModuleRef<ChannelsService>): QueueSpec[] => [
  defineQueue({
    name: 'channels-maintenance',
    concurrency: 1,
    payload: z.object({ task: z.literal('expire-idempotency-keys') }).strict(),
    async handle() {
      await service.expireIdempotencyKeys();
    },
    repeat: [
      {
        jobId: 'expire-idempotency-keys',
        every: 60 * 60 * 1000,
        payload: { task: 'expire-idempotency-keys' },
      },
    ],
  }),
];
