import { z } from 'zod';
import { sha256 } from '../../platform/crypto.js';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { AppError, notFound, PlatformError } from '../../platform/errors.js';
import { idempotencyKeyReused } from '../../platform/idempotency.js';
import { newEvent, outboxOnCreate, withEvents, type OutboxEntry } from '../../platform/events/index.js';
import { parseCustomFieldValues } from './custom-fields.js';
import { decodeCursor, encodeCursor, sortKeys, type SortDirection, type TicketSort } from './cursor.js';
import { TicketsError } from './errors.js';
import { filterQuery, type StoredFilter } from './filters.js';
import { ticketsIds } from './ids.js';
import {
  attachments,
  channel,
  customerId,
  customFieldValues,
  messageText,
  singleLine,
  subject,
  tags,
  ticketPriority,
  userId,
  type TicketStatus,
} from './inputs.js';
import type { TicketRecord } from './model.js';
import { messageEvent, type NewMessage } from './messages.js';
import { PRIORITY_RANK } from './status.js';
import {
  currentActor,
  currentUserId,
  loadDefs,
  planEnv,
  staleVersion,
  ticketSnapshot,
  type TicketsDeps,
} from './support.js';
import { planChange, requireFieldsForSolve, statusEffects, type TicketPatch } from './ticket-changes.js';

