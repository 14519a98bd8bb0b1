// `npm run bench [-- <scenario>…] [options]` — see bench/README.md (and `npm run bench -- --help`).
// Starts (or reuses) the services once, runs each scenario against its own API process, prints a
// table per scenario and writes .run/bench/<time>-<scenario>.json. Exit 1 when a scenario failed
// or its answers were not what was measured (e.g. errors instead of reads); a missed target is a
// result, not a failure. Everything started is stopped, also on an error or Ctrl-C.
import type { RunningServices } from '@tandem/services';
import { buildSdk } from './lib/build.js';
import { USAGE, UsageError, parseOptions, type BenchOptions, type ScenarioName } from './lib/options.js';

type Runner = (s: RunningServices, o: BenchOptions) => Promise<boolean>;

// Imported only after buildSdk(): they import the core, which imports the SDK's dist/.
async function runner(name: ScenarioName): Promise<Runner> {
  switch (name) {
    case 'request-path':
      return (await import('./request-path.js')).runRequestPath;
    case 'noisy-neighbour':
      return (await import('./noisy-neighbour.js')).runNoisyNeighbour;
    case 'ticket-create':
      return (await import('./intake.js')).runTicketCreate;
    case 'message-append':
      return (await import('./intake.js')).runMessageAppend;
    case 'fan-out':
      return (await import('./fan-out.js')).runFanOut;
    case 'business-time':
      return (await import('./business-time.js')).runBusinessTime;
  }
}

async function main(argv: string[]): Promise<number> {
  let opts: BenchOptions | undefined;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(USAGE);
    return 0;
  }
  buildSdk();
  const { log, startBenchServices, stopAllApis } = await import('./lib/harness.js');
  const services = await startBenchServices();
  let stopping: Promise<void> | undefined;
  const stopServices = (): Promise<void> => (stopping ??= services.stop());
  // Ctrl-C / SIGTERM: stop the running API processes and helpers (by pid) and the services this
  // run started. `on`, not `once`: tsx (npm run bench) relays the signal to this process again when
  // it does not hear back within 30 ms — likely on a busy machine — and with no listener left its
  // hook exits at once, skipping the clean-up; repeats are ignored while stopping.
  let stoppingOnSignal = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppingOnSignal) return;
    stoppingOnSignal = true;
    log(`${signal}: stopping`);
    void stopAllApis()
      .then(stopServices)
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let ok = true;
  try {
    for (const name of opts.scenarios) {
      try {
        if (!(await (await runner(name))(services, opts))) ok = false;
      } catch (e) {
        ok = false;
        log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  } finally {
    await stopServices();
  }
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`[bench] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
