import { z } from 'zod';
import { PlatformError } from '../../platform/errors.js';
import { newEvent, type OutboxEntry } from '../../platform/events/index.js';
import {
  mergeCustomFieldValues,
  missingOnSolve,
  parseCustomFieldValues,
  type FieldDefinition,
} from './custom-fields.js';
import { TicketsError } from './errors.js';
import {
  customerId,
  customFieldValues,
  MAX_TAGS,
  singleLine,
  subject,
  tag,
  tags,
  ticketPriority,
  ticketStatus,
  userId,
  type TicketStatus,
} from './inputs.js';
import type { CsatRecord, TicketRecord } from './model.js';
import { PRIORITY_RANK, transitionRefusal } from './status.js';

/** A change to a ticket's fields. For assignee and group, null clears; elsewhere null means "leave". */
export const ticketPatch = z
  .object({
    subject: subject.nullish(),
    status: ticketStatus.nullish(),
    priority: ticketPriority.nullish(),
    tags: tags.nullish(),
    addTags: z.array(tag).max(MAX_TAGS).nullish(),
    removeTags: z.array(tag).max(MAX_TAGS).nullish(),
    assigneeId: userId.nullish(),
    groupId: singleLine(60).nullish(),
    customerId: customerId.nullish(),
    customFields: customFieldValues.nullish(),
  })
  .strict();
export type TicketPatch = z.infer<typeof ticketPatch>;

export interface PlanEnv {
  now: Date;
  defs: readonly FieldDefinition[];
  reopenWindowDays: number;
  csatEnabled: boolean;
  newNonce(): string;
}

export interface ChangePlan {
  set: Record<string, unknown>;
  changed: string[];
  events: OutboxEntry[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The status fields (and survey) that follow from moving `t` to `to` at `now`. */
export function statusEffects(
  t: Pick<TicketRecord, 'status' | 'solvedAt' | 'csat'>,
  to: TicketStatus,
  env: Pick<PlanEnv, 'now' | 'reopenWindowDays' | 'csatEnabled' | 'newNonce'>,
): Record<string, unknown> {
  const refusal = transitionRefusal(t.status, to, {
    solvedAt: t.solvedAt,
    reopenWindowDays: env.reopenWindowDays,
    now: env.now,
  });
  if (refusal) throw refusal;
  const set: Record<string, unknown> = { status: to, statusChangedAt: env.now };
  if (to === 'SOLVED') {
    set.solvedAt = env.now;
    if (env.csatEnabled && !t.csat?.answeredAt) {
      const csat: CsatRecord = {
        nonce: env.newNonce(),
        sentAt: env.now,
        score: null,
        comment: null,
        answeredAt: null,
      };
      set.csat = csat;
    }
  }
  if (t.status === 'SOLVED' && to === 'OPEN') set.solvedAt = null;
  if (to === 'CLOSED') set.closedAt = env.now;
  return set;
}

/**
 * Works out what a patch changes on a ticket, checks the rules (transition table, reopen window,
 * custom fields, required-on-solve, tag limit) and prepares the events — without writing. The
 * assignee's membership is checked by the caller (it needs the identity module).
 */
export function planChange(t: TicketRecord, p: TicketPatch, env: PlanEnv): ChangePlan {
  if (t.mergedInto)
    throw new TicketsError('TICKET_MERGED', 'This ticket was merged into another ticket', {
      details: { mergedInto: t.mergedInto },
    });
  if (t.status === 'CLOSED')
    throw new TicketsError('TICKET_CLOSED', 'This ticket is closed; closed is final');
  const set: Record<string, unknown> = {};
  const changed: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (field: keyof TicketRecord, from: unknown, to: unknown) => {
    changed.push(field);
    before[field] = from;
    after[field] = to;
    set[field] = to;
  };

  if (p.subject != null && p.subject !== t.subject) change('subject', t.subject, p.subject);
  if (p.priority != null && p.priority !== t.priority) {
    change('priority', t.priority, p.priority);
    set.priorityRank = PRIORITY_RANK[p.priority];
  }
  if (p.customerId != null && p.customerId !== t.customerId) change('customerId', t.customerId, p.customerId);
  if (p.assigneeId !== undefined && p.assigneeId !== t.assigneeId)
    change('assigneeId', t.assigneeId, p.assigneeId);
  if (p.groupId !== undefined && p.groupId !== t.groupId) change('groupId', t.groupId, p.groupId);

  if (p.tags != null || p.addTags != null || p.removeTags != null) {
    const remove = new Set(p.removeTags ?? []);
    const next = [...new Set([...(p.tags ?? t.tags), ...(p.addTags ?? [])])].filter((x) => !remove.has(x));
    if (next.length > MAX_TAGS) {
      throw new PlatformError('VALIDATION_FAILED', `A ticket has at most ${MAX_TAGS} tags`, {
        issues: [{ path: 'tags', message: `At most ${MAX_TAGS} tags` }],
      });
    }
    if (!sameList(next, t.tags)) change('tags', t.tags, next);
  }

  let fields = t.customFields;
  if (p.customFields != null && p.customFields.length > 0) {
    const parsed = parseCustomFieldValues(env.defs, p.customFields);
    if (parsed.issues.length > 0) {
      throw new TicketsError('CUSTOM_FIELD_INVALID', 'Some custom field values are not valid', {
        issues: parsed.issues,
      });
    }
    fields = mergeCustomFieldValues(t.customFields, parsed.values);
    if (JSON.stringify(fields) !== JSON.stringify(t.customFields))
      change('customFields', t.customFields, fields);
  }

  if (p.status != null && p.status !== t.status) {
    const effects = statusEffects(t, p.status, env);
    if (p.status === 'SOLVED') requireFieldsForSolve(env.defs, fields);
    changed.push('status');
    before.status = t.status;
    after.status = p.status;
    Object.assign(set, effects);
  }

  const events: OutboxEntry[] = [];
  if (changed.length > 0) {
    const ref = { ticketId: t._id, number: t.number };
    events.push(newEvent('ticket.updated', { ...ref, changed, version: t.version + 1 }, { at: env.now }));
    if (p.status != null && p.status !== t.status) {
      events.push(
        newEvent('ticket.status_changed', { ...ref, from: t.status, to: p.status }, { at: env.now }),
      );
    }
    if (changed.includes('assigneeId') || changed.includes('groupId')) {
      events.push(
        newEvent(
          'ticket.assigned',
          {
            ...ref,
            assigneeId:
              (set.assigneeId as string | null | undefined) ??
              (changed.includes('assigneeId') ? null : t.assigneeId),
            previousAssigneeId: t.assigneeId,
            groupId: changed.includes('groupId') ? ((set.groupId as string | null) ?? null) : t.groupId,
          },
          { at: env.now },
        ),
      );
    }
  }
  return { set, changed, events, before, after };
}

/** Refuses to solve while required custom fields are empty (each listed as an issue). */
export function requireFieldsForSolve(
  defs: readonly FieldDefinition[],
  values: TicketRecord['customFields'],
): void {
  const missing = missingOnSolve(defs, values);
  if (missing.length > 0) {
    throw new TicketsError('CUSTOM_FIELD_REQUIRED', `Fill in ${missing.join(', ')} before solving`, {
      issues: missing.map((k) => ({ path: `customFields.${k}`, message: 'Required to solve the ticket' })),
    });
  }
}
