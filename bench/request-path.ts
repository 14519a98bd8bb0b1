// Benchmark 1, the request path: what authentication costs. Same API process, same run, same
// concurrency, the targets measured in interleaved slices (lib/load.ts):
//   GET /healthz                   no GraphQL, no auth (the floor of the HTTP stack)
//   {__typename}, anonymous        GraphQL without auth — the baseline of the ratio
//   {__typename}, signed in        GraphQL + the authentication and rate-limit path, no resolver
//   viewer (the current user)      an authenticated read
//   users(page: 1, pageSize: 20)   an authenticated one-page list (20 rows)
// Ratio reported: authenticated read throughput / anonymous {__typename} throughput (target ≥ 50 %).
import type { RunningServices } from '@tandem/services';
import type { BenchOptions } from './lib/options.js';
import { cpuWindow, type CpuUsage } from './lib/cpu.js';
import { log, seedTenant, startApi, watchedPids } from './lib/harness.js';
import { closedLoop, interleavedClosedLoops, type ClosedLoopResult, type HttpTarget } from './lib/load.js';
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

export const ME_QUERY = 'query Me { viewer { user { id email name status } role } }';
export const USERS_QUERY =
  'query Users { users(page: 1, pageSize: 20) { total items { id email name status role lastLoginAt } } }';
const TARGET_RATIO = 0.5;

function graphql(name: string, query: string, token?: string): HttpTarget {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  };
}

/** One request outside the measurement: it must answer 200 without errors; its body becomes expectBody. */
async function expectedBody(
  baseUrl: string,
  target: HttpTarget,
  check?: (body: string) => void,
): Promise<string> {
  const init: RequestInit = { method: target.method };
  if (target.headers) init.headers = target.headers;
  if (target.body !== undefined) init.body = target.body;
  const res = await fetch(`${baseUrl}${target.path}`, init);
  const body = await res.text();
  const parsed: unknown = JSON.parse(body);
  if (res.status !== 200 || (typeof parsed === 'object' && parsed !== null && 'errors' in parsed)) {
    throw new Error(`${target.name}: expected 200 without errors, got ${res.status} ${body.slice(0, 500)}`);
  }
  check?.(body);
  return body;
}

export interface RequestPathResult {
  scenario: 'request-path';
  date: string;
  machine: Machine;
  options: { connections: number; durationS: number; warmupS: number; rounds: number };
  results: (ClosedLoopResult & { cpu: CpuUsage | null })[];
  ratios: Record<string, number>;
  target: { ratio: number; meets: boolean };
  /** every measured answer was 200 with the expected body */
  valid: boolean;
}

