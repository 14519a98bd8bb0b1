import { z } from 'zod';
import { PlatformError } from '../../platform/errors.js';
import type { GraphQLContext } from '../../platform/graphql/context.js';
import { resolver, type Policy, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import { TICKET_ACTIVITIES, type PresenceModuleService, type TicketViewer } from './service.js';

export const presenceTypeDefs = /* GraphQL */ `
  "What a person is doing on a ticket (collision detection)."
  enum TicketActivity {
    VIEWING
    REPLYING
  }

  "Someone of the tenant who has a ticket open. The name only (no email)."
  type TicketViewer {
    userId: ID!
    name: String!
    activity: TicketActivity!
    "When the current activity began."
    since: DateTime!
  }

  type Mutation {
    """
    Announce that the signed-in user is viewing or replying on a ticket; repeat every ~10 s
    (entries expire after 30 s). Returns who is on the ticket now (including you).
    """
    announceTicketPresence(ticketId: ID!, activity: TicketActivity!): [TicketViewer!]!
    "Leave a ticket at once (closing it in the console)."
    leaveTicketPresence(ticketId: ID!): Boolean!
  }

  type Query {
    "Who is viewing or replying on a ticket now, oldest first."
    ticketPresence(ticketId: ID!): [TicketViewer!]!
  }

  type Subscription {
    "Who is on a ticket: the full list at once, then again each time it changes (arrivals, activity, leaving, expiry)."
    ticketPresence(ticketId: ID!): [TicketViewer!]!
  }
`;

export const presenceTypePolicies: Record<string, TypePolicy> = { TicketViewer: 'inherit-from-parent' };

/** Tenant users only: presence is about people of the organisation, not API keys or customers. */
const TENANT_USERS: Policy = { tenant: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'] };

/** Any id-shaped value: a ticket that is not the caller's tenant's is simply not found. */
const ticketId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_]+$/, 'Not an id');

const onTicket = z.object({ ticketId });

function userOf(ctx: GraphQLContext): string {
  if (ctx.principal.kind !== 'user') throw new PlatformError('FORBIDDEN', 'Only people can be on a ticket');
  return ctx.principal.userId;
}

const dto = (v: TicketViewer) => v;

export const presenceResolvers = ({ service: s }: ModuleRef<PresenceModuleService>): ResolverMap => ({
  Query: {
    ticketPresence: resolver(TENANT_USERS, onTicket, async (a) => {
      const tenant = requireTenant();
      await s.requireTicket(a.ticketId);
      return (await s.presence.list(tenant.id, a.ticketId)).map(dto);
    }),
  },
  Mutation: {
    announceTicketPresence: resolver(
      TENANT_USERS,
      z.object({ ticketId, activity: z.enum(TICKET_ACTIVITIES) }),
      async (a, ctx) => {
        const userId = userOf(ctx);
        const tenant = requireTenant();
        await s.requireTicket(a.ticketId);
        const viewers = await s.presence.announce(
          tenant.id,
          a.ticketId,
          { userId, name: () => s.nameOf(userId) },
          a.activity,
        );
        return viewers.map(dto);
      },
    ),
    leaveTicketPresence: resolver(TENANT_USERS, onTicket, async (a, ctx) => {
      const userId = userOf(ctx);
      const tenant = requireTenant();
      await s.requireTicket(a.ticketId);
      return s.presence.leave(tenant.id, a.ticketId, userId);
    }),
  },
  Subscription: {
    ticketPresence: {
      // The tenant is the connection's (from its credential); the ticket must be one of its own.
      subscribe: resolver(TENANT_USERS, onTicket, async (a) => {
        const tenant = requireTenant();
        await s.requireTicket(a.ticketId);
        return s.presence.watch(tenant.id, a.ticketId);
      }),
      resolve: (viewers: TicketViewer[]) => viewers.map(dto),
    },
  },
});
