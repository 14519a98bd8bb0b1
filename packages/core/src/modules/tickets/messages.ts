import { newEvent, type OutboxEntry } from '../../platform/events/index.js';
import type { TicketMessageRecord, TicketRecord } from './model.js';

/** A conversation entry before it is written (the outbox fields are added at insert). */
export type NewMessage = Omit<TicketMessageRecord, 'tenantId' | 'pendingEvents' | 'outboxAt' | 'outboxSeq'>;

/**
 * The event of a conversation entry: a customer's message is `message.received`, an agent's or
 * bot's public one `message.sent`, an internal note `note.added` (never to customers or channels).
 */
export function messageEvent(t: Pick<TicketRecord, '_id' | 'number'>, m: NewMessage): OutboxEntry {
  const ref = { ticketId: t._id, number: t.number };
  if (m.kind === 'NOTE') {
    return newEvent(
      'note.added',
      { ...ref, noteId: m._id, authorId: m.author.id ?? '', text: m.text },
      { at: m.createdAt },
    );
  }
  const data = {
    ...ref,
    messageId: m._id,
    channel: m.channel,
    author: m.author,
    text: m.text,
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.size })),
  };
  return m.author.kind === 'CUSTOMER'
    ? newEvent('message.received', data, { at: m.createdAt })
    : newEvent('message.sent', data, { at: m.createdAt });
}
