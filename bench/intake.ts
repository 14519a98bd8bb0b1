// Benchmarks 3 and 4 (issue 9, "Speed"): writing a customer's message through the full API path,
// against a bare Express + Mongoose insert into the same MongoDB server in the same run.
//
//   ticket-create   POST /v1/messages with an API key (MESSAGES_WRITE): authentication, the rate
//                   limit, validation, the tenant, the customer found by its mobile number written
//                   differently (de-dup), a new ticket, its first message, the outbox events.
//                   Every request is a new brand message id from a customer of a pool created
//                   beforehand who has no ticket yet (so each request opens a ticket; a second
//                   message of the same customer would continue the first one's ticket).
//                   Baseline: POST /tickets on bench/bare-http.ts — one Mongoose insert of a ticket
//                   document with the first message inside.
//   message-append  POST /v1/messages of customers who already have an open ticket: the message
//                   continues it (found by customer and channel, status unchanged). Customers are
//                   taken in turn from a pool of 4 × connections, so concurrent requests seldom
//                   wait for each other's per-customer intake lock.
//                   Baseline: POST /messages on bench/bare-http.ts — one Mongoose insert of a
//                   message document.
//
// Both targets: separate processes (the API under tsx, the bare server under tsx), the same
// number of keep-alive connections, each warmed up, then measured in interleaved slices
// (lib/load.ts). Every answer is checked (201, `created: true`, the expected ticket and customer);
// anything else is counted as bad and makes the run invalid.
// Reported: req/s, p50/p99 of both; API / bare throughput (target ≥ 60 %) and API p99 / bare p99
// (target ≤ 2×).
import { randomBytes } from 'node:crypto';
import { freshDatabaseName, type RunningServices } from '@tandem/services';
import { gql } from '../tests/support/api.js';
import { createApiKey } from '../tests/support/people.js';
import type { BenchOptions } from './lib/options.js';
import { cpuWindow, type CpuUsage } from './lib/cpu.js';
import {
  log,
  seedTenant,
  startApi,
  startHelper,
  watchedPids,
  type ApiProcess,
  type Helper,
} from './lib/harness.js';
import { interleavedDrainedLoops, type ClosedLoopResult, type HttpTarget } from './lib/load.js';
import {
  backgroundBusy,
  cpuPct,
  machine,
  machineLine,
  ms,
  pct,
  table,
  writeResult,
  type Machine,
} from './lib/report.js';

const TARGET_THROUGHPUT = 0.6;
const CREATE_TICKET =
  'mutation Create($input: CreateTicketInput!) { createTicket(input: $input) { id number status } }';
const TARGET_P99 = 2;

type IntakeScenario = 'ticket-create' | 'message-append';

interface IntakeAnswer {
  created?: unknown;
  ticket?: { id?: unknown };
  customer?: { id?: unknown };
  message?: { id?: unknown };
}

