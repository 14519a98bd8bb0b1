// Load generation.
//
// Closed loop (N connections, each sends its next request when the previous answer arrived): the
// maintained `autocannon` library — keep-alive connections, its own HTTP parser, HDR histograms,
// per-status counts and an exact-body check, fast enough not to be the bottleneck at a few thousand
// requests/s. The flood of the noisy-neighbour scenario runs in autocannon's worker thread, so
// its parsing does not delay the steady client measured on the main thread.
//
// Open loop at a fixed rate (the steady tenant): a small timer-driven loop on node:http. autocannon
// paces a rate by holding back connections, so one slow answer delays the next send; here each
// request leaves at its scheduled time whatever earlier ones are doing, and its latency is counted
// from that scheduled time (no coordinated omission). Bounded: exactly rate × duration requests,
// each with a timeout.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface HttpTarget {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** the exact body every answer must have; any other answer is counted as a mismatch */
  expectBody?: string;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ClosedLoopResult {
  name: string;
  connections: number;
  durationS: number;
  /** completed responses (any status) */
  responses: number;
  /** completed responses per second */
  rps: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** ms, over every completed response */
  latencyMs: Omit<Latency, 'p95'> & { p90: number; p97_5: number };
}

const REQUEST_TIMEOUT_S = 10;

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** N keep-alive connections in a closed loop against one target for `durationS` seconds. */
export async function closedLoop(
  baseUrl: string,
  target: HttpTarget,
  opts: { connections: number; durationS: number; inWorker?: boolean },
): Promise<ClosedLoopResult> {
  const options: autocannon.Options = {
    url: `${baseUrl}${target.path}`,
    method: target.method,
    connections: opts.connections,
    duration: opts.durationS,
    timeout: REQUEST_TIMEOUT_S,
  };
  if (target.headers) options.headers = target.headers;
  if (target.body !== undefined) options.body = target.body;
  if (target.expectBody !== undefined) options.expectBody = target.expectBody;
  if (opts.inWorker) options.workers = 1;
  const r = await autocannon(options);
  const statusCounts: Record<string, number> = {};
  let responses = 0;
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
    const count = Number(stat.count ?? 0);
    statusCounts[code] = count;
    responses += count;
  }
  const durationS = r.duration > 0 ? r.duration : opts.durationS;
  return {
    name: target.name,
    connections: opts.connections,
    durationS: round(durationS),
    responses,
    rps: round(responses / durationS, 1),
    statusCounts,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: round(r.latency.mean),
    },
  };
}

export interface SteadyResult {
  name: string;
  ratePerS: number;
  durationS: number;
  sent: number;
  statusCounts: Record<string, number>;
  /** requests that failed: timeout, connection error */
  errors: number;
  mismatches: number;
  /** ms from each request's scheduled send time to the end of its answer (answered requests) */
  latencyMs: Latency;
  /** how late the client itself sent (ms): large values mean the measuring process was starved */
  maxSendLagMs: number;
}

/** The q-quantile (0..1) of ascending `sorted` by the nearest-rank method. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function summarise(samples: number[]): Latency {
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

/** One request on the agent; resolves with status and body, rejects on error or timeout. */
function send(
  agent: http.Agent,
  baseUrl: string,
  target: HttpTarget,
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
        timeout: REQUEST_TIMEOUT_S * 1000,
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
    req.on('timeout', () => req.destroy(new Error('timeout')));
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
        send(agent, baseUrl, target).then(
          ({ status, body }) => {
            latencies.push(performance.now() - scheduled);
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            if (target.expectBody !== undefined && body !== target.expectBody) mismatches += 1;
          },
          () => {
            errors += 1;
          },
        ),
      );
    }
    await Promise.all(inflight); // each request ends by its timeout at the latest
  } finally {
    agent.destroy();
  }
  return {
    name: target.name,
    ratePerS: opts.ratePerS,
    durationS: opts.durationS,
    sent: total,
    statusCounts,
    errors,
    mismatches,
    latencyMs: summarise(latencies),
    maxSendLagMs: round(maxSendLagMs),
  };
}