export async function requestPath(services: RunningServices, opts: BenchOptions): Promise<RequestPathResult> {
  const background = await backgroundBusy();
  const api = await startApi(services, 'path');
  try {
    // A plan high enough never to answer 429 here (the limiter still runs on every request).
    const tenant = await seedTenant(api, 1_000_000, 19);
    const targets: HttpTarget[] = [
      { name: 'GET /healthz', method: 'GET', path: '/healthz' },
      graphql('{__typename} anonymous', '{ __typename }'),
      graphql('{__typename} signed in', '{ __typename }', tenant.adminToken),
      graphql('viewer (current user)', ME_QUERY, tenant.adminToken),
      graphql('users page (20 rows)', USERS_QUERY, tenant.adminToken),
    ];
    for (const t of targets) {
      t.expectBody = await expectedBody(api.baseUrl, t, (body) => {
        const rows = (JSON.parse(body) as { data?: { users?: { items: unknown[] } } }).data?.users?.items
          .length;
        if (rows !== undefined && rows !== 20) throw new Error(`users page: expected 20 rows, got ${rows}`);
      });
    }
    if (opts.warmupS > 0) {
      log(`request-path: warm-up, ${opts.warmupS} s per target`);
      for (const t of targets)
        await closedLoop(api.baseUrl, t, { connections: opts.connections, durationS: opts.warmupS });
    }
    const pids = watchedPids(services, api);
    const results = await interleavedClosedLoops(api.baseUrl, targets, {
      connections: opts.connections,
      durationS: opts.durationS,
      rounds: opts.rounds,
      watch: () => cpuWindow(pids),
      onSlice: (_t, round, position) => {
        if (position === 0)
          log(`request-path: round ${round + 1}/${opts.rounds}, ${opts.connections} connections`);
      },
    });
    const rps = (name: string): number => results.find((r) => r.name === name)?.rps ?? Number.NaN;
    const base = rps('{__typename} anonymous');
    const ratios = {
      'viewer / anonymous {__typename}': rps('viewer (current user)') / base,
      'users page / anonymous {__typename}': rps('users page (20 rows)') / base,
      'signed-in {__typename} / anonymous {__typename}': rps('{__typename} signed in') / base,
      'anonymous {__typename} / GET /healthz': base / rps('GET /healthz'),
    };
    const valid = results.every(
      (r) => r.errors === 0 && r.mismatches === 0 && Object.keys(r.statusCounts).every((c) => c === '200'),
    );
    const meets =
      ratios['viewer / anonymous {__typename}'] >= TARGET_RATIO &&
      ratios['users page / anonymous {__typename}'] >= TARGET_RATIO;
    return {
      scenario: 'request-path',
      date: new Date().toISOString(),
      machine: machine(background),
      options: {
        connections: opts.connections,
        durationS: opts.durationS,
        warmupS: opts.warmupS,
        rounds: opts.rounds,
      },
      results,
      ratios,
      target: { ratio: TARGET_RATIO, meets },
      valid,
    };
  } finally {
    await api.stop();
  }
}

export function printRequestPath(r: RequestPathResult): string {
  const base = r.results.find((x) => x.name === '{__typename} anonymous')?.rps ?? Number.NaN;
  const rows = r.results.map((x) => [
    x.name,
    x.rps.toFixed(0),
    ms(x.latencyMs.p50),
    ms(x.latencyMs.p99),
    pct(x.rps / base),
    cpuPct(x.cpu?.processes.api),
    cpuPct(x.cpu?.processes.ferretdb),
    cpuPct(x.cpu?.processes.postgres),
    cpuPct(x.cpu?.processes.client),
    cpuPct(x.cpu?.machineBusy),
    x.responses,
    x.errors +
      x.mismatches +
      Object.entries(x.statusCounts).reduce((n, [c, k]) => n + (c === '200' ? 0 : k), 0),
  ]);
  const lines = [
    `request path — ${r.options.connections} connections, ${r.options.durationS} s per target in ` +
      `${r.options.rounds} interleaved slices (after ${r.options.warmupS} s warm-up each)`,
    machineLine(r.machine),
    table(
      [
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'vs anon',
        'API',
        'FerretDB',
        'PG',
        'client',
        'machine',
        'responses',
        'bad',
      ],
      rows,
    ),
    '(CPU over the measurement: API process, FerretDB, its PostgreSQL backends, the load generator in % of one core; machine in % of all cores)',
    '',
    ...Object.entries(r.ratios).map(([k, v]) => `${k}: ${pct(v)}`),
    `target: authenticated read ≥ ${pct(r.target.ratio)} of anonymous {__typename} — ${r.target.meets ? 'MET' : 'NOT MET'}`,
  ];
  const unsteady = r.results.filter((x) => Math.max(...x.sliceRps) > 2 * Math.min(...x.sliceRps));
  if (unsteady.length > 0)
    lines.push(
      `unsteady: the slices of ${unsteady.map((x) => x.name).join(', ')} differ more than 2× in req/s ` +
        '(the machine’s load changed during the run): repeat before trusting the ratios',
    );
  if (!r.valid)
    lines.push('INVALID: some answers were not 200 with the expected body (see "bad" and the JSON)');
  return lines.join('\n');
}

export async function runRequestPath(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  const result = await requestPath(services, opts);
  process.stdout.write(`\n${printRequestPath(result)}\n`);
  process.stdout.write(`result: ${writeResult('request-path', result)}\n`);
  return result.valid;
}
