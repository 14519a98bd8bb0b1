// Load generation.
//
// Closed loop (N connections, each sends its next request when the previous answer arrived): the
// maintained `autocannon` library — keep-alive connections, its own HTTP parser, per-status counts
// and an exact-body check, fast enough not to be the bottleneck at a few thousand requests/s.
// Targets compared with each other are measured in interleaved slices (round-robin, the order
// reversed every other round), so that a change in what else this shared machine runs falls on all
// of them alike instead of on whichever ran last. The flood of the noisy-neighbour scenario runs in
// autocannon's worker thread, so its parsing does not delay the steady client on the main thread.
//
// Open loop at a fixed rate (the steady tenant): a small timer-driven loop on node:http. autocannon
// paces a rate by holding back connections, so one slow answer delays the next send; here each
// request leaves at its scheduled time whatever earlier ones are doing, and its latency is counted
// from that scheduled time (no coordinated omission). Bounded: exactly rate × duration requests,
// each with a timeout (30 s); a timed-out request counts in the percentiles with the time it was
// given up at, so that a server too slow to answer does not look faster by losing its samples.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { CpuUsage } from './cpu.js';

export interface HttpTarget {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** the exact body every answer must have; any other answer is counted as a mismatch */
  expectBody?: string;
  /** another server than the run's baseUrl (a baseline measured in the same interleaved rounds) */
  baseUrl?: string;
  /**
   * A body made for each request (e.g. a new message id each time) and the check of its answer:
   * a false check is counted in `mismatches` (closed loops on the main thread only).
   */
  perRequest?: () => { body: string; check: (status: number, body: string) => boolean };
}

/** ms; p95 is null where only autocannon's histogram was kept (it has no p95) */
export interface Latency {
  p50: number;
  p95: number | null;
  p99: number;
  max: number;
  mean: number;
}

export interface ClosedLoopResult {
  name: string;
  connections: number;
  /** seconds measured (summed over slices) */
  durationS: number;
  slices: number;
  /** req/s of each slice, in the order measured: their spread shows how steady the machine was */
  sliceRps: number[];
  /** completed responses (any status) */
  responses: number;
  /** completed responses per second */
  rps: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** over every completed response */
  latencyMs: Latency;
  /** drained slices: every answer's latency, for combining slices (not written to the report) */
  samplesMs?: number[];
}

const REQUEST_TIMEOUT_S = 10;
const STEADY_TIMEOUT_S = 30;

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The q-quantile (0..1) of ascending `sorted` by the nearest-rank method. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(mean),
  };
}

function options(
  baseUrl: string,
  target: HttpTarget,
  connections: number,
  durationS: number,
): autocannon.Options {
  const o: autocannon.Options = {
    url: `${target.baseUrl ?? baseUrl}${target.path}`,
    method: target.method,
    connections,
    duration: durationS,
    timeout: REQUEST_TIMEOUT_S,
  };
  if (target.headers) o.headers = target.headers;
  if (target.body !== undefined) o.body = target.body;
  if (target.expectBody !== undefined) o.expectBody = target.expectBody;
  return o;
}

/** Answers whose per-request check failed, per autocannon instance (see HttpTarget.perRequest). */
interface Checked {
  failed: number;
}

/** autocannon `requests` that make each body with `perRequest` and check its answer. */
function perRequestOptions(o: autocannon.Options, target: HttpTarget, checked: Checked): void {
  const make = target.perRequest;
  if (!make) return;
  // a connection has one request in flight (no pipelining): its context holds that request's check
  const pending = new WeakMap<object, (status: number, body: string) => boolean>();
  o.requests = [
    {
      setupRequest: (req, context) => {
        const r = make();
        pending.set(context, r.check);
        return { ...req, body: r.body };
      },
      onResponse: (status, body, context) => {
        const check = pending.get(context);
        pending.delete(context);
        if (!check || !check(status, body)) checked.failed += 1;
      },
    },
  ];
}

interface Slice {
  result: autocannon.Result;
  /** every response's latency in ms (main-thread runs only) */
  samples: number[];
  /** answers whose per-request check failed */
  failedChecks: number;
}

