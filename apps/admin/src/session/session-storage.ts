import type { AuthPayload, Viewer } from './documents';

/** What a signed-in browser keeps; shared by every tab of the console on this origin. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** When this browser received the token (epoch ms): with expiresAt, the token's lifetime. */
  receivedAt: number;
  viewer: Viewer;
}

export const SESSION_KEY = 'tandem.session.v1';
const END_REASON_KEY = 'tandem.session.end-reason';

/** The token's lifetime in ms from its own `iat`/`exp` claims (server clock), or null. */
export function tokenLifetimeMs(accessToken: string): number | null {
  const part = accessToken.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims: unknown = JSON.parse(json);
    if (!claims || typeof claims !== 'object') return null;
    const { iat, exp } = claims as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' && exp > iat ? (exp - iat) * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Expiry is kept on this browser's clock: received time plus the token's lifetime, so a client
 * clock that is off does not make every token look expired (or never expiring).
 */
export function sessionFromPayload(payload: AuthPayload): StoredSession {
  const receivedAt = Date.now();
  const lifetime = tokenLifetimeMs(payload.accessToken);
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: lifetime !== null ? receivedAt + lifetime : Date.parse(payload.expiresAt),
    receivedAt,
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
    typeof v.receivedAt === 'number' &&
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
