import { z } from 'zod';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound, PlatformError } from '../../platform/errors.js';
import { newEvent, outboxOnCreate, withEvents, type OutboxEntry } from '../../platform/events/index.js';
import { decodeCursor, encodeCursor, type SortKeys } from './cursor.js';
import { TicketsError } from './errors.js';
import { ticketsIds } from './ids.js';
import {
  attachments,
  channel,
  customerId,
  messageText,
  subject,
  ticketStatus,
  type AuthorKind,
  type TicketStatus,
} from './inputs.js';
import { messageEvent, type NewMessage } from './messages.js';
import type { TicketMessageRecord, TicketRecord } from './model.js';
import { statusAfterAgentReply, statusAfterCustomerMessage, withinReopenWindow } from './status.js';
import { currentUserId, planEnv, staleVersion, withTenantLock, type TicketsDeps } from './support.js';
import { requireFieldsForSolve, statusEffects } from './ticket-changes.js';
import type { TicketsService } from './tickets-service.js';

const body = {
  text: messageText.nullish().transform((t) => t ?? ''),
  attachments: attachments.nullish().transform((a) => a ?? []),
};
const hasContent = (m: { text: string; attachments: unknown[] }) =>
  m.text.trim().length > 0 || m.attachments.length > 0;
const NEEDS_CONTENT = { message: 'A message needs text or an attachment', path: ['text'] };

/** An agent's public reply; with `status` ("submit as PENDING") it needs the `version` the agent saw. */
export const replyInput = z
  .object({ ...body, status: ticketStatus.nullish(), version: z.number().int().min(1).nullish() })
  .strict()
  .refine(hasContent, NEEDS_CONTENT)
  .refine((r) => !r.status || r.version != null, {
    message: 'Changing the status needs the version',
    path: ['version'],
  });
export type ReplyInput = z.infer<typeof replyInput>;

export const noteInput = z.object(body).strict().refine(hasContent, NEEDS_CONTENT);
export type NoteInput = z.infer<typeof noteInput>;

/** A brand backend (API key) posting on a ticket: the customer's words or its bot's answer. */
export const apiMessageInput = z
  .object({ ...body, authorKind: z.enum(['CUSTOMER', 'BOT']) })
  .strict()
  .refine(hasContent, NEEDS_CONTENT);
export type ApiMessageInput = z.infer<typeof apiMessageInput>;

/** What the channels intake hands over for each customer message it receives. */
export const intakeInput = z
  .object({
    channel,
    customerId,
    /** The channel's own id of the message (the brand's message id, the e-mail Message-ID…). */
    externalMessageId: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7E]+$/, 'A message id is printable ASCII without spaces'),
    ...body,
    subject: subject.nullish(),
  })
  .strict()
  .refine(hasContent, NEEDS_CONTENT);
export type IntakeInput = z.input<typeof intakeInput>;

export interface IntakeResult {
  ticket: TicketRecord;
  message: TicketMessageRecord;
  /** False when this message was received before (a retried delivery): nothing was written. */
  created: boolean;
  ticketCreated: boolean;
}

