import {
  type AuthPayload,
  LogoutMutation,
  RefreshSessionMutation,
  SwitchTenantMutation,
  type Viewer,
} from './documents';
import { type ApiError, SessionEndedError, StaleScopeError, isApiError } from '../api/errors';
import type { Operation } from '../api/operation';
import { postGraphql } from '../api/transport';
import {
  SESSION_KEY,
  type StoredSession,
  parseStoredSession,
  readStoredSession,
  scopeKeyOf,
  sessionFromPayload,
  writeStoredSession,
} from './session-storage';

/** Why a session ended; each has a sentence on the sign-in page. */
export type EndReason =
  | 'signed_out'
  | 'signed_out_elsewhere'
  | 'session_expired'
  | 'tenant_suspended'
  | 'access_removed'
  | 'password_changed';

export const END_REASONS: readonly EndReason[] = [
  'signed_out',
  'signed_out_elsewhere',
  'session_expired',
  'tenant_suspended',
  'access_removed',
  'password_changed',
];

export interface SessionSnapshot {
  session: StoredSession | null;
  /** Changes whenever the user or the tenant the session acts for changes. */
  scopeKey: string;
  /** Bumped on every sign-in, sign-out and tenant switch; responses from older generations are dropped. */
  generation: number;
}

/**
 * Refresh this long before the access token expires, so a request never races the expiry: a
 * minute, or a quarter of the token's lifetime when tokens are short-lived.
 */
function refreshMargin(session: StoredSession): number {
  return Math.min(60_000, Math.max(0, session.expiresAt - session.receivedAt) / 4);
}

function expiresSoon(session: StoredSession): boolean {
  return session.expiresAt - Date.now() <= refreshMargin(session);
}
const REFRESH_LOCK = 'tandem.session.refresh';
const ENDED_KEY = 'tandem.session.ended';
const END_REASON_KEY = 'tandem.session.end-reason';

function endReasonOf(error: ApiError): EndReason {
  const reason = (error.reason ?? '').toLowerCase();
  if (error.code === 'TENANT_SUSPENDED' || reason.includes('suspend')) return 'tenant_suspended';
  if (reason.includes('remov') || reason.includes('membership')) return 'access_removed';
  if (reason.includes('password')) return 'password_changed';
  return 'session_expired';
}

function isEndReason(value: string | null): value is EndReason {
  return value !== null && (END_REASONS as readonly string[]).includes(value);
}

/**
 * Owns the tokens. One instance per tab; tabs share the session through localStorage and
 * serialise refreshes with a Web Lock, because refresh tokens are single-use and presenting a
 * rotated one again revokes the whole session.
 */
export class SessionManager {
  private session: StoredSession | null;
  private generation = 0;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<StoredSession> | null = null;
  private endReason: EndReason | null = null;