function parseAnswer(body: string): IntakeAnswer | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null ? (v as IntakeAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` at once. */
async function parallel<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** An 11-digit mainland mobile number, `prefix` (3 digits) + i: as stored and as sent (another spelling). */
function mobile(prefix: string, i: number): { stored: string; sent: string } {
  const digits = String(i).padStart(8, '0');
  return {
    stored: `+86 ${prefix}-${digits.slice(0, 4)}-${digits.slice(4)}`,
    sent: `${prefix}${digits}`,
  };
}

async function post(
  url: string,
  token: string,
  body: unknown,
): Promise<{ status: number; answer: IntakeAnswer | undefined; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, answer: parseAnswer(text), text };
}

interface Setup {
  api: ApiProcess;
  bare: Helper;
  apiKey: string;
  bareToken: string;
  adminToken: string;
}

async function setUp(services: RunningServices, label: string): Promise<Setup> {
  const api = await startApi(services, label);
  let bare: Helper | undefined;
  try {
    const bareToken = randomBytes(24).toString('base64url');
    // its own database on the same server, dropped when it stops
    const bareDb = freshDatabaseName('bench_bare').slice(0, 38);
    bare = await startHelper(
      services,
      'bare-http.ts',
      label,
      { MONGODB_URI: services.mongoUri, MONGODB_DB: bareDb, BARE_TOKEN: bareToken },
      bareDb,
    );
    // A plan high enough never to answer 429 here (the limiter still runs on every request).
    const tenant = await seedTenant(api, 1_000_000);
    const key = await createApiKey(api.baseUrl, tenant.adminToken, ['MESSAGES_WRITE'], 'Bench intake');
    return { api, bare, apiKey: key.secret, bareToken, adminToken: tenant.adminToken };
  } catch (e) {
    await bare?.stop();
    await api.stop();
    throw e;
  }
}

export interface IntakeResult {
  scenario: IntakeScenario;
  date: string;
  machine: Machine;
  options: { connections: number; durationS: number; warmupS: number; rounds: number; pool: number };
  /** the API intake first, then the bare one, then other API targets (ticket-create: GraphQL createTicket) */
  results: (ClosedLoopResult & { cpu: CpuUsage | null })[];
  /** the other API targets against bare: throughput ratio and p99 ratio */
  otherRatios: Record<string, { throughput: number; p99: number }>;
  /** ticket-create: requests of pool customers (found by de-dup) and of customers created on the way */
  customers?: { fromPool: number; created: number; seedSeconds: number };
  ratios: { throughput: number; p50: number; p99: number };
  target: { throughput: number; p99: number; meetsThroughput: boolean; meetsP99: boolean };
  /** every measured answer was 201 and passed its check */
  valid: boolean;
}

async function measure(
  services: RunningServices,
  opts: BenchOptions,
  scenario: IntakeScenario,
  s: Setup,
  targets: [HttpTarget, HttpTarget, ...HttpTarget[]],
  onMeasuring: () => void,
): Promise<(ClosedLoopResult & { cpu: CpuUsage | null })[]> {
  if (opts.warmupS > 0) {
    log(`${scenario}: warm-up, ${opts.warmupS} s per target`);
    await interleavedDrainedLoops(s.api.baseUrl, targets, {
      connections: opts.connections,
      durationS: opts.warmupS,
      rounds: 1,
    });
  }
  onMeasuring();
  const pids = { ...watchedPids(services, s.api), bare: s.bare.pid };
  // Drained slices: the API answers in seconds on a busy machine, longer than a slice may last.
  return interleavedDrainedLoops(s.api.baseUrl, targets, {
    connections: opts.connections,
    durationS: opts.durationS,
    rounds: opts.rounds,
    watch: () => cpuWindow(pids),
    onSlice: (_t, round, position) => {
      if (position === 0)
        log(`${scenario}: round ${round + 1}/${opts.rounds}, ${opts.connections} connections`);
    },
  });
}

function summarise(
  scenario: IntakeScenario,
  opts: BenchOptions,
  background: number | null,
  results: (ClosedLoopResult & { cpu: CpuUsage | null })[],
  pool: number,
): IntakeResult {
  const [api, bare] = results;
  if (!api || !bare) throw new Error('two targets expected');
  const ratios = {
    throughput: api.rps / bare.rps,
    p50: api.latencyMs.p50 / bare.latencyMs.p50,
    p99: api.latencyMs.p99 / bare.latencyMs.p99,
  };
  const otherRatios: IntakeResult['otherRatios'] = {};
  for (const other of results.slice(2)) {
    otherRatios[other.name] = {
      throughput: other.rps / bare.rps,
      p99: other.latencyMs.p99 / bare.latencyMs.p99,
    };
  }
  // each answer's check asks for its exact status (201, or 200 for GraphQL); any other is a mismatch
  const valid = results.every(
    (r) =>
      r.responses > 0 &&
      r.errors === 0 &&
      r.timeouts === 0 &&
      r.mismatches === 0 &&
      Object.keys(r.statusCounts).every((c) => c === '201' || c === '200'),
  );
  return {
    scenario,
    date: new Date().toISOString(),
    machine: machine(background),
    options: {
      connections: opts.connections,
      durationS: opts.durationS,
      warmupS: opts.warmupS,
      rounds: opts.rounds,
      pool,
    },
    results,
    ratios,
    otherRatios,
    target: {
      throughput: TARGET_THROUGHPUT,
      p99: TARGET_P99,
      meetsThroughput: ratios.throughput >= TARGET_THROUGHPUT,
      meetsP99: ratios.p99 <= TARGET_P99,
    },
    valid,
  };
}

/** Ticket creation through POST /v1/messages vs a bare insert of a ticket document. */
export async function ticketCreate(services: RunningServices, opts: BenchOptions): Promise<IntakeResult> {
  const background = await backgroundBusy();
  const s = await setUp(services, 'tcreate');
  try {
    const run = randomBytes(4).toString('hex');
    // The pool: customers created beforehand (their mobile number stored as "+86 139-…"), each
    // writing once, as "139…": found by the de-dup, and without a ticket to continue.
    const started = performance.now();
    log(`ticket-create: creating ${opts.customers} customers`);
    const poolIds = await parallel(opts.customers, 16, async (i) => {
      const r = await gql<{ createCustomer: { id: string } }>(
        s.api.baseUrl,
        'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
        { input: { displayName: `Bench Customer ${i}`, mobile: mobile('139', i).stored } },
        s.adminToken,
      );
      if (!r.data) throw new Error(`createCustomer failed: ${JSON.stringify(r.errors)}`);
      return r.data.createCustomer.id;
    });
    const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
    log(`ticket-create: ${poolIds.length} customers in ${seedSeconds} s`);
    const poolSet = new Set(poolIds);

    let measuring = false;
    let nextPool = 0;
    let nextFresh = 0;
    let fromPool = 0;
    let created = 0;
    let seq = 0;
    const tickets = new Set<string>();
    const bareTickets = new Set<string>();
    const newTicket = (set: Set<string>, a: IntakeAnswer | undefined): boolean => {
      const id = a?.ticket?.id;
      if (a?.created !== true || typeof id !== 'string' || set.has(id)) return false;
      set.add(id);
      return true;
    };
    const apiTarget: HttpTarget = {
      name: 'API: POST /v1/messages (new ticket)',
      method: 'POST',
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.apiKey}` },
      perRequest: () => {
        seq += 1;
        // The warm-up and a pool used up take new customers ("137…", created by the intake).
        const i = measuring && nextPool < poolIds.length ? nextPool++ : -1;
        const expected = i >= 0 ? poolIds[i] : undefined;
        if (measuring) {
          if (expected) fromPool += 1;
          else created += 1;
        }
        const phone = i >= 0 ? mobile('139', i).sent : mobile('137', nextFresh++).stored;
        return {
          body: JSON.stringify({
            messageId: `bench-${run}-${seq}`,
            customer: { mobile: phone, name: 'Bench Customer' },
            text: `Where is my order? (bench ${seq})`,
          }),
          check: (status, body) => {
            const a = parseAnswer(body);
            const customer = a?.customer?.id;
            if (status !== 201 || typeof customer !== 'string') return false;
            if (expected ? customer !== expected : poolSet.has(customer)) return false;
            return newTicket(tickets, a);
          },
        };
      },
    };
    const bareTarget: HttpTarget = {
      name: 'bare: Express + Mongoose insert',
      method: 'POST',
      path: '/tickets',
      baseUrl: s.bare.baseUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.bareToken}` },
      perRequest: () => {
        seq += 1;
        return {
          body: JSON.stringify({
            messageId: `bench-${run}-${seq}`,
            customer: { mobile: mobile('136', seq).sent, name: 'Bench Customer' },
            text: `Where is my order? (bench ${seq})`,
          }),
          check: (status, body) => status === 201 && newTicket(bareTickets, parseAnswer(body)),
        };
      },
    };
    // The same creation through GraphQL, as the tenant admin: createTicket for a pool customer
    // (any of them: it always opens a ticket) with the customer's first message — no de-dup, no
    // intake lock; auth, limits, validation, tenancy, numbering, events as the intake.
    const gqlTickets = new Set<string>();
    const gqlTarget: HttpTarget = {
      name: 'API: GraphQL createTicket',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` },
      perRequest: () => {
        seq += 1;
        return {
          body: JSON.stringify({
            query: CREATE_TICKET,
            variables: {
              input: {
                subject: `Where is my order? (bench ${seq})`,
                customerId: poolIds[seq % poolIds.length],
                channel: 'API',
                message: { text: `Where is my order? (bench ${seq})`, authorKind: 'CUSTOMER' },
              },
            },
          }),
          check: (status, body) => {
            if (status !== 200) return false;
            const r = parseAnswer(body) as
              { data?: { createTicket?: { id?: unknown } }; errors?: unknown } | undefined;
            const id = r?.data?.createTicket?.id;
            if (!r || r.errors !== undefined || typeof id !== 'string' || gqlTickets.has(id)) return false;
            gqlTickets.add(id);
            return true;
          },
        };
      },
    };
    const results = await measure(
      services,
      opts,
      'ticket-create',
      s,
      [apiTarget, bareTarget, gqlTarget],
      () => {
        measuring = true;
      },
    );
    if (nextPool >= poolIds.length)
      log(`ticket-create: the pool of ${poolIds.length} customers ran out (raise --customers)`);
    return {
      ...summarise('ticket-create', opts, background, results, poolIds.length),
      customers: { fromPool, created, seedSeconds },
    };
  } finally {
    await s.bare.stop();
    await s.api.stop();
  }
}