export interface MessagePage {
  items: TicketMessageRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const MESSAGE_KEYS: SortKeys = [['createdAt', 'date']];
const MESSAGE_CURSOR = 'MSG:ASC';

const firstLine = (text: string, max: number): string => {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The conversation of a ticket: messages, internal notes, and the customer intake. */
export class ConversationService {
  constructor(
    private readonly d: TicketsDeps,
    private readonly tickets: TicketsService,
  ) {}

  /** Oldest first; a merged ticket shows the conversations merged into it. Notes for staff only. */
  async list(
    ticketId: string,
    first: number,
    after: string | null | undefined,
    includeNotes: boolean,
  ): Promise<MessagePage> {
    const t = await this.tickets.get(ticketId);
    const cursor = after ? decodeCursor(MESSAGE_CURSOR, MESSAGE_KEYS, after) : null;
    const rows = await this.d.repo.pageMessages(
      [t._id, ...t.mergedFrom],
      includeNotes,
      MESSAGE_KEYS,
      cursor,
      first + 1,
    );
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: last
        ? encodeCursor(
            MESSAGE_CURSOR,
            MESSAGE_KEYS,
            last as unknown as Record<string, unknown> & { _id: string },
          )
        : null,
    };
  }

  /** An agent's public reply: NEW becomes OPEN, or the status the agent submits it as. */
  async reply(
    ticketId: string,
    input: ReplyInput,
  ): Promise<{ ticket: TicketRecord; message: TicketMessageRecord }> {
    const agent = currentUserId();
    if (!agent) throw new PlatformError('FORBIDDEN', 'Only agents reply to tickets');
    const t = writable(await this.tickets.get(ticketId));
    if (input.status && input.version !== t.version) throw staleVersion(t);
    const target = input.status ?? statusAfterAgentReply(t.status);
    return this.append(
      t,
      { kind: 'MESSAGE', author: { kind: 'AGENT', id: agent }, ...input },
      target,
      input.status ? (input.version ?? null) : null,
    );
  }

  /** An internal note: agents only; never in what customers, channels or API replies see. */
  async addNote(
    ticketId: string,
    input: NoteInput,
  ): Promise<{ ticket: TicketRecord; message: TicketMessageRecord }> {
    const agent = currentUserId();
    if (!agent) throw new PlatformError('FORBIDDEN', 'Only agents write internal notes');
    const t = writable(await this.tickets.get(ticketId));
    return this.append(t, { kind: 'NOTE', author: { kind: 'AGENT', id: agent }, ...input }, t.status, null);
  }

  /** A brand backend's message on a ticket: a customer's reply follows the customer rules. */
  async addApiMessage(
    ticketId: string,
    input: ApiMessageInput,
  ): Promise<{ ticket: TicketRecord; message: TicketMessageRecord }> {
    const t = writable(await this.tickets.get(ticketId));
    const env = await planEnv(this.d.repo);
    let target: TicketStatus = t.status;
    if (input.authorKind === 'CUSTOMER') {
      if (
        t.status === 'SOLVED' &&
        !withinReopenWindow({ solvedAt: t.solvedAt, reopenWindowDays: env.reopenWindowDays, now: env.now })
      ) {
        throw new TicketsError(
          'TICKET_REOPEN_WINDOW_PASSED',
          'This ticket was solved too long ago; open a new ticket',
        );
      }
      target = statusAfterCustomerMessage(t.status);
    }
    const author = { kind: input.authorKind, id: input.authorKind === 'CUSTOMER' ? t.customerId : null };
    return this.append(
      t,
      { kind: 'MESSAGE', author, text: input.text, attachments: input.attachments },
      target,
      null,
    );
  }

  /**
   * A customer message from a channel. Idempotent on (channel, externalMessageId): a retried
   * delivery returns the first result and writes nothing. It continues the customer's ticket on
   * that channel (reopening a solved one within the reopen window) or opens a new one; one
   * customer's messages on one channel are handled one at a time.
   */
  async intake(raw: IntakeInput): Promise<IntakeResult> {
    const input = intakeInput.parse(raw);
    const dedupeKey = `${input.channel}:${input.externalMessageId}`;
    const seen = await this.replayIntake(dedupeKey);
    if (seen) return seen;
    return withTenantLock(this.d, `intake:${input.channel}:${input.customerId}`, async () => {
      const again = await this.replayIntake(dedupeKey);
      if (again) return again;
      const env = await planEnv(this.d.repo);
      let t = await this.d.repo.findContinuableTicket(input.customerId, input.channel);
      if (
        t?.status === 'SOLVED' &&
        !withinReopenWindow({ solvedAt: t.solvedAt, reopenWindowDays: env.reopenWindowDays, now: env.now })
      ) {
        t = null;
      }
      let ticketCreated = false;
      if (!t) {
        const existing = await this.d.repo.findByCreateKey(`intake:${dedupeKey}`);
        t =
          existing ??
          (await this.tickets.create(
            {
              subject:
                input.subject ??
                (firstLine(input.text, 120) || input.attachments[0]?.name || 'New conversation'),
              customerId: input.customerId,
              channel: input.channel,
            },
            { createKey: `intake:${dedupeKey}` },
          ));
        ticketCreated = !existing;
      }
      const res = await this.append(
        t,
        {
          kind: 'MESSAGE',
          author: { kind: 'CUSTOMER', id: input.customerId },
          text: input.text,
          attachments: input.attachments,
          dedupeKey,
          externalMessageId: input.externalMessageId,
        },
        statusAfterCustomerMessage(t.status),
        null,
      );
      return { ...res, created: true, ticketCreated };
    });
  }

  private async replayIntake(dedupeKey: string): Promise<IntakeResult | null> {
    const m = await this.d.repo.findMessageByDedupeKey(dedupeKey);
    if (!m) return null;
    const ticket = await this.d.repo.findTicket(m.ticketId);
    if (!ticket) throw notFound('Ticket');
    return { ticket, message: m, created: false, ticketCreated: false };
  }

  /**
   * Writes a conversation entry: first the ticket (status rule, lastMessageAt, updatedAt — a
   * status change is conditional on the version, so a stale one writes nothing), then the entry
   * with its event. A crash in between leaves a ticket touched without the entry, never an entry
   * the ticket does not reflect.
   */
  private async append(
    t0: TicketRecord,
    entry: {
      kind: 'MESSAGE' | 'NOTE';
      author: { kind: AuthorKind; id: string | null };
      text: string;
      attachments: NewMessage['attachments'];
      dedupeKey?: string;
      externalMessageId?: string;
    },
    target: TicketStatus,
    expectVersion: number | null,
  ): Promise<{ ticket: TicketRecord; message: TicketMessageRecord }> {
    const id = ticketsIds.next('msg');
    let t = t0;
    let ticket: TicketRecord | null = null;
    for (let attempt = 0; attempt < 3 && !ticket; attempt++) {
      const env = await planEnv(this.d.repo);
      const touch: Record<string, unknown> = { updatedAt: env.now };
      const isPublic = entry.kind === 'MESSAGE';
      if (target === t.status) {
        ticket = await this.d.repo.updateTicketAnyVersion(t._id, {
          $set: touch,
          ...(isPublic ? { $max: { lastMessageAt: env.now } } : {}),
        });
        break;
      }
      const effects = statusEffects(t, target, env);
      if (target === 'SOLVED') requireFieldsForSolve(env.defs, t.customFields);
      const ref = { ticketId: t._id, number: t.number };
      const events: OutboxEntry[] = [
        newEvent('ticket.updated', { ...ref, changed: ['status'], version: t.version + 1 }, { at: env.now }),
        newEvent('ticket.status_changed', { ...ref, from: t.status, to: target }, { at: env.now }),
      ];
      ticket = await this.d.repo.updateTicket(
        t._id,
        t.version,
        withEvents(
          {
            $set: { ...touch, ...effects, ...(isPublic ? { lastMessageAt: env.now } : {}) },
            $inc: { version: 1 },
          },
          events,
          env.now,
        ),
      );
      if (ticket) {
        await this.d.events.flushAfterWrite('Ticket', t._id);
        await this.d.audit.record({
          action: 'ticket.updated',
          targetType: 'ticket',
          targetId: t._id,
          before: { status: t.status },
          after: { status: target, byMessage: id },
        });
        break;
      }
      if (expectVersion !== null) throw staleVersion((await this.d.repo.findTicket(t._id)) ?? t);
      // Changed meanwhile: apply the same rule to the ticket as it is now.
      t = writable(await this.tickets.get(t._id));
      target = entry.author.kind === 'CUSTOMER' ? statusAfterCustomerMessage(t.status) : t.status;
    }
    if (!ticket) throw staleVersion(t);

    const msg: NewMessage = {
      _id: id,
      ticketId: ticket._id,
      kind: entry.kind,
      author: entry.author,
      channel: ticket.channel,
      text: entry.text,
      attachments: entry.attachments,
      dedupeKey: entry.dedupeKey ?? id,
      externalMessageId: entry.externalMessageId ?? null,
      createdAt: new Date(),
    };
    let message: TicketMessageRecord;
    try {
      message = await this.d.repo.insertMessage({
        ...msg,
        ...outboxOnCreate([messageEvent(ticket, msg)], msg.createdAt),
      });
    } catch (e) {
      // The same delivery twice at once (other processes do not share the lock's fallback path).
      const first =
        isDuplicateKeyError(e) && entry.dedupeKey
          ? await this.d.repo.findMessageByDedupeKey(entry.dedupeKey)
          : null;
      if (first) return { ticket, message: first };
      throw e;
    }
    await this.d.events.flushAfterWrite('TicketMessage', id);
    if (entry.author.kind === 'AGENT') {
      await this.d.audit.record({
        action: entry.kind === 'NOTE' ? 'ticket.note_added' : 'ticket.replied',
        targetType: 'ticket',
        targetId: ticket._id,
        after: { messageId: id, kind: entry.kind, attachments: entry.attachments.length },
      });
    }
    return { ticket, message };
  }
}

/** Merged and closed tickets take no new entries. */
function writable(t: TicketRecord): TicketRecord {
  if (t.mergedInto)
    throw new TicketsError('TICKET_MERGED', 'This ticket was merged into another ticket', {
      details: { mergedInto: t.mergedInto },
    });
  if (t.status === 'CLOSED')
    throw new TicketsError('TICKET_CLOSED', 'This ticket is closed; open a new ticket instead');
  return t;
}
