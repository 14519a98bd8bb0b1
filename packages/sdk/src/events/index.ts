// Public surface of `@tandem/sdk/events`: the event catalogue shared with the server.
export {
  AUTHOR_KINDS,
  CHANNELS,
  EVENT_CATALOGUE,
  EVENT_NAMES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  eventEnvelopeSchema,
  eventNameSchema,
  parseEvent,
} from './catalogue.js';
export type { DomainEvent, EventData, EventName } from './catalogue.js';
