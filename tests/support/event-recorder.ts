// A test-only module whose consumer records the events the worker delivers, in Redis under
// `<tenant>:recorded:<key>`, so an integration suite can see what a change published.
import type { EventName } from '@tandem/sdk/events';
import type { AnyModule } from '@tandem/core';
import { defineErrors } from '../../packages/core/src/platform/errors.js';
import { defineModule } from '../../packages/core/src/platform/module.js';

export function eventRecorder(opts: {
  name: string;
  events: readonly EventName[] | 'all';
  /** The record's key from the event's data; events without one are not recorded. */
  keyOf: (data: Record<string, unknown>) => string | undefined;
}): AnyModule {
  return defineModule({
    create: () => ({}),
    name: opts.name,
    summary: 'Test-only: records the events the worker delivers',
    models: [],
    errors: defineErrors({}),
    consumers: ({ platform }) => [
      {
        name: opts.name,
        events: opts.events,
        concurrency: 4,
        async handle(event) {
          const key = opts.keyOf(event.data as Record<string, unknown>);
          if (!key) return;
          await platform.redis.rpush(
            platform.keys.tenant(event.tenantId, 'recorded', key),
            JSON.stringify({ id: event.id, type: event.type, data: event.data }),
          );
        },
      },
    ],
    tenantData: { kind: 'none', reason: 'Test-only recorder: it keeps nothing of the tenant in MongoDB.' },
  }) as unknown as AnyModule;
}
