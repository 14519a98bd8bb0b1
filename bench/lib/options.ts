// Command line of `npm run bench`: which scenarios, and how long / how hard each one runs.
// Every value is bounded, so a typo cannot turn a benchmark into an unbounded load test.
// The bench is a developer tool like tools/**, not server code: it reads its own BENCH_* variables
// (through node:process, the platform/config rule is for the server).
import { env } from 'node:process';
import { parseArgs } from 'node:util';

export const SCENARIOS = [
  'request-path',
  'noisy-neighbour',
  'ticket-create',
  'message-append',
  'fan-out',
  'business-time',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenarios: ScenarioName[];
  /** seconds of each measurement */
  durationS: number;
  /** seconds of warm-up before each measurement (not recorded) */
  warmupS: number;
  /** request path: concurrent connections of each closed-loop measurement */
  connections: number;
  /** request path: each target's measurement is split into this many interleaved slices */
  rounds: number;
  /** noisy neighbour: tenant A's concurrent connections */
  floodConnections: number;
  /** noisy neighbour: tenant B's steady requests per second */
  steadyRate: number;
  /** noisy neighbour: tenant A's plan, requests per minute (low: most of the flood is answered 429) */
  floodPlanPerMinute: number;
  /** ticket create: customers created beforehand, each writing once (found by de-dup, no open ticket) */
  customers: number;
  /** fan-out: graphql-ws subscribers (and as many bare WebSocket clients), half on each process */
  subscribers: number;
  /** fan-out: customer messages (and bare publishes) per second */
  publishRate: number;
}

export const USAGE = `usage: npm run bench [-- [scenario…] [options]]

  scenarios: ${SCENARIOS.join(', ')} (none named: all of them)
  --duration S             seconds per measurement           (BENCH_DURATION, default 10)
  --warmup S               seconds of warm-up before each    (BENCH_WARMUP, default 3)
  --connections N          request path, ticket create, message append: connections (BENCH_CONNECTIONS, default 16)
  --rounds N               request path, ticket create, message append, fan-out:
                           interleaved slices                 (BENCH_ROUNDS, default 4)
  --flood-connections N    noisy neighbour: tenant A's        (BENCH_FLOOD_CONNECTIONS, default 64)
  --rate R                 noisy neighbour: tenant B's req/s  (BENCH_RATE, default 10)
  --flood-plan N           noisy neighbour: tenant A's plan, requests/minute (BENCH_FLOOD_PLAN, default 60)
  --customers N            ticket create: customers created beforehand, each used once
                                                              (BENCH_CUSTOMERS, default 400)
  --subscribers N          fan-out: subscribers, half on each of two processes, at most 1000
                           (the API's 500 live connections per tenant and process)
                                                              (BENCH_SUBSCRIBERS, default 1000)
  --publish-rate R         fan-out: messages per second       (BENCH_PUBLISH_RATE, default 5)
  -h, --help

Services: MONGODB_URI / REDIS_URL if set, else tools/services (reusing \`cli up\` ones).
Results: a table on stdout and .run/bench/<time>-<scenario>.json.
`;

export class UsageError extends Error {}

function numberOption(
  name: string,
  flag: string | undefined,
  envName: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = flag ?? env[envName];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function scenarioName(arg: string): ScenarioName {
  if (arg === 'noisy-neighbor') return 'noisy-neighbour';
  const found = SCENARIOS.find((s) => s === arg);
  if (!found)
    throw new UsageError(`unknown scenario ${JSON.stringify(arg)} (known: ${SCENARIOS.join(', ')})`);
  return found;
}

/** Parses argv (without node and the script); `undefined` means: print usage and exit 0. */
export function parseOptions(argv: string[]): BenchOptions | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const chosen = positionals.map(scenarioName);
  return {
    scenarios: chosen.length > 0 ? SCENARIOS.filter((s) => chosen.includes(s)) : [...SCENARIOS],
    durationS: numberOption('--duration', values.duration, 'BENCH_DURATION', 10, 1, 120),
    warmupS: numberOption('--warmup', values.warmup, 'BENCH_WARMUP', 3, 0, 60),
    connections: Math.round(
      numberOption('--connections', values.connections, 'BENCH_CONNECTIONS', 16, 1, 256),
    ),
    rounds: Math.round(numberOption('--rounds', values.rounds, 'BENCH_ROUNDS', 4, 1, 20)),
    floodConnections: Math.round(
      numberOption('--flood-connections', values['flood-connections'], 'BENCH_FLOOD_CONNECTIONS', 64, 1, 512),
    ),
    steadyRate: numberOption('--rate', values.rate, 'BENCH_RATE', 10, 1, 200),
    floodPlanPerMinute: Math.round(
      numberOption('--flood-plan', values['flood-plan'], 'BENCH_FLOOD_PLAN', 60, 10, 1_000_000),
    ),
    customers: Math.round(numberOption('--customers', values.customers, 'BENCH_CUSTOMERS', 400, 10, 20_000)),
    subscribers: Math.round(
      numberOption('--subscribers', values.subscribers, 'BENCH_SUBSCRIBERS', 1000, 2, 1000),
    ),
    publishRate: numberOption('--publish-rate', values['publish-rate'], 'BENCH_PUBLISH_RATE', 5, 0.5, 50),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      'flood-connections': { type: 'string' },
      rate: { type: 'string' },
      'flood-plan': { type: 'string' },
      customers: { type: 'string' },
      subscribers: { type: 'string' },
      'publish-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