function runSlice(opts: autocannon.Options, collect: boolean, target?: HttpTarget): Promise<Slice> {
  const samples: number[] = [];
  const checked: Checked = { failed: 0 };
  if (target) perRequestOptions(opts, target, checked);
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err: unknown, result) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ result, samples, failedChecks: checked.failed });
    });
    if (collect)
      instance.on('response', (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  });
}

function combine(name: string, connections: number, slices: Slice[], latency?: Latency): ClosedLoopResult {
  const statusCounts: Record<string, number> = {};
  let responses = 0;
  let durationS = 0;
  let errors = 0;
  let timeouts = 0;
  let mismatches = 0;
  for (const { result, failedChecks } of slices) {
    mismatches += failedChecks;
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      const count = Number(stat.count ?? 0);
      statusCounts[code] = (statusCounts[code] ?? 0) + count;
      responses += count;
    }
    durationS += result.duration;
    errors += result.errors;
    timeouts += result.timeouts;
    mismatches += result.mismatches;
  }
  return {
    name,
    connections,
    durationS: round(durationS),
    slices: slices.length,
    sliceRps: slices.map(({ result }) => {
      const n = Object.values(result.statusCodeStats ?? {}).reduce((a, st) => a + Number(st.count ?? 0), 0);
      return round(n / Math.max(result.duration, 0.001), 1);
    }),
    responses,
    rps: round(responses / Math.max(durationS, 0.001), 1),
    statusCounts,
    errors,
    timeouts,
    mismatches,
    latencyMs: latency ?? summarise(slices.flatMap((s) => s.samples)),
  };
}

/** N keep-alive connections in a closed loop against one target for `durationS` seconds. */
export async function closedLoop(
  baseUrl: string,
  target: HttpTarget,
  opts: { connections: number; durationS: number; inWorker?: boolean },
): Promise<ClosedLoopResult> {
  const o = options(baseUrl, target, opts.connections, opts.durationS);
  if (!opts.inWorker) return combine(target.name, opts.connections, [await runSlice(o, true, target)]);
  if (target.perRequest) throw new Error(`${target.name}: per-request bodies need the main thread`);
  // In a worker thread only autocannon's (integer-ms) histogram comes back.
  o.workers = 1;
  const slice = await runSlice(o, false);
  const l = slice.result.latency;
  return combine(target.name, opts.connections, [slice], {
    p50: l.p50,
    p95: null,
    p99: l.p99,
    max: l.max,
    mean: round(l.mean),
  });
}

interface InterleaveOptions {
  connections: number;
  durationS: number;
  rounds: number;
  watch?: () => () => CpuUsage;
  /** called before each slice: round and position in it (0-based) */
  onSlice?: (target: HttpTarget, round: number, position: number) => void;
}

/**
 * The schedule both kinds of loop share: `rounds` rounds over the targets, in order, reversed when
 * the round is odd, so each target's measuring time is centred alike; one slice of
 * `durationS / rounds` seconds per target and round, with a CPU window around it when `watch` is
 * given. Returns each target's slices and CPU usages, in the targets' order.
 */
async function interleave<S>(
  targets: HttpTarget[],
  opts: InterleaveOptions,
  slice: (target: HttpTarget, sliceS: number) => Promise<S>,
): Promise<{ slices: S[]; cpu: CpuUsage[] }[]> {
  const sliceS = opts.durationS / opts.rounds;
  const out = targets.map(() => ({ slices: [] as S[], cpu: [] as CpuUsage[] }));
  for (let r = 0; r < opts.rounds; r++) {
    const order = targets.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const [position, i] of order.entries()) {
      const target = targets[i];
      if (!target) continue;
      opts.onSlice?.(target, r, position);
      const end = opts.watch?.();
      out[i]?.slices.push(await slice(target, sliceS));
      if (end) out[i]?.cpu.push(end());
    }
  }
  return out;
}

/**
 * Each target gets `durationS` seconds of closed-loop load in `rounds` slices; round r runs the
 * targets in order, reversed when r is odd, so each target's measuring time is centred alike.
 * `watch` (optional) starts a CPU window per slice; the usage is averaged over a target's slices.
 */
