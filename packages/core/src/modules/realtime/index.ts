import { EVENT_NAMES, type EventName } from '@tandem/sdk/events';
import { z } from 'zod';
import { defineErrors } from '../../platform/errors.js';
import { resolver } from '../../platform/graphql/policy.js';
import type { PublishedEvent } from '../../platform/events/index.js';
import { defineModule } from '../../platform/module.js';
import { requireTenant } from '../../platform/tenancy/context.js';

const SUBSCRIBABLE = EVENT_NAMES.filter((n) => n !== 'webhook.test');

const typeDefs = /* GraphQL */ `
  """
  A domain event as it happened (the SDK's event catalogue: @tandem/sdk/events).
  """
  type LiveEvent {
    id: ID!
    type: String!
    occurredAt: DateTime!
    schemaVersion: Int!
    causationDepth: Int!
    data: JSON!
  }

  type Subscription {
    """
    The tenant's domain events as they are published (at most once per connection; after a
    reconnect, re-read what you show). Tenant users; API keys with EVENTS_READ.
    Optional filters: event types, and one ticket.
    """
    tenantEvents(types: [String!], ticketId: ID): LiveEvent!
  }
`;

const args = z.object({
  types: z
    .array(z.enum(SUBSCRIBABLE as [EventName, ...EventName[]]))
    .max(SUBSCRIBABLE.length)
    .nullish(),
  ticketId: z
    .string()
    .regex(/^tkt_[0-9A-Za-z]{20}$/, 'Not a ticket id')
    .nullish(),
});

/** Live updates: the tenant's domain events over GraphQL subscriptions (graphql-ws). */
export const realtimeModule = defineModule({
  create: ({ platform }) => platform.live,
  name: 'realtime',
  summary: "Live updates: the tenant's domain events over GraphQL subscriptions",
  models: [],
  errors: defineErrors({}),
  scopes: { EVENTS_READ: "Receive the tenant's domain events live (subscriptions)" },
  graphql: {
    typeDefs,
    typePolicies: { LiveEvent: 'inherit-from-parent' },
    resolvers: ({ service: live }) => ({
      Subscription: {
        tenantEvents: {
          // The tenant is the connection's (from its credential), never an argument.
          subscribe: resolver(
            { tenant: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'], apiKey: ['EVENTS_READ'] },
            args,
            async (a) => {
              const tenant = requireTenant();
              const types = a.types ? new Set<string>(a.types) : null;
              return live.iterate(
                tenant.id,
                (e) =>
                  (!types || types.has(e.type)) &&
                  (!a.ticketId || (e.data as { ticketId?: unknown }).ticketId === a.ticketId),
              );
            },
          ),
          resolve: (e: PublishedEvent) => e,
        },
      },
    }),
  },
  tenantData: {
    kind: 'none',
    reason: 'Live updates keep no data: events are relayed as they are published.',
  },
});
