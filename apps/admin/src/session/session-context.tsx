import { type ReactNode, createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Viewer } from './documents';
import type { SessionManager, SessionSnapshot } from './session-manager';

interface SessionContextValue extends SessionSnapshot {
  manager: SessionManager;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ manager, children }: { manager: SessionManager; children: ReactNode }) {
  const snapshot = useSyncExternalStore(manager.subscribe, manager.getSnapshot);
  const value = useMemo(() => ({ ...snapshot, manager }), [snapshot, manager]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in viewer; only call below the authenticated shell. */
export function useViewer(): Viewer {
  const { session } = useSession();
  if (!session) throw new Error('useViewer called without a session');
  return session.viewer;
}
