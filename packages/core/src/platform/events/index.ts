export { withOutbox, withEvents, outboxOnCreate, newEvent, MAX_CAUSATION_DEPTH } from './outbox.js';
export type { OutboxEntry, OutboxFields } from './outbox.js';
export { EventRelay, EVENTS_QUEUE } from './relay.js';
export type { EventConsumerSpec, PublishedEvent } from './types.js';
