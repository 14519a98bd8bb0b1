// Benchmark 2, the noisy neighbour: does one tenant's flood hurt another tenant? One API process,
// two pooled tenants, in one run. Tenant B sends a steady open-loop R requests/s of an
// authenticated read (its current user) throughout:
//   1. B alone, for half the duration;
//   2. tenant A floods the same read on F connections with a plan of P requests/minute, so that
//      after its first P requests it is answered 429 + Retry-After; after a warm-up B is measured
//      under the flood for the full duration;
//   3. the flood stops; after a cool-down, B alone again for the other half.
// "Alone" is 1 + 3 together: centred on the flood, so a drift in what else this shared machine
// runs falls on both sides alike.
// Reported: B's p50/p95 alone and under the flood, the p95 ratio (target ≤ 2×), A's 429 share.
import type { RunningServices } from '@tandem/services';
import type { BenchOptions } from './lib/options.js';
import { cpuWindow, type CpuUsage } from './lib/cpu.js';
import { log, seedTenant, startApi, watchedPids } from './lib/harness.js';
import {
  averageCpu,
  closedLoop,
  mergeSteady,
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

type Measured = SteadyResult & { cpu: CpuUsage | null };

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
    cooldownS: number;
  };
  /** B alone: before and after the flood together */
  bAlone: Measured;
  bAloneBefore: Measured;
  bAloneAfter: Measured;
  bUnderFlood: Measured;
  flood: ClosedLoopResult & { share429: number };
  /** after the flood, A's next request: 429 with Retry-After and code RATE_LIMITED */
  floodRejection: { status: number; retryAfter: string | null; code: string | null };
  p95Ratio: number;
  p50Ratio: number;
  target: { p95Ratio: number; meets: boolean };
  /** B got only 200s with the expected body; A was rate limited (429s, then 429 + Retry-After + RATE_LIMITED) */
  valid: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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

    const pids = watchedPids(services, api);
    const measureB = async (durationS: number): Promise<Measured> => {
      const cpu = cpuWindow(pids);
      const r = await steadyRate(api.baseUrl, bTarget, { ratePerS: opts.steadyRate, durationS });
      return { ...r, cpu: cpu() };
    };
    const half = opts.durationS / 2;
    const cooldownS = Math.max(2, opts.warmupS);

    if (opts.warmupS > 0)
      await steadyRate(api.baseUrl, bTarget, { ratePerS: opts.steadyRate, durationS: opts.warmupS });
    log(`noisy-neighbour: tenant B alone, ${opts.steadyRate} req/s for ${half} s`);
    const bAloneBefore = await measureB(half);

    log(
      `noisy-neighbour: tenant A floods on ${opts.floodConnections} connections (plan ${opts.floodPlanPerMinute}/min); ` +
        `B measured for ${opts.durationS} s after ${opts.warmupS} s`,
    );
    // The flood covers B's measurement with a second to spare, and runs in a worker thread.
    const floodRun = closedLoop(api.baseUrl, aTarget, {
      connections: opts.floodConnections,
      durationS: opts.warmupS + opts.durationS + 1,
      inWorker: true,
    });
    let bUnderFlood: Measured;
    try {
      await sleep(opts.warmupS * 1000);
      bUnderFlood = await measureB(opts.durationS);
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

    log(`noisy-neighbour: cool-down ${cooldownS} s, then tenant B alone again for ${half} s`);
    await sleep(cooldownS * 1000);
    const bAloneAfter = await measureB(half);
    const bAlone: Measured = {
      ...mergeSteady(bAloneBefore, bAloneAfter),
      cpu: averageCpu([bAloneBefore.cpu, bAloneAfter.cpu].filter((c): c is CpuUsage => c !== null)),
    };

    const bOk = (s: SteadyResult): boolean =>
      s.errors === 0 && s.mismatches === 0 && Object.keys(s.statusCounts).every((c) => c === '200');
    const valid =
      bOk(bAlone) &&
      bOk(bUnderFlood) &&
      floodRejection.status === 429 &&
      floodRejection.retryAfter !== null &&
      floodRejection.code === 'RATE_LIMITED' &&
      (flood.statusCounts['429'] ?? 0) > 0;
    const p95Ratio = (bUnderFlood.latencyMs.p95 ?? Number.NaN) / (bAlone.latencyMs.p95 ?? Number.NaN);
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
        cooldownS,
      },
      bAlone,
      bAloneBefore,
      bAloneAfter,
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
  const steadyRow = (label: string, s: Measured): (string | number)[] => [
    label,
    s.sent,
    ms(s.latencyMs.p50),
    ms(s.latencyMs.p95 ?? Number.NaN),
    ms(s.latencyMs.p99),
    ms(s.latencyMs.max),
    cpuPct(s.cpu?.processes.api),
    cpuPct(s.cpu?.processes.ferretdb),
    cpuPct(s.cpu?.processes.postgres),
    cpuPct(s.cpu?.processes.client),
    cpuPct(s.cpu?.machineBusy),
    s.timeouts,
    s.errors +
      s.mismatches +
      Object.entries(s.statusCounts).reduce((n, [c, k]) => n + (c === '200' ? 0 : k), 0),
  ];
  const f = r.flood;
  const lines = [
    `noisy neighbour — tenant B steady ${o.steadyRatePerS} req/s, ${o.durationS} s alone (half before, half after ` +
      `the flood) and ${o.durationS} s under the flood; tenant A ${o.floodConnections} connections, plan ${o.floodPlanPerMinute}/min`,
    machineLine(r.machine),
    table(
      [
        'tenant B (viewer)',
        'requests',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'API',
        'FerretDB',
        'PG',
        'client',
        'machine',
        'timed out',
        'bad',
      ],
      [
        steadyRow('alone (before + after)', r.bAlone),
        steadyRow('under A’s flood', r.bUnderFlood),
        steadyRow('  alone, before', r.bAloneBefore),
        steadyRow('  alone, after', r.bAloneAfter),
      ],
    ),
    '(latency from each request’s scheduled send time to its answer, or to its 30 s timeout; CPU: API, FerretDB, PostgreSQL backends, load generator (with A’s flood) in % of one core; machine in % of all cores)',
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
  const before = r.bAloneBefore.latencyMs.p95 ?? Number.NaN;
  const after = r.bAloneAfter.latencyMs.p95 ?? Number.NaN;
  if (Math.max(before, after) > 2 * Math.min(before, after))
    lines.push(
      'unsteady: B alone before and after the flood differ more than 2× in p95 (the machine’s load changed ' +
        'during the run): repeat before trusting the ratio',
    );
  if (r.flood.share429 < 0.5)
    lines.push(
      'note: most of the flood was served, not rejected: raise --flood-connections or lower --flood-plan',
    );
  if (!r.valid)
    lines.push(
      'INVALID: B had connection errors or answers other than its 200 body, or A was not answered 429 + Retry-After (see the JSON)',
    );
  return lines.join('\n');
}

export async function runNoisyNeighbour(services: RunningServices, opts: BenchOptions): Promise<boolean> {
  const result = await noisyNeighbour(services, opts);
  process.stdout.write(`\n${printNoisyNeighbour(result)}\n`);
  process.stdout.write(`result: ${writeResult('noisy-neighbour', result)}\n`);
  return result.valid;
}