export async function interleavedClosedLoops(
  baseUrl: string,
  targets: HttpTarget[],
  opts: InterleaveOptions,
): Promise<(ClosedLoopResult & { cpu: CpuUsage | null })[]> {
  const measured = await interleave(targets, opts, (target, sliceS) =>
    runSlice(options(baseUrl, target, opts.connections, sliceS), true, target),
  );
  return targets.map((t, i) => ({
    ...combine(t.name, opts.connections, measured[i]?.slices ?? []),
    cpu: averageCpu(measured[i]?.cpu ?? []),
  }));
}

/**
 * A closed loop that finishes what it started, for slow targets: `connections` workers on
 * node:http keep-alive sockets, each sending its next request when the previous one was answered,
 * until `durationS` has passed; the requests in flight then are awaited (each ends by its timeout)
 * and count, with their full latency. req/s = answers / time until the last answer: with one
 * sequential chain per connection this is connections / mean latency, also when a request takes
 * longer than the slice (autocannon drops what is in flight at the end, so a target whose answers
 * take seconds would show a fraction of its rate, and only its faster answers).
 */
async function drainedSlice(
  baseUrl: string,
  target: HttpTarget,
  connections: number,
  durationS: number,
): Promise<ClosedLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let mismatches = 0;
  const start = performance.now();
  const end = start + durationS * 1000;
  let lastAnswer = start;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const made = target.perRequest?.();
      const t: HttpTarget = made ? { ...target, body: made.body } : target;
      const sent = performance.now();
      try {
        const { status, body } = await send(agent, target.baseUrl ?? baseUrl, t, REQUEST_TIMEOUT_S);
        lastAnswer = performance.now();
        samples.push(lastAnswer - sent);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (made && !made.check(status, body)) mismatches += 1;
        else if (target.expectBody !== undefined && body !== target.expectBody) mismatches += 1;
      } catch (e) {
        lastAnswer = performance.now();
        if (e instanceof TimeoutError) timeouts += 1;
        else errors += 1;
        // a refused connection fails fast: do not spin
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, worker));
  } finally {
    agent.destroy();
  }
  const elapsedS = Math.max(lastAnswer - start, 1) / 1000;
  return {
    name: target.name,
    connections,
    durationS: round(elapsedS),
    slices: 1,
    sliceRps: [round(samples.length / elapsedS, 1)],
    responses: samples.length,
    rps: round(samples.length / elapsedS, 1),
    statusCounts,
    errors,
    timeouts,
    mismatches,
    latencyMs: summarise(samples),
    samplesMs: samples,
  };
}

/** Like interleavedClosedLoops, with drained slices (see drainedSlice); `durationS` 0 for none. */
export async function interleavedDrainedLoops(
  baseUrl: string,
  targets: HttpTarget[],
  opts: InterleaveOptions,
): Promise<(ClosedLoopResult & { cpu: CpuUsage | null })[]> {
  const measured = await interleave(targets, opts, (target, sliceS) =>
    drainedSlice(baseUrl, target, opts.connections, sliceS),
  );
  return targets.map((t, i) => {
    const list = measured[i]?.slices ?? [];
    const statusCounts: Record<string, number> = {};
    for (const sl of list)
      for (const [c, n] of Object.entries(sl.statusCounts)) statusCounts[c] = (statusCounts[c] ?? 0) + n;
    const responses = list.reduce((n, sl) => n + sl.responses, 0);
    const durationS = list.reduce((n, sl) => n + sl.durationS, 0);
    return {
      name: t.name,
      connections: opts.connections,
      durationS: round(durationS),
      slices: list.length,
      sliceRps: list.flatMap((sl) => sl.sliceRps),
      responses,
      rps: round(responses / Math.max(durationS, 0.001), 1),
      statusCounts,
      errors: list.reduce((n, sl) => n + sl.errors, 0),
      timeouts: list.reduce((n, sl) => n + sl.timeouts, 0),
      mismatches: list.reduce((n, sl) => n + sl.mismatches, 0),
      latencyMs: summarise(list.flatMap((sl) => sl.samplesMs ?? [])),
      cpu: averageCpu(measured[i]?.cpu ?? []),
    };
  });
}

