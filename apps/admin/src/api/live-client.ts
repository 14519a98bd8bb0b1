import { type Client, createClient } from 'graphql-ws';
import { fromGraphqlError } from './errors';
import { type Operation, operationName } from './operation';
import { GRAPHQL_PATH } from './transport';

/** Whether live updates are flowing: shown to agents so a silent list is never mistaken for a quiet one. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export interface LiveHandlers<TData> {
  next(data: TData): void;
  /**
   * Called after the connection came back (or the subscription was restarted): events may have
   * been missed in between (the server delivers at most once), so re-read what is on screen.
   */
  resync?(): void;
  /** A GraphQL error on the subscription itself (the client retries it with a backoff). */
  error?(error: unknown): void;
}

/** Exponential backoff with full jitter, 0.5 s to 15 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function liveUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

/**
 * One graphql-ws connection for the session's current scope (user + tenant). The access token is
 * read at every connect (`connection_init`), so a reconnect after a refresh or an expired token
 * (the server closes with 4401) presents the fresh one. Every subscription is restarted after a
 * failure with a backoff, and told to resync after every connect.
 */
export class LiveClient {
  private client: Client;
  private disposed = false;
  private connects = 0;
  private readonly resyncs = new Set<() => void>();
  private status: LiveStatus = 'idle';
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();

  constructor(private readonly accessToken: () => Promise<string>) {
    this.client = this.makeClient();
  }

  private makeClient(): Client {
    const client = createClient({
      url: liveUrl(),
      lazy: true,
      lazyCloseTimeout: 3_000,
      keepAlive: 20_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: async (retries) => {
        await new Promise((resolve) => setTimeout(resolve, backoffMs(retries)));
      },
      connectionParams: async () => ({ authorization: `Bearer ${await this.accessToken()}` }),
    });
    client.on('connecting', () => this.setStatus(this.connects > 0 ? 'reconnecting' : 'connecting'));
    client.on('closed', () => {
      if (!this.disposed) this.setStatus(this.resyncs.size > 0 ? 'reconnecting' : 'idle');
    });
    client.on('connected', () => {
      this.setStatus('connected');
      this.connects += 1;
      // also on the first connect: whatever changed between a page's first read and its
      // subscription starting would otherwise stay unseen
      for (const resync of this.resyncs) resync();
    });
    return client;
  }

  getStatus(): LiveStatus {
    return this.status;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  /** Starts a subscription; the returned function stops it. */
  subscribe<TData, TVars>(
    op: Operation<TData, TVars>,
    variables: TVars,
    handlers: LiveHandlers<TData>,
  ): () => void {
    let stopped = false;
    let attempt = 0;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const resync = () => handlers.resync?.();
    this.resyncs.add(resync);

    const restart = (error: unknown, client: Client) => {
      if (stopped || this.disposed) return;
      if (error !== undefined) handlers.error?.(error);
      this.setStatus('reconnecting');
      // A fatal close (e.g. 4401 after the token expired) leaves the client unusable: start anew.
      if (error && typeof error === 'object' && 'code' in error && 'reason' in error) this.renew(client);
      timer = setTimeout(() => {
        timer = null;
        start();
        resync();
      }, backoffMs(attempt));
      attempt += 1;
    };

    const start = () => {
      if (stopped || this.disposed) return;
      const client = this.client;
      unsubscribe = client.subscribe<TData, Record<string, unknown>>(
        {
          operationName: operationName(op),
          query: op.toString(),
          variables: variables as Record<string, unknown>,
        },
        {
          next: (result) => {
            attempt = 0;
            if (result.errors?.length) {
              handlers.error?.(fromGraphqlError(result.errors[0]));
              return;
            }
            if (result.data) handlers.next(result.data as TData);
          },
          error: (error: unknown) => {
            unsubscribe = null;
            const first: unknown = Array.isArray(error) ? error[0] : error;
            restart(Array.isArray(error) ? fromGraphqlError(first) : first, client);
          },
          // the server ended the stream (e.g. a restart): keep listening
          complete: () => {
            unsubscribe = null;
            restart(undefined, client);
          },
        },
      );
    };

    start();
    return () => {
      stopped = true;
      this.resyncs.delete(resync);
      if (timer) clearTimeout(timer);
      unsubscribe?.();
    };
  }

  private renew(failed: Client): void {
    if (failed !== this.client) return;
    const old = this.client;
    this.connects = 0;
    this.client = this.makeClient();
    void old.dispose();
  }

  dispose(): void {
    this.disposed = true;
    this.resyncs.clear();
    this.statusListeners.clear();
    void this.client.dispose();
  }
}