export const firstMessageInput = z
  .object({
    text: messageText.nullish().transform((t) => t ?? ''),
    attachments: attachments.nullish().transform((a) => a ?? []),
    /** Agents may log what the customer said (a phone call) as the customer's message. */
    authorKind: z.enum(['CUSTOMER', 'AGENT', 'BOT']).nullish(),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, {
    message: 'A message needs text or an attachment',
    path: ['text'],
  });

export const createTicketInput = z
  .object({
    subject,
    customerId,
    channel: channel.nullish(),
    status: z.enum(['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED']).nullish(),
    priority: ticketPriority.nullish(),
    tags: tags.nullish(),
    assigneeId: userId.nullish(),
    groupId: singleLine(60).nullish(),
    customFields: customFieldValues.nullish(),
    message: firstMessageInput.nullish(),
  })
  .strict();
export type CreateTicketInput = z.infer<typeof createTicketInput>;

export const bulkPatch = z
  .object({
    status: z.enum(['OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED']).nullish(),
    priority: ticketPriority.nullish(),
    assigneeId: userId.nullish(),
    addTags: tags.nullish(),
    removeTags: tags.nullish(),
  })
  .strict();
export const bulkUpdateInput = z
  .object({
    ticketIds: z
      .array(ticketsIds.schema('tkt'))
      .min(1)
      .max(100, 'At most 100 tickets at once')
      .transform((ids) => [...new Set(ids)]),
    patch: bulkPatch,
  })
  .strict();
export type BulkUpdateInput = z.infer<typeof bulkUpdateInput>;

export interface BulkResult {
  ticketId: string;
  ok: boolean;
  code: string | null;
  message: string | null;
  ticket: TicketRecord | null;
}

export interface TicketPage {
  items: TicketRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const ASSIGNEE_INVALID = () =>
  new TicketsError('ASSIGNEE_INVALID', 'The assignee must be an active agent of this organisation', {
    issues: [{ path: 'assigneeId', message: 'Not an active agent of this organisation' }],
  });

/** Tickets: create (idempotent), read, change (optimistic concurrency), list by view, bulk change. */
export class TicketsService {
  constructor(private readonly d: TicketsDeps) {}

  async get(id: string): Promise<TicketRecord> {
    const t = await this.d.repo.findTicket(id);
    if (!t) throw notFound('Ticket');
    return t;
  }

  async getByNumber(n: number): Promise<TicketRecord> {
    const t = await this.d.repo.findTicketByNumber(n);
    if (!t) throw notFound('Ticket');
    return t;
  }

  async checkAssignee(id: string | null | undefined): Promise<void> {
    if (id && !(await this.d.agents.isActiveAgent(id))) throw ASSIGNEE_INVALID();
  }

  /**
   * Opens a ticket (agents on a customer's behalf, brand backends through the API). With an
   * Idempotency-Key the first result is returned again for the same request; the same key with a
   * different request is refused. The key lives on the ticket (unique per tenant), so the ticket
   * and its key are one write.
   */
  async create(
    input: CreateTicketInput,
    opts: { idempotencyKey?: string | null | undefined; createKey?: string } = {},
  ): Promise<TicketRecord> {
    const key = opts.createKey ?? (opts.idempotencyKey ? `idem:${opts.idempotencyKey}` : null);
    const hash = sha256(JSON.stringify(input));
    if (key) {
      const replay = await this.replay(key, hash, input);
      if (replay) return replay;
    }
    // The customer must be the tenant's (NOT_FOUND otherwise, before anything is written); a
    // merged customer's id opens the ticket for its survivor.
    const customerId = await this.d.customers.liveId(input.customerId);
    const userIdNow = currentUserId();
    const authorKind = input.message?.authorKind ?? (userIdNow ? 'AGENT' : 'CUSTOMER');
    const allowed = userIdNow ? ['AGENT', 'CUSTOMER'] : ['CUSTOMER', 'BOT'];
    if (input.message && !allowed.includes(authorKind)) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: [{ path: 'input.message.authorKind', message: `Write as ${allowed.join(' or ')}` }],
      });
    }
    await this.checkAssignee(input.assigneeId);
    const env = await planEnv(this.d.repo);
    const parsed = parseCustomFieldValues(env.defs, input.customFields ?? []);
    if (parsed.issues.length > 0) {
      throw new TicketsError('CUSTOM_FIELD_INVALID', 'Some custom field values are not valid', {
        issues: parsed.issues,
      });
    }
    const customFields = Object.fromEntries(
      Object.entries(parsed.values).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null),
    );
    const status: TicketStatus = input.status ?? (input.assigneeId ? 'OPEN' : 'NEW');
    const effects = statusEffects({ status: 'NEW', solvedAt: null, csat: null }, status, env);
    if (status === 'SOLVED') requireFieldsForSolve(env.defs, customFields);

    const number = await this.d.repo.nextNumber();
    const id = ticketsIds.next('tkt');
    const now = env.now;
    const priority = input.priority ?? 'NORMAL';
    const ch = input.channel ?? (userIdNow ? 'CONSOLE' : 'API');
    const ref = { ticketId: id, number };
    const events: OutboxEntry[] = [
      newEvent(
        'ticket.created',
        { ...ref, status, priority, channel: ch, customerId, subject: input.subject },
        { at: now },
      ),
    ];
    if (input.assigneeId || input.groupId) {
      events.push(
        newEvent(
          'ticket.assigned',
          {
            ...ref,
            assigneeId: input.assigneeId ?? null,
            previousAssigneeId: null,
            groupId: input.groupId ?? null,
          },
          { at: now },
        ),
      );
    }
    let ticket: TicketRecord;
    try {
      ticket = await this.d.repo.insertTicket({
        _id: id,
        number,
        subject: input.subject,
        status,
        priority,
        priorityRank: PRIORITY_RANK[priority],
        tags: input.tags ?? [],
        assigneeId: input.assigneeId ?? null,
        groupId: input.groupId ?? null,
        channel: ch,
        customerId,
        customFields,
        version: 1,
        createKey: key ?? id,
        createHash: hash,
        createdBy: currentActor(),
        createdAt: now,
        updatedAt: now,
        lastMessageAt: input.message ? now : null,
        statusChangedAt: now,
        solvedAt: (effects.solvedAt as Date | undefined) ?? null,
        closedAt: null,
        mergedInto: null,
        mergedFrom: [],
        links: [],
        csat: (effects.csat as TicketRecord['csat'] | undefined) ?? null,
        ...outboxOnCreate(events, now),
      });
    } catch (e) {
      // The same key at the same moment: the other request's ticket is the result.
      if (key && isDuplicateKeyError(e)) {
        const replay = await this.replay(key, hash, input);
        if (replay) return replay;
      }
      throw e;
    }
    await this.d.events.flushAfterWrite('Ticket', id);
    await this.ensureFirstMessage(ticket, input, now);
    await this.d.audit.record({
      action: 'ticket.created',
      targetType: 'ticket',
      targetId: id,
      after: ticketSnapshot(ticket),
    });
    return ticket;
  }

  private async replay(key: string, hash: string, input: CreateTicketInput): Promise<TicketRecord | null> {
    const existing = await this.d.repo.findByCreateKey(key);
    if (!existing) return null;
    if (existing.createHash !== hash) {
      throw idempotencyKeyReused();
    }
    // A crash between the ticket and its first message: the replay completes it.
    await this.ensureFirstMessage(existing, input, existing.createdAt);
    return existing;
  }

  private async ensureFirstMessage(t: TicketRecord, input: CreateTicketInput, at: Date): Promise<void> {
    const m = input.message;
    if (!m) return;
    const dedupeKey = `${t._id}:first`;
    if (await this.d.repo.findMessageByDedupeKey(dedupeKey)) return;
    const userIdNow = currentUserId();
    const kind = m.authorKind ?? (userIdNow ? 'AGENT' : 'CUSTOMER');
    const msg: NewMessage = {
      _id: ticketsIds.next('msg'),
      ticketId: t._id,
      kind: 'MESSAGE',
      author: { kind, id: kind === 'CUSTOMER' ? t.customerId : kind === 'AGENT' ? userIdNow : null },
      channel: t.channel,
      text: m.text,
      attachments: m.attachments,
      dedupeKey,
      externalMessageId: null,
      createdAt: at,
    };
    try {
      await this.d.repo.insertMessage({ ...msg, ...outboxOnCreate([messageEvent(t, msg)], at) });
    } catch (e) {
      if (isDuplicateKeyError(e)) return;
      throw e;
    }
    await this.d.events.flushAfterWrite('TicketMessage', msg._id);
  }

  /**
   * A customer was merged into another: their tickets follow the survivor (the consumer of
   * `customer.merged`, at least once). Chains are followed, so events handled out of order still
   * end at the live customer. No ticket event per ticket: `customer.merged` already tells who
   * follows it; one audit entry records the move.
   */
  async followCustomerMerge(customerId: string, mergedIntoId: string): Promise<number> {
    let survivor: string;
    try {
      survivor = await this.d.customers.liveId(mergedIntoId);
    } catch (e) {
      // The survivor is gone (the tenant's data erased meanwhile): nothing to follow.
      if (e instanceof AppError && e.code === 'NOT_FOUND') return 0;
      throw e;
    }
    const moved = await this.d.repo.repointCustomer(customerId, survivor);
    if (moved > 0) {
      await this.d.audit.record({
        action: 'ticket.customer_merged',
        targetType: 'customer',
        targetId: customerId,
        before: { customerId },
        after: { customerId: survivor, tickets: moved },
      });
    }
    return moved;
  }

  /** Changes a ticket if `version` is still current; a stale one is CONFLICT and writes nothing. */
  async update(id: string, version: number, patch: TicketPatch): Promise<TicketRecord> {
    const t = await this.get(id);
    const env = await planEnv(this.d.repo);
    const effective =
      patch.customerId != null && patch.customerId !== t.customerId
        ? { ...patch, customerId: await this.d.customers.liveId(patch.customerId) }
        : patch;
    const plan = planChange(t, effective, env);
    if (t.version !== version) throw staleVersion(t);
    if (plan.changed.includes('assigneeId')) await this.checkAssignee(patch.assigneeId);
    if (plan.changed.length === 0) return t;
    return this.apply(t, plan.set, plan.events, { before: plan.before, after: plan.after }, env.now);
  }

  private async apply(
    t: TicketRecord,
    set: Record<string, unknown>,
    events: OutboxEntry[],
    audit: { before: Record<string, unknown>; after: Record<string, unknown>; action?: string },
    now: Date,
  ): Promise<TicketRecord> {
    const updated = await this.d.repo.updateTicket(
      t._id,
      t.version,
      withEvents({ $set: { ...set, updatedAt: now }, $inc: { version: 1 } }, events, now),
    );
    if (!updated) throw staleVersion((await this.d.repo.findTicket(t._id)) ?? t);
    await this.d.events.flushAfterWrite('Ticket', t._id);
    await this.d.audit.record({
      action: audit.action ?? 'ticket.updated',
      targetType: 'ticket',
      targetId: t._id,
      before: audit.before,
      after: audit.after,
    });
    return updated;
  }

  /**
   * The same change on up to 100 tickets, each applied, evented and audited on its own against
   * its current version (a ticket changed meanwhile is re-read once); failures are reported per
   * ticket and do not stop the others.
   */
  async bulkUpdate(input: BulkUpdateInput): Promise<BulkResult[]> {
    const patch: TicketPatch = input.patch;
    await this.checkAssignee(patch.assigneeId);
    const env = await planEnv(this.d.repo);
    const results: BulkResult[] = [];
    for (const id of input.ticketIds) {
      try {
        let ticket: TicketRecord | null = null;
        for (let attempt = 0; attempt < 2 && !ticket; attempt++) {
          const t = await this.get(id);
          const plan = planChange(t, patch, env);
          if (plan.changed.length === 0) {
            ticket = t;
            break;
          }
          try {
            ticket = await this.apply(
              t,
              plan.set,
              plan.events,
              { before: plan.before, after: { ...plan.after, bulk: true } },
              env.now,
            );
          } catch (e) {
            if (!(e instanceof PlatformError && e.code === 'CONFLICT') || attempt === 1) throw e;
          }
        }
        results.push({ ticketId: id, ok: true, code: null, message: null, ticket });
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        results.push({ ticketId: id, ok: false, code: e.code, message: e.message, ticket: null });
      }
    }
    return results;
  }

  /** A page of tickets matching a stored filter, in a keyset order (opaque cursor). */
  async list(
    filters: StoredFilter[],
    sort: TicketSort,
    direction: SortDirection,
    first: number,
    after: string | null | undefined,
  ): Promise<TicketPage> {
    const defs = await loadDefs(this.d.repo);
    const me = currentUserId();
    const parts = filters.map((f) => filterQuery(f, me, defs));
    const query = parts.length === 1 ? (parts[0] ?? {}) : { $and: parts };
    const keys = sortKeys(sort);
    const tag = `${sort}:${direction}`;
    const cursor = after ? decodeCursor(tag, keys, after) : null;
    const rows = await this.d.repo.pageTickets(query, keys, direction, cursor, first + 1);
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: last
        ? encodeCursor(tag, keys, last as unknown as Record<string, unknown> & { _id: string })
        : null,
    };
  }

  async count(filter: StoredFilter): Promise<number> {
    const defs = await loadDefs(this.d.repo);
    return this.d.repo.countTickets(filterQuery(filter, currentUserId(), defs));
  }
}
