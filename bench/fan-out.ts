// Benchmark 5 (issue 9, "Speed"): message fan-out — a customer's message reaching agents'
// subscriptions, against a bare Redis PUBLISH → WebSocket send, in the same run.
//
//   API       two API processes of one deployment (same database, Redis prefix and master key);
//             N graphql-ws subscribers (default 1000), half on each process, agents of one tenant
//             (10 agents' access tokens, each shared by N/10 connections), each subscribed to
//             `tenantEvents(types: ["message.received"])`. The bench posts customer messages
//             through the intake (POST /v1/messages with an API key, continuing open tickets of 32
//             customers in turn) at a steady rate; each text carries a nonce. Path: intake → ticket
//             and message written → outbox flushed → Redis PUBLISH on the tenant's channel → each
//             API process's hub → graphql-ws `next` to each subscriber.
//   bare      two bench/bare-ws.ts processes, each one Redis subscriber and a `ws` server with
//             N/2 plain WebSocket clients; the bench PUBLISHes an event-shaped JSON message (the
//             same size, with a nonce) at the same rate; each server sends it as it is to its clients.
//
// The subscribers live in two processes of their own (bench/fanout-subscribers.ts, one per server
// pair), so receiving 1,000 messages per publish does not delay the publisher's clock. Latency is
// from just before the POST (or PUBLISH) is sent to the arrival at each subscriber (clocks of
// processes on one machine: performance.timeOrigin + now()). Every subscriber must get every
// message: losses are counted (a message is given up 5 s after the slice's last send).
// The two targets run in interleaved slices like the other scenarios; warm-up first.
// The API's limit of 500 live connections per tenant and process (platform/http/subscriptions.ts,
// SUBSCRIPTION_LIMITS, not configurable) is why N is at most 1000 over two processes.
// Target: API p99 ≤ 50 ms, and no losses.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { env as processEnv } from 'node:process';
import { Redis } from 'ioredis';
import type { RunningServices } from '@tandem/services';
import { createApiKey, inviteMember } from '../tests/support/people.js';
import { REPO_ROOT } from '../tests/support/process.js';
import type { FromSubscribers, SubscriberKind, ToSubscribers } from './fanout-subscribers.js';
import type { BenchOptions } from './lib/options.js';
import { cpuWindow, postgresBackends, type CpuUsage, type Watched } from './lib/cpu.js';
import {
  log,
  onStopAll,
  seedTenant,
  startApi,
  startHelper,
  type ApiProcess,
  type Helper,
} from './lib/harness.js';
import { averageCpu, summarise, type Latency } from './lib/load.js';
import {
  backgroundBusy,
  cpuPct,
  machine,
  machineLine,
  ms,
  table,
  writeResult,
  type Machine,
} from './lib/report.js';

const TARGET_P99_MS = 50;
const AGENTS = 10;
/** customers taking turns (a customer's messages queue on its intake lock: few in flight each) */
const CUSTOMERS = 32;
/** after a slice's last send, how long the subscribers get to receive everything */
const DRAIN_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const now = (): number => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// The subscriber processes

interface SubscriberProcess {
  pid: number;
  request<T extends FromSubscribers['type']>(
    message: ToSubscribers,
    answer: T,
    timeoutMs: number,
  ): Promise<Extract<FromSubscribers, { type: T }>>;
  stop(): Promise<void>;
}

function startSubscribers(label: string): SubscriberProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-subscribers.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: processEnv.PATH ?? '', HOME: processEnv.HOME ?? '', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start bench/fanout-subscribers.ts');
  log(`${label}: subscribers pid ${pid}`);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString('utf8')).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // a send racing the child's exit: reported by the request that made it, never thrown
  child.on('error', (e) => log(`${label}: subscribers ${pid}: ${e.message}`));
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    forget();
    if (!alive()) return;
    if (child.connected) child.send({ type: 'close' } satisfies ToSubscribers, () => undefined);
    if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
    child.kill('SIGTERM'); // this pid only
    if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  };
  const forget = onStopAll(stop);
  return {
    pid,
    stop,
    request(message, answer, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          done();
          reject(new Error(`subscribers ${pid}: no ${answer} within ${timeoutMs} ms\n${output}`));
        }, timeoutMs);
        const onMessage = (m: FromSubscribers): void => {
          if (m.type === 'error') {
            done();
            reject(new Error(`subscribers ${pid}: ${m.message}`));
          } else if (m.type === answer) {
            done();
            resolve(m as Extract<FromSubscribers, { type: typeof answer }>);
          }
        };
        const onExit = (): void => {
          done();
          reject(new Error(`subscribers ${pid} exited\n${output}`));
        };
        const done = (): void => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        if (!alive() || !child.connected) return onExit();
        child.send(message, (e) => {
          if (e) onExit();
        });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Publishing

