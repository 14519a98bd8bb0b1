// The subscribers of the fan-out benchmark, in a process of their own (spawned by bench/fan-out.ts
// with an IPC channel; two of them, one per server pair), so that receiving does not share an
// event loop with the publisher. Each holds N graphql-ws clients of one API process — one
// WebSocket each, signed in with an agent's access token, subscribed to
// `tenantEvents(types: ["message.received"])` — and N plain `ws` clients of one bare server.
// For every message it records when it arrived (ms since the epoch, sub-millisecond, comparable
// across processes on this machine) under the nonce its text carries; the parent sent the nonce
// and knows when.
//
// IPC, parent → child: { type: 'connect', kind, url, tokens, count } | { type: 'collect' } |
// { type: 'count' } | { type: 'close' }; child → parent: { type: 'connected', … },
// { type: 'receipts', … }, { type: 'count', … }, { type: 'error', message }.
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';

export type SubscriberKind = 'api' | 'bare';

export type ToSubscribers =
  | { type: 'connect'; kind: SubscriberKind; url: string; tokens: string[]; count: number }
  | { type: 'collect' }
  | { type: 'count' }
  | { type: 'close' };

export type FromSubscribers =
  | { type: 'connected'; kind: SubscriberKind; connected: number; failed: number; firstError: string | null }
  | {
      type: 'receipts';
      /** nonce → arrival times (ms since the epoch) of each subscriber that got it, per kind */
      receipts: Record<SubscriberKind, [string, number[]][]>;
      /** subscribers whose connection closed since they connected, per kind */
      closed: Record<SubscriberKind, number>;
      /** messages without a bench nonce, or not parseable */
      foreign: number;
    }
  | { type: 'count'; received: number }
  | { type: 'error'; message: string };

export const SUBSCRIPTION = 'subscription { tenantEvents(types: ["message.received"]) { id type data } }';
const NONCE = /bench-fanout (\S+)/;

const now = (): number => performance.timeOrigin + performance.now();

function send(m: FromSubscribers): void {
  process.send?.(m);
}

const receipts: Record<SubscriberKind, Map<string, number[]>> = { api: new Map(), bare: new Map() };
const closed: Record<SubscriberKind, number> = { api: 0, bare: 0 };
let received = 0;
let foreign = 0;
const clients: Client[] = [];
const sockets: WebSocket[] = [];
let closing = false;

function record(kind: SubscriberKind, text: unknown, at: number): void {
  const nonce = typeof text === 'string' ? NONCE.exec(text)?.[1] : undefined;
  if (!nonce) {
    foreign += 1;
    return;
  }
  received += 1;
  const list = receipts[kind].get(nonce);
  if (list) list.push(at);
  else receipts[kind].set(nonce, [at]);
}

interface EventPayload {
  data?: { text?: unknown };
}

/** One graphql-ws client (its own WebSocket); resolves true once connected and subscribed. */
function connectApi(url: string, token: string): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error: string | null): void => {
      if (settled) return;
      settled = true;
      resolve(error);
    };
    let connected = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      on: {
        connected: () => {
          connected = true;
          settle(null);
        },
        closed: (e) => {
          if (connected && !closing) closed.api += 1;
          const code = (e as { code?: unknown } | undefined)?.code;
          settle(`closed before connecting (${String(code)})`);
        },
        error: (e) => settle(`error: ${e instanceof Error ? e.message : String(e)}`),
      },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    client.subscribe<{ tenantEvents: EventPayload }>(
      { query: SUBSCRIPTION },
      {
        next: (r) => record('api', r.data?.tenantEvents.data?.text, now()),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    setTimeout(() => settle('no connection_ack within 30 s'), 30_000).unref();
  });
}

function connectBare(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    let open = false;
    ws.on('open', () => {
      open = true;
      resolve(null);
    });
    ws.on('message', (data: Buffer) => {
      const at = now();
      let text: unknown;
      try {
        text = (JSON.parse(data.toString('utf8')) as EventPayload).data?.text;
      } catch {
        text = undefined;
      }
      record('bare', text, at);
    });
    ws.on('close', () => {
      if (open && !closing) closed.bare += 1;
      resolve('closed before opening');
    });
    ws.on('error', (e) => resolve(`error: ${e.message}`));
  });
}

/** Connects `count` clients, 50 at a time (the server checks each sign-in). */
async function connect(m: Extract<ToSubscribers, { type: 'connect' }>): Promise<void> {
  let connected = 0;
  let failed = 0;
  let firstError: string | null = null;
  for (let start = 0; start < m.count; start += 50) {
    const batch = Array.from({ length: Math.min(50, m.count - start) }, (_, j) => {
      const i = start + j;
      return m.kind === 'api' ? connectApi(m.url, m.tokens[i % m.tokens.length] ?? '') : connectBare(m.url);
    });
    for (const error of await Promise.all(batch)) {
      if (error === null) connected += 1;
      else {
        failed += 1;
        firstError ??= error;
      }
    }
  }
  send({ type: 'connected', kind: m.kind, connected, failed, firstError });
}

async function close(): Promise<void> {
  closing = true;
  for (const ws of sockets) ws.terminate();
  await Promise.race([Promise.all(clients.map((c) => c.dispose())), new Promise((r) => setTimeout(r, 2000))]);
  process.exit(0);
}

process.on('message', (raw: ToSubscribers) => {
  switch (raw.type) {
    case 'connect':
      connect(raw).catch((e: unknown) =>
        send({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
      break;
    case 'count':
      send({ type: 'count', received });
      break;
    case 'collect':
      send({
        type: 'receipts',
        receipts: { api: [...receipts.api], bare: [...receipts.bare] },
        closed: { ...closed },
        foreign,
      });
      receipts.api.clear();
      receipts.bare.clear();
      received = 0;
      foreign = 0;
      break;
    case 'close':
      void close();
      break;
  }
});
// The parent went away (it stops us by pid too): nothing to report to.
process.on('disconnect', () => void close());
