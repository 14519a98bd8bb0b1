import type { TicketPriority, TicketStatus } from './inputs.js';
import { TicketsError } from './errors.js';

/**
 * The ticket lifecycle, in one table (also in docs/api.md):
 *
 *   from \ to   NEW  OPEN  PENDING  ON_HOLD  SOLVED  CLOSED
 *   NEW          ·    ✓      ✓        ✓       ✓       –
 *   OPEN         –    ·      ✓        ✓       ✓       –
 *   PENDING      –    ✓      ·        ✓       ✓       –
 *   ON_HOLD      –    ✓      ✓        ·       ✓       –
 *   SOLVED       –    ✓*     –        –       ·       ✓
 *   CLOSED       –    –      –        –       –       ·     (final)
 *
 * `*` reopening a solved ticket is allowed within the tenant's reopen window (7 days by default,
 * `ticketSettings.reopenWindowDays`) counted from when it was solved; after that a new ticket is
 * opened instead. Nothing returns to NEW. Setting the status a ticket already has changes nothing.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  NEW: ['OPEN', 'PENDING', 'ON_HOLD', 'SOLVED'],
  OPEN: ['PENDING', 'ON_HOLD', 'SOLVED'],
  PENDING: ['OPEN', 'ON_HOLD', 'SOLVED'],
  ON_HOLD: ['OPEN', 'PENDING', 'SOLVED'],
  SOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

/** Statuses in which a ticket is still being worked (a customer's next message lands on it). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD'];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TransitionContext {
  solvedAt: Date | null;
  reopenWindowDays: number;
  now: Date;
}

/** Whether a solved ticket may still be reopened. */
export function withinReopenWindow(ctx: TransitionContext): boolean {
  if (!ctx.solvedAt) return true;
  return ctx.now.getTime() - ctx.solvedAt.getTime() <= ctx.reopenWindowDays * DAY_MS;
}

/** Why `from → to` is refused, or null when it is allowed (or no change at all). */
export function transitionRefusal(
  from: TicketStatus,
  to: TicketStatus,
  ctx: TransitionContext,
): TicketsError | null {
  if (from === to) return null;
  if (from === 'CLOSED') {
    return new TicketsError('TICKET_CLOSED', 'This ticket is closed; closed is final');
  }
  if (!TRANSITIONS[from].includes(to)) {
    return new TicketsError(
      'TICKET_TRANSITION_NOT_ALLOWED',
      `A ${from} ticket cannot become ${to} (allowed: ${TRANSITIONS[from].join(', ') || 'none'})`,
      { details: { from, to } },
    );
  }
  if (from === 'SOLVED' && to === 'OPEN' && !withinReopenWindow(ctx)) {
    return new TicketsError(
      'TICKET_REOPEN_WINDOW_PASSED',
      `Solved tickets can be reopened for ${ctx.reopenWindowDays} days; open a new ticket instead`,
      { details: { reopenWindowDays: ctx.reopenWindowDays } },
    );
  }
  return null;
}

/**
 * What a customer's message does to the status: a ticket waiting on the customer (PENDING) or on
 * a third party (ON_HOLD) becomes OPEN again, a solved one is reopened (when the window allows —
 * the intake checks that first); NEW and OPEN stay as they are.
 */
export function statusAfterCustomerMessage(status: TicketStatus): TicketStatus {
  return status === 'PENDING' || status === 'ON_HOLD' || status === 'SOLVED' ? 'OPEN' : status;
}

/**
 * What an agent's public reply does: a NEW ticket is being worked, so it becomes OPEN; anything
 * else keeps its status unless the reply asks for one ("submit as PENDING").
 */
export function statusAfterAgentReply(status: TicketStatus): TicketStatus {
  return status === 'NEW' ? 'OPEN' : status;
}

/** Sortable rank of a priority (URGENT first when sorting descending). */
export const PRIORITY_RANK: Readonly<Record<TicketPriority, number>> = {
  LOW: 1,
  NORMAL: 2,
  HIGH: 3,
  URGENT: 4,
};
