import { z } from 'zod';

/**
 * The domain events Tandem publishes: one catalogue shared by the server (which validates every
 * event against it before it is written), webhooks, plugins and API clients. Each entry has a
 * schema version and the shape of its `data`. Changing a shape incompatibly means a new version.
 *
 * Event data carries ids and the facts of the change. It may carry message text (the tenant's own
 * conversation); personal data such as phone numbers is masked for receivers without permission.
 */
const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{20}$`));
const ticketId = id('tkt');
const customerId = id('cus');
const messageId = id('msg');
const userId = id('usr');

export const TICKET_STATUSES = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'] as const;
export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const CHANNELS = ['API', 'WEB_CHAT', 'EMAIL', 'PHONE', 'CONSOLE'] as const;
export const AUTHOR_KINDS = ['CUSTOMER', 'AGENT', 'BOT', 'SYSTEM'] as const;

const ticketStatus = z.enum(TICKET_STATUSES);
const ticketPriority = z.enum(TICKET_PRIORITIES);
const channel = z.enum(CHANNELS);
const author = z.object({ kind: z.enum(AUTHOR_KINDS), id: z.string().nullable() });

const ticketRef = {
  ticketId,
  /** The ticket's number within its tenant (shown to people as #1234). */
  number: z.number().int().positive(),
};

const message = z.object({
  ...ticketRef,
  messageId,
  channel,
  author,
  /** Plain text of the message (HTML bodies are sanitised and also offered as text). */
  text: z.string(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int() })),
});

export const EVENT_CATALOGUE = {
  'ticket.created': {
    version: 1,
    data: z.object({
      ...ticketRef,
      status: ticketStatus,
      priority: ticketPriority,
      channel,
      customerId,
      subject: z.string(),
    }),
  },
  'ticket.updated': {
    version: 1,
    data: z.object({
      ...ticketRef,
      /** Names of the fields that changed (status and assignee have their own events too). */
      changed: z.array(z.string()),
      version: z.number().int().positive(),
    }),
  },
  'ticket.status_changed': {
    version: 1,
    data: z.object({ ...ticketRef, from: ticketStatus, to: ticketStatus }),
  },
  'ticket.assigned': {
    version: 1,
    data: z.object({
      ...ticketRef,
      assigneeId: userId.nullable(),
      previousAssigneeId: userId.nullable(),
      groupId: z.string().nullable(),
    }),
  },
  'ticket.merged': {
    version: 1,
    data: z.object({ ...ticketRef, intoTicketId: ticketId }),
  },
  'message.received': { version: 1, data: message },
  'message.sent': { version: 1, data: message },
  'note.added': {
    version: 1,
    data: z.object({ ...ticketRef, noteId: messageId, authorId: userId, text: z.string() }),
  },
  'customer.created': {
    version: 1,
    data: z.object({ customerId, externalId: z.string().nullable() }),
  },
  'customer.updated': {
    version: 1,
    data: z.object({ customerId, changed: z.array(z.string()) }),
  },
  'customer.merged': {
    version: 1,
    data: z.object({ customerId, mergedIntoId: customerId }),
  },
  'csat.received': {
    version: 1,
    data: z.object({ ...ticketRef, score: z.number().int().min(1).max(5), comment: z.string().nullable() }),
  },
  /** Sent only by "send test" on one webhook (never published, so it cannot be subscribed to). */
  'webhook.test': {
    version: 1,
    data: z.object({ webhookId: id('whk'), message: z.string() }),
  },
} as const satisfies Record<string, { version: number; data: z.ZodType }>;

export type EventName = keyof typeof EVENT_CATALOGUE;
export const EVENT_NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];
export type EventData<E extends EventName> = z.infer<(typeof EVENT_CATALOGUE)[E]['data']>;

export const eventNameSchema = z.enum(EVENT_NAMES as [EventName, ...EventName[]], {
  error: (issue) => `unknown event ${JSON.stringify(issue.input)}`,
});

/** What every event carries around its data. */
export const eventEnvelopeSchema = z.object({
  /** Unique per event; receivers use it to deduplicate (delivery is at least once). */
  id: z.string().regex(/^evt_[0-9A-Za-z]{20}$/),
  type: eventNameSchema,
  tenantId: z.string().regex(/^tn_[0-9A-Za-z]{20}$/),
  occurredAt: z.iso.datetime(),
  schemaVersion: z.number().int().positive(),
  /** How many event-triggered hops led here; chains are cut at a fixed depth. */
  causationDepth: z.number().int().min(0),
});

export type DomainEvent<E extends EventName = EventName> = {
  [K in E]: z.infer<typeof eventEnvelopeSchema> & { type: K; data: EventData<K> };
}[E];

/** Parses an event (e.g. a webhook body) against the catalogue; throws a ZodError when invalid. */
export function parseEvent(input: unknown): DomainEvent {
  const envelope = eventEnvelopeSchema.extend({ data: z.unknown() }).parse(input);
  const spec = EVENT_CATALOGUE[envelope.type];
  const data = spec.data.parse(envelope.data);
  return { ...envelope, data } as DomainEvent;
}
