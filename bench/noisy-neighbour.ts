// Benchmark 2, the noisy neighbour: does one tenant's flood hurt another tenant? One API process,
// two pooled tenants, in one run:
//   1. tenant B alone: a steady open-loop R requests/s of an authenticated read (its current user);
//   2. tenant A floods the same read on F connections with a plan of P requests/minute, so that
//      after its first P requests it is answered 429 + Retry-After; meanwhile B keeps its steady
//      rate and is measured again.
// Reported: B's p50/p95 alone and under the flood, the p95 ratio (target ≤ 2×), A's 429 share.
import type { RunningServices } from '@tandem/services';
import type { BenchOptions } from './lib/options.js';
import { cpuWindow, type CpuUsage } from './lib/cpu.js';
import { log, seedTenant, startApi, watchedPids } from './lib/harness.js';
import {
  closedLoop,
  steadyRate,
  type ClosedLoopResult,
  type HttpTarget,
  type SteadyResult,
} from './lib/load.js';
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
import { ME_QUERY } from './request-path.js';

const TARGET_P95_RATIO = 2;

function viewerTarget(name: string, token: string): HttpTarget {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ME_QUERY }),
  };
}

export interface NoisyNeighbourResult {
  scenario: 'noisy-neighbour';
  date: string;
  machine: Machine;
  options: {
    steadyRatePerS: number;
    floodConnections: number;
    floodPlanPerMinute: number;
    durationS: number;
    warmupS: number;
  };
  bAlone: SteadyResult & { cpu: CpuUsage };
  bUnderFlood: SteadyResult & { cpu: CpuUsage };
  flood: ClosedLoopResult & { share429: number };
  /** after the flood, A's next request: 429 with Retry-After and code RATE_LIMITED */
  floodRejection: { status: number; retryAfter: string | null; code: string | null };
  p95Ratio: number;
  p50Ratio: number;
  target: { p95Ratio: number; meets: boolean };
  /** B got only 200s with the expected body; A was really rate limited with Retry-After */
  valid: boolean;
}

export async function noisyNeighbour(
  services: RunningServices,
  opts: BenchOptions,
): Promise<NoisyNeighbourResult> {
  const background = await backgroundBusy();
  const api = await startApi(services, 'noisy');
  try {
    const a = await seedTenant(api, opts.floodPlanPerMinute);
    const b = await seedTenant(api, 1_000_000);
    const bTarget = viewerTarget('tenant B viewer', b.adminToken);
    const aTarget = viewerTarget('tenant A viewer (flood)', a.adminToken);

    const first = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: bTarget.headers,
      body: bTarget.body ?? null,
    });
    bTarget.expectBody = await first.text();
    if (first.status !== 200 || bTarget.expectBody.includes('"errors"'))
      throw new Error(`tenant B: expected 200, got ${first.status} ${bTarget.expectBody.slice(0, 300)}`);

    const steady = { ratePerS: opts.steadyRate, durationS: opts.durationS };
    if (opts.warmupS > 0) await steadyRate(api.baseUrl, bTarget, { ...steady, durationS: opts.warmupS });
    log(`noisy-neighbour: tenant B alone, ${opts.steadyRate} req/s for ${opts.durationS} s`);
    const pids = watchedPids(services, api);
    const aloneCpu = cpuWindow(pids);
    const bAlone = { ...(await steadyRate(api.baseUrl, bTarget, steady)), cpu: aloneCpu() };

    log(
      `noisy-neighbour: tenant A floods on ${opts.floodConnections} connections (plan ${opts.floodPlanPerMinute}/min); ` +
        `B measured after ${opts.warmupS} s`,
    );
    // The flood covers B's measurement with a second to spare, and runs in a worker thread.
    const floodRun = closedLoop(api.baseUrl, aTarget, {
      connections: opts.floodConnections,
      durationS: opts.warmupS + opts.durationS + 1,
      inWorker: true,
    });
    let bUnderFlood: NoisyNeighbourResult['bUnderFlood'];
    try {
      await new Promise((r) => setTimeout(r, opts.warmupS * 1000));
      const floodCpu = cpuWindow(pids);
      bUnderFlood = { ...(await steadyRate(api.baseUrl, bTarget, steady)), cpu: floodCpu() };
    } finally {
      await floodRun.catch(() => undefined);
    }
    const floodResult = await floodRun;
    const flood = {
      ...floodResult,
      share429: (floodResult.statusCounts['429'] ?? 0) / Math.max(1, floodResult.responses),
    };

    const probe = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: aTarget.headers,
      body: aTarget.body ?? null,
    });
    const probeBody = (await probe.json().catch(() => ({}))) as {
      errors?: { extensions?: { code?: string } }[];
    };
    const floodRejection = {
      status: probe.status,
      retryAfter: probe.headers.get('retry-after'),
      code: probeBody.errors?.[0]?.extensions?.code ?? null,
    };

    const bOk = (s: SteadyResult): boolean =>
      s.errors === 0 && s.mismatches === 0 && Object.keys(s.statusCounts).every((c) => c === '200');
    const valid =
      bOk(bAlone) &&
      bOk(bUnderFlood) &&
      floodRejection.status === 429 &&
      floodRejection.retryAfter !== null &&
      floodRejection.code === 'RATE_LIMITED' &&
      flood.share429 > 0.5;
    const p95Ratio = bUnderFlood.latencyMs.p95 / bAlone.latencyMs.p95;
    return {
      scenario: 'noisy-neighbour',
      date: new Date().toISOString(),
      machine: machine(background),
      options: {
        steadyRatePerS: opts.steadyRate,
        floodConnections: opts.floodConnections,
        floodPlanPerMinute: opts.floodPlanPerMinute,
        durationS: opts.durationS,
        warmupS: opts.warmupS,
      },
      bAlone,
      bUnderFlood,
      flood,
      floodRejection,
      p95Ratio,
      p50Ratio: bUnderFlood.latencyMs.p50 / bAlone.latencyMs.p50,
      target: { p95Ratio: TARGET_P95_RATIO, meets: p95Ratio <= TARGET_P95_RATIO },
      valid,
    };
  } finally {
    await api.stop();
  }
}