/** A message continuing an open ticket through POST /v1/messages vs a bare insert of a message document. */
export async function messageAppend(services: RunningServices, opts: BenchOptions): Promise<IntakeResult> {
  const background = await backgroundBusy();
  const s = await setUp(services, 'mappend');
  try {
    const run = randomBytes(4).toString('hex');
    const poolSize = Math.max(16, opts.connections * 4);
    log(`message-append: ${poolSize} customers open a ticket each`);
    // Each customer's first message opens its ticket (mobile stored as "+86 138-…", later sent as "138…").
    const threads = await parallel(poolSize, 8, async (i) => {
      const r = await post(`${s.api.baseUrl}/v1/messages`, s.apiKey, {
        messageId: `bench-${run}-open-${i}`,
        customer: { mobile: mobile('138', i).stored, name: `Bench Customer ${i}` },
        text: 'My order has not arrived',
        subject: 'Where is my order?',
      });
      const ticket = r.answer?.ticket?.id;
      const customer = r.answer?.customer?.id;
      if (r.status !== 201 || typeof ticket !== 'string' || typeof customer !== 'string')
        throw new Error(`opening a ticket failed: ${r.status} ${r.text.slice(0, 300)}`);
      return { ticket, customer };
    });
    let seq = 0;
    const apiTarget: HttpTarget = {
      name: 'API: POST /v1/messages (append)',
      method: 'POST',
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.apiKey}` },
      perRequest: () => {
        seq += 1;
        const i = seq % poolSize;
        const thread = threads[i];
        return {
          body: JSON.stringify({
            messageId: `bench-${run}-${seq}`,
            customer: { mobile: mobile('138', i).sent },
            text: `Any news? (bench ${seq})`,
          }),
          check: (status, body) => {
            const a = parseAnswer(body);
            return (
              status === 201 &&
              a?.created === true &&
              a.ticket?.id === thread?.ticket &&
              a.customer?.id === thread?.customer &&
              typeof a.message?.id === 'string'
            );
          },
        };
      },
    };
    const bareTarget: HttpTarget = {
      name: 'bare: Express + Mongoose insert',
      method: 'POST',
      path: '/messages',
      baseUrl: s.bare.baseUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.bareToken}` },
      perRequest: () => {
        seq += 1;
        const thread = threads[seq % poolSize];
        return {
          body: JSON.stringify({
            ticketId: thread?.ticket,
            messageId: `bench-${run}-${seq}`,
            text: `Any news? (bench ${seq})`,
          }),
          check: (status, body) => {
            const a = parseAnswer(body);
            return (
              status === 201 &&
              a?.created === true &&
              a.ticket?.id === thread?.ticket &&
              typeof a.message?.id === 'string'
            );
          },
        };
      },
    };
    const results = await measure(services, opts, 'message-append', s, [apiTarget, bareTarget], () => {
      // nothing changes between warm-up and measurement
    });
    return summarise('message-append', opts, background, results, poolSize);
  } finally {
    await s.bare.stop();
    await s.api.stop();
  }
}

