import { useEffect } from 'react';
import { ViewerQuery } from '../session/documents';
import { useSession } from '../session/session-context';

const POLL_MS = 30_000;

/**
 * Keeps the viewer fresh and notices an ended session (tenant suspended, user removed, signed out
 * everywhere) even while the user only reads: polls while the tab is visible and on focus.
 */
export function useSessionWatch(): void {
  const { manager } = useSession();
  useEffect(() => {
    let stopped = false;
    const check = () => {
      if (document.visibilityState !== 'visible') return;
      manager
        .request(ViewerQuery, {})
        .then((data) => {
          if (!stopped) manager.updateViewer(data.viewer);
        })
        .catch(() => {
          // An ended session is handled by the manager; anything else is retried on the next tick.
        });
    };
    const timer = window.setInterval(check, POLL_MS);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [manager]);
}
