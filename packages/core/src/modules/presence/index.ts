import { defineErrors } from '../../platform/errors.js';
import { defineModule } from '../../platform/module.js';
import { identityModule } from '../identity/index.js';
import { ticketsModule } from '../tickets/index.js';
import { presenceResolvers, presenceTypeDefs, presenceTypePolicies } from './graphql.js';
import { PresenceService, type PresenceModuleService } from './service.js';

export {
  TICKET_ACTIVITIES,
  type PresenceModuleService,
  type TicketActivity,
  type TicketViewer,
} from './service.js';

/** Collision detection: who is viewing or replying on a ticket, live across API processes. */
export const presenceModule = defineModule({
  create: ({ platform, use }): PresenceModuleService => {
    const tickets = use(ticketsModule);
    const identity = use(identityModule);
    const ttlMs = platform.config.PRESENCE_TTL_SECONDS * 1000;
    return {
      presence: new PresenceService({
        redis: platform.redis,
        keys: platform.keys,
        live: platform.live,
        logger: platform.logger,
        ttlMs,
        sweepMs: Math.min(5_000, Math.max(500, Math.floor(ttlMs / 6))),
      }),
      async requireTicket(ticketId) {
        await tickets.tickets.get(ticketId);
      },
      async nameOf(userId) {
        return (await identity.users.getUser(userId))?.name ?? '';
      },
    };
  },
  name: 'presence',
  summary: 'Collision detection: who is viewing or replying on a ticket, live',
  models: [],
  errors: defineErrors({}),
  graphql: { typeDefs: presenceTypeDefs, typePolicies: presenceTypePolicies, resolvers: presenceResolvers },
  tenantData: {
    kind: 'none',
    reason: 'Presence entries live in Redis for at most PRESENCE_TTL_SECONDS after the last announcement.',
  },
});