export function printIntake(r: IntakeResult): string {
  const [api, bare] = r.results;
  const rows = r.results.map((x) => [
    x.name,
    x.rps.toFixed(1),
    ms(x.latencyMs.p50),
    ms(x.latencyMs.p99),
    pct(x.rps / (bare?.rps ?? Number.NaN)),
    cpuPct(x.cpu?.processes.api),
    cpuPct(x.cpu?.processes.bare),
    cpuPct(x.cpu?.processes.ferretdb),
    cpuPct(x.cpu?.processes.postgres),
    cpuPct(x.cpu?.processes.redis),
    cpuPct(x.cpu?.processes.client),
    cpuPct(x.cpu?.machineBusy),
    x.responses,
    x.errors +
      x.timeouts +
      x.mismatches +
      Object.entries(x.statusCounts).reduce((n, [c, k]) => n + (c === '201' || c === '200' ? 0 : k), 0),
  ]);
  const what =
    r.scenario === 'ticket-create'
      ? 'ticket creation: POST /v1/messages, a new ticket per request'
      : `message append: POST /v1/messages continuing an open ticket (${r.options.pool} customers in turn)`;
  const lines = [
    `${what} vs a bare Express + Mongoose insert — ${r.options.connections} connections, ${r.options.durationS} s ` +
      `per target in ${r.options.rounds} interleaved slices (after ${r.options.warmupS} s warm-up each)`,
    machineLine(r.machine),
    table(
      [
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'vs bare',
        'API',
        'bare',
        'FerretDB',
        'PG',
        'Redis',
        'client',
        'machine',
        'responses',
        'bad',
      ],
      rows,
    ),
    '(CPU over the measurement in % of one core: API process, bare server, FerretDB, its PostgreSQL backends, Redis, the load generator; machine in % of all cores)',
    '',
    `throughput API / bare: ${pct(r.ratios.throughput)} — target ≥ ${pct(r.target.throughput)}: ${r.target.meetsThroughput ? 'MET' : 'NOT MET'}`,
    `p99 API / bare: ${r.ratios.p99.toFixed(2)}× (${ms(api?.latencyMs.p99 ?? Number.NaN)} vs ${ms(bare?.latencyMs.p99 ?? Number.NaN)} ms; ` +
      `p50 ${r.ratios.p50.toFixed(2)}×) — target ≤ ${r.target.p99}×: ${r.target.meetsP99 ? 'MET' : 'NOT MET'}`,
  ];
  for (const [name, o] of Object.entries(r.otherRatios))
    lines.push(`${name} / bare: throughput ${pct(o.throughput)}, p99 ${o.p99.toFixed(2)}×`);
  if (r.customers)
    lines.push(
      `customers: ${r.customers.fromPool} requests from the pool (found by de-dup), ${r.customers.created} from new customers` +
        ` (pool of ${r.options.pool} created in ${r.customers.seedSeconds} s)`,
    );
  const unsteady = r.results.filter((x) => Math.max(...x.sliceRps) > 2 * Math.min(...x.sliceRps));
  if (unsteady.length > 0)
    lines.push(
      `unsteady: the slices of ${unsteady.map((x) => x.name).join(', ')} differ more than 2× in req/s ` +
        '(the machine’s load changed during the run): repeat before trusting the ratios',
    );
  if (!r.valid)
    lines.push('INVALID: some answers were not 201 or failed their check (see "bad" and the JSON)');
  return lines.join('\n');
}

async function runIntake(result: IntakeResult): Promise<boolean> {
  process.stdout.write(`\n${printIntake(result)}\n`);
  process.stdout.write(`result: ${writeResult(result.scenario, result)}\n`);
  return Promise.resolve(result.valid);
}

export async function runTicketCreate(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  return runIntake(await ticketCreate(services, opts));
}

export async function runMessageAppend(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  return runIntake(await messageAppend(services, opts));
}
