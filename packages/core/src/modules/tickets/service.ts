import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { TicketsAdminService } from './admin.js';
import { ConversationService, type IntakeInput, type IntakeResult } from './conversation.js';
import { CsatService } from './csat.js';
import { RelationsService } from './relations.js';
import type { TicketsDeps } from './support.js';
import { TicketsService } from './tickets-service.js';

/** The tickets module's service: one part per concept, and the intake the channels call. */
export interface TicketsModuleService {
  tickets: TicketsService;
  conversation: ConversationService;
  relations: RelationsService;
  csat: CsatService;
  admin: TicketsAdminService;
  /**
   * A customer's message from a channel (API, web chat, e-mail, phone), in the tenant's context:
   * idempotent on (channel, externalMessageId); continues the customer's ticket on that channel or
   * opens one. Returns the ticket, the message, and whether this call created the message.
   */
  intakeCustomerMessage(input: IntakeInput): Promise<IntakeResult>;
}

export function createTicketsService(d: TicketsDeps, directory: TenantDirectory): TicketsModuleService {
  const tickets = new TicketsService(d);
  const conversation = new ConversationService(d, tickets);
  return {
    tickets,
    conversation,
    relations: new RelationsService(d, tickets),
    csat: new CsatService(d, directory),
    admin: new TicketsAdminService(d),
    intakeCustomerMessage: (input) => conversation.intake(input),
  };
}