interface Publisher {
  kind: SubscriberKind;
  name: string;
  /** sends one message carrying `nonce`; resolves with whether it was accepted, and in how long */
  publish(nonce: string): Promise<{ ok: boolean; ms: number; detail?: string }>;
}

interface SliceResult {
  /** nonce → send time */
  sent: Map<string, number>;
  publishMs: number[];
  badPublishes: number;
  firstBad: string | null;
  maxSendLagMs: number;
}

/** Open loop: exactly round(rate × duration) messages, the i-th sent at start + i/rate. */
async function publishSlice(
  p: Publisher,
  tag: string,
  ratePerS: number,
  durationS: number,
): Promise<SliceResult> {
  const total = Math.max(1, Math.round(ratePerS * durationS));
  const interval = 1000 / ratePerS;
  const result: SliceResult = {
    sent: new Map(),
    publishMs: [],
    badPublishes: 0,
    firstBad: null,
    maxSendLagMs: 0,
  };
  const inflight: Promise<void>[] = [];
  const start = performance.now() + 5;
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait);
    result.maxSendLagMs = Math.max(result.maxSendLagMs, performance.now() - scheduled);
    const nonce = `${tag}-${i}-${randomBytes(3).toString('hex')}`;
    result.sent.set(nonce, now());
    inflight.push(
      p.publish(nonce).then(
        (r) => {
          result.publishMs.push(r.ms);
          if (!r.ok) {
            result.badPublishes += 1;
            result.firstBad ??= r.detail ?? 'rejected';
          }
        },
        (e: unknown) => {
          result.badPublishes += 1;
          result.firstBad ??= e instanceof Error ? e.message : String(e);
        },
      ),
    );
  }
  await Promise.all(inflight); // each publish has its own timeout
  return result;
}

// ---------------------------------------------------------------------------------------------
// The scenario

export interface FanOutTargetResult {
  kind: SubscriberKind;
  name: string;
  subscribers: number;
  messages: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  /** deliveries beyond one per subscriber and message */
  duplicates: number;
  /** arrivals of messages of an earlier slice (after its drain) */
  late: number;
  /** subscribers whose connection closed during the measurement */
  closed: number;
  /** ms from send to arrival at a subscriber, over every delivery */
  latencyMs: Latency;
  /** ms from a message's first arrival at any subscriber to its arrival at each: the fan-out alone */
  spreadMs: Latency;
  /** the POST (or PUBLISH) itself, send to answer */
  publishMs: Latency;
  badPublishes: number;
  firstBadPublish: string | null;
  maxSendLagMs: number;
  cpu: CpuUsage | null;
}

export interface FanOutResult {
  scenario: 'fan-out';
  date: string;
  machine: Machine;
  options: { subscribers: number; publishRate: number; durationS: number; warmupS: number; rounds: number };
  results: FanOutTargetResult[];
  connected: Record<SubscriberKind, { connected: number; failed: number; firstError: string | null }>;
  ratios: { p99: number; p50: number };
  target: { p99Ms: number; meets: boolean };
  /** every publish accepted (201 / reached both bare servers) and every subscriber connected */
  valid: boolean;
}

interface Accumulated {
  latencies: number[];
  publishMs: number[];
  messages: number;
  expected: number;
  delivered: number;
  duplicates: number;
  late: number;
  badPublishes: number;
  firstBad: string | null;
  maxSendLagMs: number;
  cpu: CpuUsage[];
  spreads: number[];
  closedAtStart: number;
}

