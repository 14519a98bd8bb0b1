import { createHmac } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { defineModule } from '../../platform/module.js';
import { auditModule } from '../audit/index.js';
import { customersModule } from '../customers/index.js';
import { identityModule } from '../identity/index.js';
import { TICKETS_ERRORS } from './errors.js';
import { ticketsResolvers, ticketsTypeDefs, ticketsTypePolicies } from './graphql.js';
import { ticketsIds } from './ids.js';
import { TICKET_MODELS, TicketMessageModel, TicketModel } from './model.js';
import { TicketsRepository } from './repository.js';
import { createTicketsService, type TicketsModuleService } from './service.js';
import type { AgentDirectory, CustomerDirectory } from './support.js';
import { ticketsConsumers } from './consumers.js';

export type { TicketsModuleService } from './service.js';
export type { IntakeInput, IntakeResult } from './conversation.js';
export type { TicketRecord, TicketMessageRecord } from './model.js';
export { TicketsError, type TicketsErrorCode } from './errors.js';
export { ticketDto, messageDto } from './dto.js';
export { TRANSITIONS } from './status.js';

/** Tickets and their conversations: lifecycle, custom fields, views, merge, CSAT, and the channels' intake. */
export const ticketsModule = defineModule({
  create: ({ platform, use, port }): TicketsModuleService => {
    const identity = use(identityModule);
    const agents: AgentDirectory = {
      async isActiveAgent(userId) {
        try {
          const v = await identity.users.getTenantUser(userId);
          return v.role !== null && v.user.status === 'ACTIVE';
        } catch (e) {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
          throw e;
        }
      },
    };
    const customersService = use(customersModule);
    const customers: CustomerDirectory = { liveId: (id) => customersService.resolveId(id) };
    return createTicketsService(
      {
        repo: new TicketsRepository(platform.db),
        audit: use(auditModule),
        events: platform.events,
        agents,
        customers,
        redis: platform.redis,
        keys: platform.keys,
        csatKey: createHmac('sha256', Buffer.from(platform.config.TANDEM_MASTER_KEY, 'base64'))
          .update('tandem:tickets:csat-survey:v1')
          .digest(),
      },
      port('tenantDirectory'),
    );
  },
  name: 'tickets',
  summary: 'Tickets and their conversations: lifecycle, custom fields, views, merge, CSAT, channel intake',
  ids: ticketsIds,
  models: TICKET_MODELS,
  errors: TICKETS_ERRORS,
  scopes: {
    TICKETS_READ: "Read the tenant's tickets and their public messages",
    TICKETS_WRITE: 'Create and change tickets, and post customer or bot messages on them',
  },
  graphql: { typeDefs: ticketsTypeDefs, typePolicies: ticketsTypePolicies, resolvers: ticketsResolvers },
  eventSources: [TicketModel, TicketMessageModel],
  consumers: ticketsConsumers,
  tenantData: { kind: 'models' },
});