/** Mean of equally long CPU windows. */
export function averageCpu(windows: CpuUsage[]): CpuUsage | null {
  if (windows.length === 0) return null;
  const processes: Record<string, number> = {};
  const names = new Set(windows.flatMap((w) => Object.keys(w.processes)));
  for (const name of names) {
    const values = windows.map((w) => w.processes[name]).filter((v): v is number => v !== undefined);
    if (values.length > 0) processes[name] = round(values.reduce((a, b) => a + b, 0) / values.length, 1);
  }
  const busy = windows.map((w) => w.machineBusy).filter((v): v is number => v !== null);
  return {
    processes,
    machineBusy: busy.length > 0 ? round(busy.reduce((a, b) => a + b, 0) / busy.length, 1) : null,
  };
}

export interface SteadyResult {
  name: string;
  ratePerS: number;
  durationS: number;
  sent: number;
  statusCounts: Record<string, number>;
  /** requests that failed without an answer other than by timeout (connection errors) */
  errors: number;
  /** requests not answered within the timeout (in the latency with the time they were given up at) */
  timeouts: number;
  mismatches: number;
  /** ms from each request's scheduled send time to the end of its answer (or its timeout) */
  latencyMs: Latency;
  /** the same, every answered request in send order (for merging and later analysis) */
  samplesMs: number[];
  /** how late the client itself sent (ms): large values mean the measuring process was starved */
  maxSendLagMs: number;
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
  }
}

/** One request on the agent; resolves with status and body, rejects on error or timeout. */
function send(
  agent: http.Agent,
  baseUrl: string,
  target: HttpTarget,
  timeoutS: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${target.path}`,
      {
        agent,
        method: target.method,
        headers: {
          ...(target.body !== undefined ? { 'content-length': String(Buffer.byteLength(target.body)) } : {}),
          ...target.headers,
        },
        timeout: timeoutS * 1000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new TimeoutError()));
    req.on('error', reject);
    req.end(target.body);
  });
}

/**
 * Open loop: exactly round(rate × duration) requests, the i-th scheduled at start + i/rate, each
 * sent then whatever the earlier ones are doing (keep-alive sockets, more opened when all are busy).
 */
export async function steadyRate(
  baseUrl: string,
  target: HttpTarget,
  opts: { ratePerS: number; durationS: number },
): Promise<SteadyResult> {
  const total = Math.max(1, Math.round(opts.ratePerS * opts.durationS));
  const intervalMs = 1000 / opts.ratePerS;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let mismatches = 0;
  let maxSendLagMs = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now() + 5;
  try {
    for (let i = 0; i < total; i++) {
      const scheduled = start + i * intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - scheduled);
      inflight.push(
        send(agent, target.baseUrl ?? baseUrl, target, STEADY_TIMEOUT_S).then(
          ({ status, body }) => {
            latencies[i] = performance.now() - scheduled;
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            if (target.expectBody !== undefined && body !== target.expectBody) mismatches += 1;
          },
          (e: unknown) => {
            if (e instanceof TimeoutError) {
              timeouts += 1;
              latencies[i] = performance.now() - scheduled;
            } else errors += 1;
          },
        ),
      );
    }
    await Promise.all(inflight); // each request ends by its timeout at the latest
  } finally {
    agent.destroy();
  }
  const samplesMs = latencies.filter((v) => v !== undefined).map((v) => round(v, 1));
  return {
    name: target.name,
    ratePerS: opts.ratePerS,
    durationS: opts.durationS,
    sent: total,
    statusCounts,
    errors,
    timeouts,
    mismatches,
    latencyMs: summarise(samplesMs),
    samplesMs,
    maxSendLagMs: round(maxSendLagMs),
  };
}

/** Two steady measurements of the same target as one (e.g. before and after a disturbance). */
export function mergeSteady(a: SteadyResult, b: SteadyResult): SteadyResult {
  const statusCounts: Record<string, number> = { ...a.statusCounts };
  for (const [code, n] of Object.entries(b.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + n;
  const samplesMs = [...a.samplesMs, ...b.samplesMs];
  return {
    name: a.name,
    ratePerS: a.ratePerS,
    durationS: a.durationS + b.durationS,
    sent: a.sent + b.sent,
    statusCounts,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
    mismatches: a.mismatches + b.mismatches,
    latencyMs: summarise(samplesMs),
    samplesMs,
    maxSendLagMs: Math.max(a.maxSendLagMs, b.maxSendLagMs),
  };
}
