import type { TicketFilter, TicketPriority, TicketStatus } from '../../api/generated/graphql';

export const STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'];
export const PRIORITIES: readonly TicketPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
/** Statuses an agent still has to work on. */
export const UNSOLVED: TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD'];
/** What an agent may set by hand (closed follows solved on the server's schedule). */
export const SETTABLE_STATUSES: readonly TicketStatus[] = ['OPEN', 'PENDING', 'ON_HOLD', 'SOLVED'];

export type BuiltInViewKey = 'mine' | 'unassigned' | 'open' | 'solved' | 'all';

export interface BuiltInView {
  key: BuiltInViewKey;
  where: TicketFilter;
}

/** Views every agent has, built from the tickets query's own filters. */
export const BUILT_IN_VIEWS: readonly BuiltInView[] = [
  { key: 'mine', where: { assignedToMe: true, statuses: UNSOLVED } },
  { key: 'unassigned', where: { unassigned: true, statuses: UNSOLVED } },
  { key: 'open', where: { statuses: UNSOLVED } },
  { key: 'solved', where: { statuses: ['SOLVED', 'CLOSED'] } },
  { key: 'all', where: {} },
];

/** The `view` search parameter: a built-in key, or `v:<id>` for a saved view. */
export type ViewSelection = { kind: 'builtIn'; view: BuiltInView } | { kind: 'saved'; id: string };

export function parseView(param: string | null): ViewSelection {
  if (param?.startsWith('v:') && param.length > 2) return { kind: 'saved', id: param.slice(2) };
  const view = BUILT_IN_VIEWS.find((v) => v.key === param) ?? BUILT_IN_VIEWS[0];
  if (!view) throw new Error('no built-in views');
  return { kind: 'builtIn', view };
}

export function viewParam(selection: ViewSelection): string {
  return selection.kind === 'saved' ? `v:${selection.id}` : selection.view.key;
}

export const STATUS_COLORS: Record<TicketStatus, string> = {
  NEW: 'gold',
  OPEN: 'red',
  PENDING: 'blue',
  ON_HOLD: 'default',
  SOLVED: 'green',
  CLOSED: 'default',
};

export const PRIORITY_COLORS: Record<TicketPriority, string> = {
  LOW: 'default',
  NORMAL: 'blue',
  HIGH: 'orange',
  URGENT: 'red',
};

/** The ticket events that change what a list shows. */
export const LIST_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.merged',
  'message.received',
  'message.sent',
  'csat.received',
];

/** The events that change what an open ticket shows. */
export const TICKET_EVENT_TYPES = [...LIST_EVENT_TYPES, 'note.added'];

/** A live event's ticket id, when its data names one. */
export function ticketIdOf(data: unknown): string | null {
  if (data && typeof data === 'object' && 'ticketId' in data) {
    const id = (data as { ticketId: unknown }).ticketId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/**
 * Whether a key press should be left to the element that has focus: anything one types into
 * (inputs, text areas, selects, content-editable), so shortcuts never fire while writing.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown; getAttribute?: unknown };
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.isContentEditable === true) return true;
  if (typeof el.getAttribute === 'function') {
    const role = (el.getAttribute as (name: string) => string | null).call(target, 'role');
    if (role === 'textbox' || role === 'combobox' || role === 'searchbox') return true;
  }
  return false;
}

/** A plain key (no ctrl/meta/alt) that is not typed into a field. */
export function isShortcut(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
}

/** Ctrl+Enter or ⌘+Enter: sends, also from inside the reply box. */
export function isSendChord(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

/** Keeps the index inside the list when moving with j/k. */
export function step(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, index + delta));
}
