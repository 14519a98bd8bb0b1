import { useEffect, useRef } from 'react';
import { useLiveSubscription } from '../../api/use-live';
import { TenantEventsSubscription } from './documents';

export interface TicketEvent {
  id: string;
  type: string;
  data: unknown;
}

/**
 * The tenant's ticket events, live: `onEvent` for each, and `onResync` after a reconnect (events
 * in between may be lost, so the caller re-reads). Bursts are common (a message brings
 * ticket.updated and message.received together), so `onSettled` runs once per burst.
 */
export function useTicketEvents(options: {
  types: readonly string[];
  ticketId?: string | null;
  onEvent?: (event: TicketEvent) => void;
  onSettled?: () => void;
  skip?: boolean;
}): void {
  const { types, ticketId, onEvent, onSettled, skip } = options;
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      settled.current?.();
    }, 250);
  };
  useLiveSubscription(
    TenantEventsSubscription,
    { types: [...types], ticketId: ticketId ?? null },
    {
      next: (data) => {
        onEvent?.(data.tenantEvents);
        schedule();
      },
      resync: schedule,
    },
    { skip: skip === true },
  );
}