  constructor() {
    this.session = readStoredSession();
    this.snapshot = this.makeSnapshot();
    try {
      const stored = window.sessionStorage.getItem(END_REASON_KEY);
      if (isEndReason(stored)) this.endReason = stored;
    } catch {
      // no sessionStorage: the reason is only a courtesy
    }
    window.addEventListener('storage', this.onStorage);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  /** The reason the last session ended in this tab, once (the sign-in page shows it). */
  takeEndReason(): EndReason | null {
    const reason = this.endReason;
    this.endReason = null;
    try {
      window.sessionStorage.removeItem(END_REASON_KEY);
    } catch {
      // ignore
    }
    return reason;
  }

  signIn(payload: AuthPayload): void {
    this.endReason = null;
    this.set(sessionFromPayload(payload), true);
  }

  async signOut(): Promise<void> {
    if (this.session) {
      try {
        await postGraphql(LogoutMutation, {}, this.session.accessToken);
      } catch {
        // Signing out locally must work even when the server cannot be reached.
      }
    }
    this.end('signed_out');
  }

  /** Ends the session locally (after a refusal from the server, or a sign-out). */
  end(reason: EndReason): void {
    this.endReason = reason;
    try {
      window.sessionStorage.setItem(END_REASON_KEY, reason);
      window.localStorage.setItem(ENDED_KEY, reason);
    } catch {
      // ignore
    }
    this.set(null, true);
  }

  async switchTenant(tenantId: string | null): Promise<void> {
    const data = await this.request(SwitchTenantMutation, { tenantId });
    this.set(sessionFromPayload(data.switchTenant), true);
  }

  /** Keeps the viewer (name, memberships, tenant status) current after a poll. */
  updateViewer(viewer: Viewer): void {
    if (!this.session) return;
    if (JSON.stringify(viewer) === JSON.stringify(this.session.viewer)) return;
    const sameScope =
      viewer.user.id === this.session.viewer.user.id &&
      (viewer.tenant?.id ?? null) === (this.session.viewer.tenant?.id ?? null);
    this.set({ ...this.session, viewer }, !sameScope);
  }

  /** An authenticated call. Refreshes ahead of expiry, retries once after a refresh, ends the session when refused. */
  async request<TData, TVars>(
    op: Operation<TData, TVars>,
    variables: TVars,
    signal?: AbortSignal,
  ): Promise<TData> {
    const generation = this.generation;
    const data = await this.authenticatedCall(op, variables, signal);
    if (generation !== this.generation) throw new StaleScopeError();
    return data;
  }

  /** A call that needs no session (sign-in, invitations). */
  publicRequest<TData, TVars>(op: Operation<TData, TVars>, variables: TVars): Promise<TData> {
    return postGraphql(op, variables, null);
  }

  /** A bearer token for a non-GraphQL call (export downloads). */
  async accessToken(): Promise<string> {
    return (await this.freshSession()).accessToken;
  }

  private async authenticatedCall<TData, TVars>(
    op: Operation<TData, TVars>,
    variables: TVars,
    signal?: AbortSignal,
  ): Promise<TData> {
    let session = await this.freshSession();
    try {
      return await postGraphql(op, variables, session.accessToken, signal);
    } catch (error) {
      if (isApiError(error, 'TENANT_SUSPENDED')) throw this.endWith(error);
      if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
    }
    session = await this.refresh(session.accessToken);
    try {
      return await postGraphql(op, variables, session.accessToken, signal);
    } catch (error) {
      if (isApiError(error, 'UNAUTHENTICATED', 'TENANT_SUSPENDED')) throw this.endWith(error);
      throw error;
    }
  }

  private endWith(error: ApiError): SessionEndedError {
    const reason = endReasonOf(error);
    this.end(reason);
    return new SessionEndedError(reason);
  }

  private async freshSession(): Promise<StoredSession> {
    const session = this.session;
    if (!session) throw new SessionEndedError('signed_out');
    if (!expiresSoon(session)) return session;
    return this.refresh(null);
  }

  /**
   * One refresh at a time in this tab (shared promise) and across tabs (Web Lock). Inside the lock
   * the stored session is read again: when another tab has already rotated the token, its result
   * is adopted instead of presenting the old (now reused) refresh token.
   */
  private refresh(rejectedAccessToken: string | null): Promise<StoredSession> {
    if (!this.refreshing) {
      this.refreshing = this.withLock(() => this.doRefresh(rejectedAccessToken)).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(rejectedAccessToken: string | null): Promise<StoredSession> {
    const current = readStoredSession() ?? this.session;
    if (!current) {
      this.end('session_expired');
      throw new SessionEndedError('session_expired');
    }
    const rotatedElsewhere = rejectedAccessToken !== null && current.accessToken !== rejectedAccessToken;
    const stillFresh = !expiresSoon(current);
    if (stillFresh && (rotatedElsewhere || rejectedAccessToken === null)) {
      this.adopt(current);
      return current;
    }
    try {
      const data = await postGraphql(RefreshSessionMutation, { refreshToken: current.refreshToken }, null);
      const next = sessionFromPayload(data.refreshSession);
      this.set(next, scopeKeyOf(next) !== scopeKeyOf(this.session));
      return next;
    } catch (error) {
      if (isApiError(error, 'REFRESH_TOKEN_INVALID', 'UNAUTHENTICATED', 'TENANT_SUSPENDED', 'FORBIDDEN')) {
        throw this.endWith(error);
      }
      throw error;
    }
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return work();
    return locks.request(REFRESH_LOCK, { mode: 'exclusive' }, work);
  }

  private adopt(session: StoredSession): void {
    const changedScope = scopeKeyOf(session) !== scopeKeyOf(this.session);
    this.session = session;
    if (changedScope) this.generation += 1;
    this.snapshot = this.makeSnapshot();
    this.notify();
  }

  private set(session: StoredSession | null, newGeneration: boolean): void {
    this.session = session;
    writeStoredSession(session);
    if (newGeneration) this.generation += 1;
    this.snapshot = this.makeSnapshot();
    this.notify();
  }

  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== SESSION_KEY && event.key !== null) return;
    const next = event.key === null ? null : parseStoredSession(event.newValue);
    if (!next) {
      if (!this.session) return;
      let reason: EndReason = 'signed_out_elsewhere';
      try {
        const shared = window.localStorage.getItem(ENDED_KEY);
        if (isEndReason(shared) && shared !== 'signed_out') reason = shared;
      } catch {
        // ignore
      }
      this.endReason = reason;
      this.session = null;
      this.generation += 1;
      this.snapshot = this.makeSnapshot();
      this.notify();
      return;
    }
    this.adopt(next);
  };

  private makeSnapshot(): SessionSnapshot {
    return { session: this.session, scopeKey: scopeKeyOf(this.session), generation: this.generation };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