export function printNoisyNeighbour(r: NoisyNeighbourResult): string {
  const o = r.options;
  const steadyRow = (label: string, s: SteadyResult & { cpu: CpuUsage }): (string | number)[] => [
    label,
    s.sent,
    ms(s.latencyMs.p50),
    ms(s.latencyMs.p95),
    ms(s.latencyMs.p99),
    ms(s.latencyMs.max),
    cpuPct(s.cpu.processes.api),
    cpuPct(s.cpu.processes.ferretdb),
    cpuPct(s.cpu.machineBusy),
    s.errors +
      s.mismatches +
      Object.entries(s.statusCounts).reduce((n, [c, k]) => n + (c === '200' ? 0 : k), 0),
  ];
  const f = r.flood;
  const lines = [
    `noisy neighbour — tenant B steady ${o.steadyRatePerS} req/s for ${o.durationS} s; ` +
      `tenant A ${o.floodConnections} connections, plan ${o.floodPlanPerMinute}/min`,
    machineLine(r.machine),
    table(
      [
        'tenant B (viewer)',
        'requests',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'API cpu',
        'FerretDB cpu',
        'machine',
        'bad',
      ],
      [steadyRow('alone', r.bAlone), steadyRow('under A’s flood', r.bUnderFlood)],
    ),
    '(latency from each request’s scheduled send time; cpu: API and FerretDB in % of one core, machine in % of all cores)',
    '',
    table(
      ['tenant A (flood)', 'responses', 'req/s', '200', '429', '429 share', 'p50 ms', 'p99 ms', 'errors'],
      [
        [
          `${f.connections} connections, ${f.durationS} s`,
          f.responses,
          f.rps.toFixed(0),
          f.statusCounts['200'] ?? 0,
          f.statusCounts['429'] ?? 0,
          pct(f.share429),
          ms(f.latencyMs.p50),
          ms(f.latencyMs.p99),
          f.errors,
        ],
      ],
    ),
    `A after the flood: ${r.floodRejection.status}, Retry-After ${r.floodRejection.retryAfter ?? 'missing'}, ${r.floodRejection.code ?? 'no code'}`,
    '',
    `B p95 under flood / alone: ${r.p95Ratio.toFixed(2)}× (p50: ${r.p50Ratio.toFixed(2)}×)`,
    `target: ≤ ${r.target.p95Ratio}× — ${r.target.meets ? 'MET' : 'NOT MET'}`,
    `client send lag (max): alone ${ms(r.bAlone.maxSendLagMs)} ms, under flood ${ms(r.bUnderFlood.maxSendLagMs)} ms`,
  ];
  if (!r.valid)
    lines.push('INVALID: B had failed answers, or A was not answered 429 + Retry-After (see the JSON)');
  return lines.join('\n');
}

export async function runNoisyNeighbour(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  const result = await noisyNeighbour(services, opts);
  process.stdout.write(`\n${printNoisyNeighbour(result)}\n`);
  process.stdout.write(`result: ${writeResult('noisy-neighbour', result)}\n`);
  return result.valid;
}