export async function fanOut(services: RunningServices, opts: BenchOptions): Promise<FanOutResult> {
  const background = await backgroundBusy();
  const perProcess = [Math.ceil(opts.subscribers / 2), Math.floor(opts.subscribers / 2)];
  const stops: (() => Promise<void>)[] = [];
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 2 });
  let redisError = false;
  redis.on('error', (e: Error) => {
    if (!redisError) log(`fan-out: publisher's Redis connection: ${e.message}`);
    redisError = true;
  });
  try {
    const api1: ApiProcess = await startApi(services, 'fanout');
    stops.push(() => api1.stop());
    const api2: ApiProcess = await startApi(services, 'fanout-2', { sameDeploymentAs: api1 });
    stops.push(() => api2.stop());
    const channel = `bench-fanout-${randomBytes(5).toString('hex')}`;
    const bares: Helper[] = [];
    for (const n of [1, 2]) {
      const b = await startHelper(services, 'bare-ws.ts', `fanout-bare-${n}`, {
        REDIS_URL: services.redisUrl,
        BARE_CHANNEL: channel,
      });
      stops.push(() => b.stop());
      bares.push(b);
    }

    // One tenant, plan high enough never to answer 429; agents whose tokens the subscribers share.
    const tenant = await seedTenant(api1, 1_000_000);
    const agents: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      agents.push(
        (await inviteMember(api1.baseUrl, tenant.adminToken, 'AGENT', { name: `Bench Agent ${i + 1}` }))
          .accessToken,
      );
    }
    const key = await createApiKey(api1.baseUrl, tenant.adminToken, ['MESSAGES_WRITE'], 'Bench fan-out');
    const run = randomBytes(4).toString('hex');
    const intake = async (baseUrl: string, body: unknown): Promise<{ status: number; text: string }> => {
      const res = await fetch(`${baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, text: await res.text() };
    };
    // Customers with an open ticket each: every later message continues it (one event: message.received).
    const customers: { mobile: string; ticketId: string; number: number; customerId: string }[] = [];
    const open = async (i: number): Promise<void> => {
      const mobile = `13700${String(i).padStart(6, '0')}`;
      const r = await intake(api1.baseUrl, {
        messageId: `bench-${run}-open-${i}`,
        customer: { mobile, name: `Bench Customer ${i}` },
        text: 'My order has not arrived',
      });
      const a = JSON.parse(r.text) as {
        ticket?: { id?: string; number?: number };
        customer?: { id?: string };
      };
      if (r.status !== 201 || !a.ticket?.id || !a.customer?.id)
        throw new Error(`opening a ticket failed: ${r.status} ${r.text.slice(0, 300)}`);
      customers[i] = {
        mobile,
        ticketId: a.ticket.id,
        number: a.ticket.number ?? 1,
        customerId: a.customer.id,
      };
    };
    // four at a time
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < CUSTOMERS; i += 4) await open(i);
      }),
    );

    // The subscriber processes: process i holds the subscribers of API process i and bare server i.
    const subs = [startSubscribers('fanout'), startSubscribers('fanout-2')];
    for (const s of subs) stops.push(() => s.stop());
    const apis = [api1, api2];
    const connected: FanOutResult['connected'] = {
      api: { connected: 0, failed: 0, firstError: null },
      bare: { connected: 0, failed: 0, firstError: null },
    };
    log(
      `fan-out: connecting ${opts.subscribers} graphql-ws subscribers and ${opts.subscribers} bare WebSocket clients`,
    );
    await Promise.all(
      subs.map(async (s, i) => {
        const count = perProcess[i] ?? 0;
        const api = apis[i];
        const bare = bares[i];
        if (!api || !bare) return;
        for (const [kind, url] of [
          ['api', `${api.baseUrl.replace('http:', 'ws:')}/graphql`],
          ['bare', `${bare.baseUrl.replace('http:', 'ws:')}/ws`],
        ] as const) {
          const c = await s.request(
            { type: 'connect', kind, url, tokens: agents, count },
            'connected',
            180_000,
          );
          connected[kind].connected += c.connected;
          connected[kind].failed += c.failed;
          connected[kind].firstError ??= c.firstError;
        }
      }),
    );
    log(
      `fan-out: connected ${connected.api.connected} graphql-ws (${connected.api.failed} failed` +
        `${connected.api.firstError ? `: ${connected.api.firstError}` : ''}), ${connected.bare.connected} bare (${connected.bare.failed} failed)`,
    );

    let seq = 0;
    const apiPublisher: Publisher = {
      kind: 'api',
      name: 'API: POST /v1/messages → graphql-ws',
      async publish(nonce) {
        seq += 1;
        const c = customers[seq % customers.length];
        const started = performance.now();
        const r = await intake(apis[seq % 2]?.baseUrl ?? api1.baseUrl, {
          messageId: `bench-${run}-${seq}`,
          customer: { mobile: c?.mobile },
          text: `bench-fanout ${nonce} — is my parcel on its way?`,
        });
        const ok = r.status === 201 && r.text.includes(`"ticket":{"id":"${c?.ticketId ?? ''}"`);
        return { ok, ms: performance.now() - started, detail: `${r.status} ${r.text.slice(0, 200)}` };
      },
    };
    const barePublisher: Publisher = {
      kind: 'bare',
      name: 'bare: Redis PUBLISH → ws',
      async publish(nonce) {
        seq += 1;
        const c = customers[seq % customers.length];
        const at = new Date().toISOString();
        const event = {
          id: `evt_${randomBytes(10).toString('hex')}`,
          type: 'message.received',
          tenantId: tenant.tenantId,
          occurredAt: at,
          schemaVersion: 1,
          causationDepth: 0,
          data: {
            ticketId: c?.ticketId,
            number: c?.number,
            messageId: `msg_${randomBytes(10).toString('hex')}`,
            channel: 'API',
            author: { kind: 'CUSTOMER', id: c?.customerId },
            text: `bench-fanout ${nonce} — is my parcel on its way?`,
            attachments: [],
          },
        };
        const started = performance.now();
        const receivers = await redis.publish(channel, JSON.stringify(event));
        return {
          ok: receivers === bares.length,
          ms: performance.now() - started,
          detail: `${receivers} receivers`,
        };
      },
    };

    const expectedPer: Record<SubscriberKind, number> = {
      api: connected.api.connected,
      bare: connected.bare.connected,
    };
    const received = async (): Promise<number> =>
      (await Promise.all(subs.map((s) => s.request({ type: 'count' }, 'count', 10_000)))).reduce(
        (n, c) => n + c.received,
        0,
      );
    const collect = async (): Promise<Extract<FromSubscribers, { type: 'receipts' }>[]> =>
      Promise.all(subs.map((s) => s.request({ type: 'collect' }, 'receipts', 30_000)));
    /** waits until `expected` messages arrived or DRAIN_MS passed */
    const drain = async (expected: number): Promise<void> => {
      const deadline = Date.now() + DRAIN_MS;
      while (Date.now() < deadline && (await received()) < expected) await sleep(100);
    };

    // Ready: a message reaches every subscriber (subscriptions are set up after the connection).
    for (const p of [apiPublisher, barePublisher]) {
      let ready = false;
      for (let attempt = 0; attempt < 30 && !ready; attempt++) {
        const nonce = `ready-${p.kind}-${attempt}`;
        const r = await p.publish(nonce);
        if (!r.ok) throw new Error(`${p.name}: the first publish was refused: ${r.detail ?? ''}`);
        await drain(expectedPer[p.kind]);
        const got = (await collect()).flatMap((c) => c.receipts[p.kind]).filter(([n]) => n === nonce);
        ready = got.reduce((n, [, times]) => n + times.length, 0) >= expectedPer[p.kind];
        if (!ready) await sleep(500);
      }
      if (!ready)
        log(`fan-out: ${p.name}: not every subscriber got a message after 30 tries — measuring anyway`);
      if (opts.warmupS > 0) {
        log(`fan-out: warm-up of ${p.name}, ${opts.warmupS} s at ${opts.publishRate}/s`);
        const w = await publishSlice(p, `warm-${p.kind}`, opts.publishRate, opts.warmupS);
        await drain(w.sent.size * expectedPer[p.kind]);
        await collect();
      }
    }

    const watched: Record<string, Watched> = {
      api: () => [api1.pid, api2.pid],
      bare: () => bares.map((b) => b.pid),
      subscribers: () => subs.map((s) => s.pid),
      ferretdb: services.mongo.kind === 'ferretdb' ? services.mongo.pid : undefined,
      postgres:
        services.mongo.kind === 'ferretdb' && services.mongo.postgresql
          ? postgresBackends(services.mongo.postgresql.database)
          : undefined,
      redis: services.redis.kind === 'redis-server' ? services.redis.pid : undefined,
      client: process.pid,
    };
    const acc: Record<SubscriberKind, Accumulated> = {
      api: emptyAccumulated(),
      bare: emptyAccumulated(),
    };
    const initiallyClosed = (await collect()).reduce(
      (n, c) => ({ api: n.api + c.closed.api, bare: n.bare + c.closed.bare }),
      { api: 0, bare: 0 },
    );
    acc.api.closedAtStart = initiallyClosed.api;
    acc.bare.closedAtStart = initiallyClosed.bare;
    const sliceS = opts.durationS / opts.rounds;
    const publishers = [apiPublisher, barePublisher];
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 1 ? [...publishers].reverse() : publishers;
      log(`fan-out: round ${r + 1}/${opts.rounds}, ${opts.publishRate} messages/s for ${sliceS} s each`);
      for (const p of order) {
        const a = acc[p.kind];
        const end = cpuWindow(watched);
        const slice = await publishSlice(p, `r${r}-${p.kind}`, opts.publishRate, sliceS);
        await drain(slice.sent.size * expectedPer[p.kind]);
        a.cpu.push(end());
        const got = await collect();
        a.messages += slice.sent.size;
        a.expected += slice.sent.size * expectedPer[p.kind];
        a.publishMs.push(...slice.publishMs);
        a.badPublishes += slice.badPublishes;
        a.firstBad ??= slice.firstBad;
        a.maxSendLagMs = Math.max(a.maxSendLagMs, slice.maxSendLagMs);
        // every arrival of this slice's messages, per nonce, from both subscriber processes
        const perNonce = new Map<string, number[]>();
        for (const c of got) {
          for (const kind of ['api', 'bare'] as const) {
            for (const [nonce, times] of c.receipts[kind]) {
              if (kind !== p.kind || !slice.sent.has(nonce)) {
                acc[kind].late += times.length;
                continue;
              }
              const list = perNonce.get(nonce);
              if (list) list.push(...times);
              else perNonce.set(nonce, [...times]);
            }
          }
        }
        for (const [nonce, times] of perNonce) {
          const sentAt = slice.sent.get(nonce) ?? Number.NaN;
          const first = Math.min(...times);
          for (const t of times) {
            a.latencies.push(t - sentAt);
            a.spreads.push(t - first);
          }
          a.delivered += Math.min(times.length, expectedPer[p.kind]);
          a.duplicates += Math.max(0, times.length - expectedPer[p.kind]);
        }
      }
    }
    const closedTotals = (await collect()).reduce(
      (n, c) => ({ api: n.api + c.closed.api, bare: n.bare + c.closed.bare }),
      { api: 0, bare: 0 },
    );
    const results = publishers.map((p): FanOutTargetResult => {
      const a = acc[p.kind];
      return {
        kind: p.kind,
        name: p.name,
        subscribers: expectedPer[p.kind],
        messages: a.messages,
        expectedDeliveries: a.expected,
        delivered: a.delivered,
        lost: a.expected - a.delivered,
        duplicates: a.duplicates,
        late: a.late,
        closed: closedTotals[p.kind] - a.closedAtStart,
        latencyMs: summarise(a.latencies),
        spreadMs: summarise(a.spreads),
        publishMs: summarise(a.publishMs),
        badPublishes: a.badPublishes,
        firstBadPublish: a.firstBad,
        maxSendLagMs: Math.round(a.maxSendLagMs * 10) / 10,
        cpu: averageCpu(a.cpu),
      };
    });
    const [api, bare] = results;
    const ratios = {
      p99: (api?.latencyMs.p99 ?? Number.NaN) / (bare?.latencyMs.p99 ?? Number.NaN),
      p50: (api?.latencyMs.p50 ?? Number.NaN) / (bare?.latencyMs.p50 ?? Number.NaN),
    };
    const valid =
      results.every((x) => x.badPublishes === 0 && x.messages > 0) &&
      connected.api.failed === 0 &&
      connected.bare.failed === 0 &&
      connected.api.connected === opts.subscribers &&
      connected.bare.connected === opts.subscribers;
    return {
      scenario: 'fan-out',
      date: new Date().toISOString(),
      machine: machine(background),
      options: {
        subscribers: opts.subscribers,
        publishRate: opts.publishRate,
        durationS: opts.durationS,
        warmupS: opts.warmupS,
        rounds: opts.rounds,
      },
      results,
      connected,
      ratios,
      target: {
        p99Ms: TARGET_P99_MS,
        meets: (api?.latencyMs.p99 ?? Number.POSITIVE_INFINITY) <= TARGET_P99_MS && api?.lost === 0,
      },
      valid,
    };
  } finally {
    // subscribers first (their sockets), then the servers; each by its pid
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => log(`stop failed: ${String(e)}`));
    redis.disconnect();
  }
}

function emptyAccumulated(): Accumulated {
  return {
    latencies: [],
    publishMs: [],
    messages: 0,
    expected: 0,
    delivered: 0,
    duplicates: 0,
    late: 0,
    badPublishes: 0,
    firstBad: null,
    maxSendLagMs: 0,
    cpu: [],
    spreads: [],
    closedAtStart: 0,
  };
}

export function printFanOut(r: FanOutResult): string {
  const o = r.options;
  const rows = r.results.map((x) => [
    x.name,
    x.subscribers,
    x.messages,
    `${x.delivered}/${x.expectedDeliveries}`,
    x.lost,
    ms(x.latencyMs.p50),
    ms(x.latencyMs.p99),
    ms(x.latencyMs.max),
    `${ms(x.spreadMs.p50)} / ${ms(x.spreadMs.p99)}`,
    `${ms(x.publishMs.p50)} / ${ms(x.publishMs.p99)}`,
    cpuPct(x.cpu?.processes.api),
    cpuPct(x.cpu?.processes.bare),
    cpuPct(x.cpu?.processes.subscribers),
    cpuPct(x.cpu?.processes.ferretdb),
    cpuPct(x.cpu?.processes.postgres),
    cpuPct(x.cpu?.processes.redis),
    cpuPct(x.cpu?.processes.client),
    cpuPct(x.cpu?.machineBusy),
    x.badPublishes,
  ]);
  const [api] = r.results;
  const lines = [
    `fan-out — ${o.subscribers} subscribers over two processes, ${o.publishRate} messages/s, ${o.durationS} s per target ` +
      `in ${o.rounds} interleaved slices (after ${o.warmupS} s warm-up each)`,
    machineLine(r.machine),
    table(
      [
        'target',
        'subs',
        'msgs',
        'delivered',
        'lost',
        'p50 ms',
        'p99 ms',
        'max ms',
        'spread p50/p99',
        'publish p50/p99',
        'API',
        'bare',
        'subs CPU',
        'FerretDB',
        'PG',
        'Redis',
        'client',
        'machine',
        'bad',
      ],
      rows,
    ),
    '(latency from sending the POST / PUBLISH to arrival at each subscriber; spread: from the first subscriber’s arrival to each one’s (the fan-out alone); publish: the POST / PUBLISH answered; CPU in % of one core over the slices: both API processes, both bare servers, both subscriber processes, FerretDB, its PostgreSQL backends, Redis, the publisher; machine in % of all cores)',
    '',
    `p99 API / bare: ${r.ratios.p99.toFixed(2)}× (p50 ${r.ratios.p50.toFixed(2)}×)`,
    `target: API p99 ≤ ${r.target.p99Ms} ms and no message lost — ${r.target.meets ? 'MET' : 'NOT MET'}` +
      ` (p99 ${ms(api?.latencyMs.p99 ?? Number.NaN)} ms, lost ${api?.lost ?? 'n/a'})`,
  ];
  for (const x of r.results) {
    if (x.duplicates + x.late + x.closed > 0)
      lines.push(
        `${x.name}: ${x.duplicates} duplicates, ${x.late} late arrivals, ${x.closed} connections closed`,
      );
    if (x.maxSendLagMs > 50)
      lines.push(`${x.name}: the publisher sent up to ${ms(x.maxSendLagMs)} ms late (starved)`);
  }
  if (!r.valid)
    lines.push(
      `INVALID: a publish was refused or not every subscriber connected (graphql-ws ${r.connected.api.connected}, ` +
        `bare ${r.connected.bare.connected} of ${o.subscribers}; ${r.results.map((x) => x.firstBadPublish ?? '').join(' ')})`,
    );
  return lines.join('\n');
}

export async function runFanOut(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  const result = await fanOut(services, opts);
  process.stdout.write(`\n${printFanOut(result)}\n`);
  process.stdout.write(`result: ${writeResult('fan-out', result)}\n`);
  return result.valid;
}
