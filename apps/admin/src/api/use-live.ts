import { useEffect, useRef, useState } from 'react';
import { useSession } from '../session/session-context';
import type { SessionManager } from '../session/session-manager';
import { type LiveHandlers, LiveClient, type LiveStatus } from './live-client';
import type { Operation } from './operation';

interface Entry {
  manager: SessionManager;
  scopeKey: string;
  client: LiveClient;
  users: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

/** The one connection of this tab: for the current scope only, closed shortly after its last user leaves. */
let current: Entry | null = null;

function acquire(manager: SessionManager, scopeKey: string): Entry {
  if (current && (current.manager !== manager || current.scopeKey !== scopeKey)) {
    current.client.dispose();
    current = null;
  }
  if (!current) {
    current = {
      manager,
      scopeKey,
      client: new LiveClient(() => manager.accessToken()),
      users: 0,
      closeTimer: null,
    };
  }
  if (current.closeTimer) clearTimeout(current.closeTimer);
  current.closeTimer = null;
  current.users += 1;
  return current;
}

function release(entry: Entry): void {
  entry.users -= 1;
  if (entry.users > 0 || entry !== current) return;
  // a page that remounts (a tenant switch, a route change) keeps the connection
  entry.closeTimer = setTimeout(() => {
    if (current === entry && entry.users === 0) {
      entry.client.dispose();
      current = null;
    }
  }, 5_000);
}

/**
 * A live subscription for as long as the component is mounted (and `skip` is false), over the
 * tab's one connection for the session's current user and tenant. Handlers may change between
 * renders without restarting the subscription; a change of variables restarts it.
 */
export function useLiveSubscription<TData, TVars>(
  op: Operation<TData, TVars>,
  variables: TVars,
  handlers: LiveHandlers<TData>,
  options: { skip?: boolean } = {},
): void {
  const { manager, scopeKey, session } = useSession();
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const varsKey = JSON.stringify(variables);
  const varsRef = useRef(variables);
  varsRef.current = variables;
  const skip = options.skip === true || !session;

  useEffect(() => {
    if (skip) return undefined;
    const entry = acquire(manager, scopeKey);
    const stop = entry.client.subscribe(op, varsRef.current, {
      next: (data) => handlersRef.current.next(data),
      resync: () => handlersRef.current.resync?.(),
      error: (error) => handlersRef.current.error?.(error),
    });
    return () => {
      stop();
      release(entry);
    };
  }, [manager, scopeKey, op, varsKey, skip]);
}

/** The state of the tab's live connection, for an indicator (idle when nothing subscribes). */
export function useLiveStatus(): LiveStatus {
  const { manager, scopeKey, session } = useSession();
  const [status, setStatus] = useState<LiveStatus>('idle');
  useEffect(() => {
    if (!session) return undefined;
    const entry = acquire(manager, scopeKey);
    setStatus(entry.client.getStatus());
    const stop = entry.client.onStatus(setStatus);
    return () => {
      stop();
      release(entry);
    };
  }, [manager, scopeKey, session]);
  return status;
}
