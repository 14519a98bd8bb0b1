import type { AuthPayload, Viewer } from '../api/types';

/** What a signed-in browser keeps; shared by every tab of the console on this origin. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  viewer: Viewer;
}

export const SESSION_KEY = 'tandem.session.v1';
const END_REASON_KEY = 'tandem.session.end-reason';

export function sessionFromPayload(payload: AuthPayload): StoredSession {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: Date.parse(payload.expiresAt),
    viewer: payload.viewer,
  };
}

function isStoredSession(value: unknown): value is StoredSession {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<StoredSession>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.viewer === 'object' &&
    v.viewer !== null
  );
}

export function parseStoredSession(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function readStoredSession(): StoredSession | null {
  try {
    return parseStoredSession(window.localStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

export function writeStoredSession(session: StoredSession | null): void {
  try {
    if (session) window.localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else window.localStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage can be unavailable (private mode, quota); the session still lives in memory.
  }
}

/** Why the last session ended, shown once on the sign-in page (per tab). */
export function writeEndReason(reason: string | null): void {
  try {
    if (reason) window.sessionStorage.setItem(END_REASON_KEY, reason);
    else window.sessionStorage.removeItem(END_REASON_KEY);
  } catch {
    // ignore: the message is a courtesy
  }
}

export function takeEndReason(): string | null {
  try {
    const reason = window.sessionStorage.getItem(END_REASON_KEY);
    window.sessionStorage.removeItem(END_REASON_KEY);
    return reason;
  } catch {
    return null;
  }
}

/** A stable key for "who acts for which tenant": data fetched under one key never shows under another. */
export function scopeKeyOf(session: StoredSession | null): string {
  if (!session) return 'anonymous';
  return `${session.viewer.user.id}:${session.viewer.tenant?.id ?? 'provider'}`;
}
